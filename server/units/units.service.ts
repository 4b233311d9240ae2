import { requirePermission } from "../auth/permissions.js";
import type { Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { appendJournal } from "../journal/journal.service.js";
import type { Page } from "../relay/connection.js";
import { parseId, parseOptionalId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { units } from "../../db/tables/index.js";
import type { CreateUnitInput, UnitsArgs } from "./unit.inputs.js";
import { Unit, UnitKind } from "./unit.type.js";
import { countUnits, insertUnit, selectUnitsPage, selectUnitUnscoped, type UnitWhere } from "./units.queries.js";

/** Units visible to the viewer, in tree order (path), Relay-paged. */
export async function listUnits(ctx: Context, args: UnitsArgs): Promise<Page<Unit>> {
  const f = args.filter ?? {};
  const where: UnitWhere = {
    parentId: parseOptionalId("filter.parent", f.parent, "Unit"),
    kind: f.kind ?? undefined,
    level: f.level ?? undefined,
    businessLine: f.businessLine ?? undefined,
    text: f.text ?? undefined,
  };
  if (f.under) {
    const under = await ctx.loaders.unit.load(parseId("filter.under", f.under, "Unit"));
    if (!under) throw notFound("Unit", f.under);
    where.underPath = under.path;
  }
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: units.id,
    sort: { column: units.path, cast: "text", direction: "asc", value: (row) => row.path },
    fetch: (keyset, orderBy, limit) => selectUnitsPage(ctx.db, ctx.scope, where, keyset, orderBy, limit),
    count: () => countUnits(ctx.db, ctx.scope, where),
    map: Unit.from,
  });
}

/** A unit the viewer may see, or NOT_FOUND. */
export async function getUnit(ctx: Context, globalId: string, field = "id"): Promise<Unit> {
  const unit = await ctx.loaders.unit.load(parseId(field, globalId, "Unit"));
  if (!unit) throw notFound("Unit", globalId);
  return unit;
}

/** Creates a unit under a parent (or a root); journaled. */
export async function createUnit(ctx: Context, input: CreateUnitInput): Promise<Unit> {
  requirePermission(ctx.viewer, "administer");
  const parentId = parseOptionalId("parent", input.parent, "Unit");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const parent = parentId === undefined ? undefined : await selectUnitUnscoped(tx, parentId);
    if (parentId !== undefined && !parent) throw notFound("Unit", input.parent!);
    if (input.kind === UnitKind.DEPARTMENT && !parent) throw badInput("parent", "a department needs a parent office");
    const row = await insertUnit(tx, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      level: input.level,
      category: input.category ?? null,
      businessLine: input.businessLine ?? null,
      parentId: parent?.id ?? null,
      parentPath: parent?.path ?? null,
      sortOrder: input.sortOrder ?? 0,
    }).catch((error: unknown) => {
      throw isUniqueViolation(error) ? badInput("code", "another unit has this code") : error;
    });
    await appendJournal(tx, ctx.actor, now, { action: "createUnit", entity: "Unit", entityId: row.id, unitPath: row.path, before: null, after: row });
    return Unit.from(row);
  });
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}
