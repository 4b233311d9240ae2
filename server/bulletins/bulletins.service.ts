import { bulletins } from "../../db/tables/index.js";
import type { BulletinItemSnapshot } from "../../db/tables/index.js";
import { can, requirePermission } from "../auth/permissions.js";
import { shanghaiDate } from "../clock.js";
import type { Context } from "../context.js";
import { AppError, badInput, notFound } from "../errors.js";
import { selectFindingNames, selectFindingsByIds } from "../findings/findings.queries.js";
import { appendJournal } from "../journal/journal.service.js";
import type { Page } from "../relay/connection.js";
import { parseId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { inScope } from "../scope.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import type { BulletinsArgs, CreateBulletinInput } from "./bulletin.inputs.js";
import { Bulletin, BulletinItemKind } from "./bulletin.type.js";
import {
  countBulletins,
  insertBulletin,
  lockBulletinYear,
  nextBulletinNumber,
  selectBulletinForUpdate,
  selectBulletinsPage,
  selectItemsByBulletins,
  setItemSnapshots,
  setPublished,
  type BulletinWhere,
} from "./bulletins.queries.js";

export async function listBulletins(ctx: Context, args: BulletinsArgs): Promise<Page<Bulletin>> {
  const f = args.filter ?? {};
  const where: BulletinWhere = { published: f.published ?? undefined, year: f.year ?? undefined, kind: f.kind ?? undefined };
  const readDrafts = can(ctx.viewer, "readDrafts");
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: bulletins.id,
    sort: { column: bulletins.id, cast: "int", direction: "desc", value: (r) => r.id },
    fetch: (keyset, orderBy, limit) => selectBulletinsPage(ctx.db, ctx.scope, readDrafts, where, keyset, orderBy, limit),
    count: () => countBulletins(ctx.db, ctx.scope, readDrafts, where),
    map: Bulletin.from,
  });
}

export async function getBulletin(ctx: Context, globalId: string): Promise<Bulletin> {
  const bulletin = await ctx.loaders.bulletin.load(parseId("id", globalId, "Bulletin"));
  if (!bulletin) throw notFound("Bulletin", globalId);
  return bulletin;
}

/** 拟稿: a draft bulletin naming findings and highlights; it gets its number when published. */
export async function createBulletin(ctx: Context, input: CreateBulletinInput): Promise<Bulletin> {
  requirePermission(ctx.viewer, "composeBulletin");
  const unitId = parseId("unit", input.unit, "Unit");
  const now = ctx.clock.now();
  const items = input.items.map((item, index) => {
    const field = `items[${index}]`;
    if (item.kind === BulletinItemKind.CRITICISM && !item.finding) throw badInput(`${field}.finding`, "a criticism item names a finding");
    if (item.kind === BulletinItemKind.HIGHLIGHT && !item.text?.trim()) throw badInput(`${field}.text`, "a highlight needs its text");
    return { kind: item.kind, findingId: item.finding ? parseId(`${field}.finding`, item.finding, "Finding") : null, text: item.text?.trim() ?? "" };
  });
  return ctx.db.transaction(async (tx) => {
    const unit = await selectUnitUnscoped(tx, unitId);
    if (!unit || !inScope(unit.path, ctx.scope)) throw notFound("Unit", input.unit);
    const findingIds = items.flatMap((i) => (i.findingId === null ? [] : [i.findingId]));
    const found = new Map((await selectFindingsByIds(tx, ctx.findingScope, findingIds)).map((f) => [f.id, f]));
    for (const [index, item] of items.entries()) {
      if (item.findingId === null) continue;
      const finding = found.get(item.findingId);
      if (!finding) throw notFound("Finding", input.items[index]!.finding!);
      if (!finding.unitPath.startsWith(unit.path)) throw badInput(`items[${index}].finding`, "the finding is outside the issuing unit's jurisdiction");
      if (!item.text) item.text = finding.title;
    }
    const { bulletin, items: itemRows } = await insertBulletin(
      tx,
      { unitId, unitPath: unit.path, kind: input.kind, title: input.title.trim(), createdAt: now },
      items.map((item, index) => ({ ...item, position: index + 1 })),
    );
    await appendJournal(tx, ctx.actor, now, {
      action: "createBulletin",
      entity: "Bulletin",
      entityId: bulletin.id,
      unitPath: bulletin.unitPath,
      before: null,
      after: { ...bulletin, items: itemRows },
    });
    return Bulletin.from(bulletin);
  });
}

/**
 * 发布: gives the bulletin the next number of its year (safe under concurrent publishing: a
 * per-year advisory lock plus a unique index) and freezes what each item names.
 */
export async function publishBulletin(ctx: Context, globalId: string): Promise<Bulletin> {
  requirePermission(ctx.viewer, "publishBulletin");
  const id = parseId("id", globalId, "Bulletin");
  const now = ctx.clock.now();
  const year = Number(shanghaiDate(now).slice(0, 4));
  return ctx.db.transaction(async (tx) => {
    const before = await selectBulletinForUpdate(tx, id);
    if (!before || !inScope(before.unitPath, ctx.scope)) throw notFound("Bulletin", globalId);
    if (before.publishedAt) throw new AppError("INVALID_TRANSITION", `bulletin ${before.year}年第${before.number}期 is already published`);
    const items = await selectItemsByBulletins(tx, [id]);
    const names = new Map((await selectFindingNames(tx, items.flatMap((i) => (i.findingId ? [i.findingId] : [])))).map((n) => [n.id, n]));
    const findingRows = new Map((await selectFindingsByIds(tx, { kind: "ALL" }, [...names.keys()])).map((f) => [f.id, f]));
    const snapshots = items.map((item) => {
      const n = item.findingId ? names.get(item.findingId) : undefined;
      const f = item.findingId ? findingRows.get(item.findingId) : undefined;
      const snapshot: BulletinItemSnapshot | null =
        n && f
          ? {
              unitName: n.unitKind === "DEPARTMENT" ? (n.parentName ?? n.unitName) : n.unitName,
              departmentName: n.unitKind === "DEPARTMENT" ? n.unitName : null,
              handlerName: n.handlerName,
              caseRef: f.caseRef,
              title: f.title,
              description: f.description,
            }
          : null;
      return { id: item.id, snapshot };
    });
    await setItemSnapshots(tx, snapshots);
    await lockBulletinYear(tx, year);
    const number = await nextBulletinNumber(tx, year);
    const after = await setPublished(tx, id, { year, number, publishedAt: now, publishedById: ctx.actor.personId });
    await appendJournal(tx, ctx.actor, now, {
      action: "publishBulletin",
      entity: "Bulletin",
      entityId: id,
      unitPath: after.unitPath,
      before,
      after: { ...after, items: items.map((item, i) => ({ ...item, snapshot: snapshots[i]!.snapshot })) },
    });
    return Bulletin.from(after);
  });
}
