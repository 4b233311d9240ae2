import { requirePermission } from "../auth/permissions.js";
import { people } from "../../db/tables/index.js";
import type { Context } from "../context.js";
import { notFound } from "../errors.js";
import { appendJournal } from "../journal/journal.service.js";
import type { Page } from "../relay/connection.js";
import { parseId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { setUnitHead, selectUnitUnscoped } from "../units/units.queries.js";
import type { CreatePersonInput, PeopleArgs } from "./person.inputs.js";
import { Person } from "./person.type.js";
import { countPeople, insertPerson, selectPeoplePage, type PersonWhere } from "./people.queries.js";

export async function listPeople(ctx: Context, args: PeopleArgs): Promise<Page<Person>> {
  const f = args.filter ?? {};
  const where: PersonWhere = {
    position: f.position ?? undefined,
    supervisorKind: f.supervisorKind ?? undefined,
    text: f.text ?? undefined,
  };
  if (f.unit) {
    const unit = await ctx.loaders.unit.load(parseId("filter.unit", f.unit, "Unit"));
    if (!unit) throw notFound("Unit", f.unit);
    where.underPath = unit.path;
  }
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: people.id,
    sort: { column: people.id, cast: "int", direction: "asc", value: (row) => row.id },
    fetch: (keyset, orderBy, limit) => selectPeoplePage(ctx.db, ctx.scope, where, keyset, orderBy, limit),
    count: () => countPeople(ctx.db, ctx.scope, where),
    map: Person.from,
  });
}

export async function getPerson(ctx: Context, globalId: string, field = "id"): Promise<Person> {
  const person = await ctx.loaders.person.load(parseId(field, globalId, "Person"));
  if (!person) throw notFound("Person", globalId);
  return person;
}

/** Adds a person to a unit (optionally as its head); journaled. */
export async function createPerson(ctx: Context, input: CreatePersonInput): Promise<Person> {
  requirePermission(ctx.viewer, "administer");
  const unitId = parseId("unit", input.unit, "Unit");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const unit = await selectUnitUnscoped(tx, unitId);
    if (!unit) throw notFound("Unit", input.unit);
    const row = await insertPerson(tx, {
      name: input.name,
      unitId,
      position: input.position,
      supervisorKind: input.supervisorKind ?? null,
    });
    if (input.head) await setUnitHead(tx, unitId, row.id);
    await appendJournal(tx, ctx.actor, now, {
      action: "createPerson",
      entity: "Person",
      entityId: row.id,
      unitPath: unit.path,
      before: null,
      after: { ...row, head: Boolean(input.head) },
    });
    return Person.from(row);
  });
}
