import { and, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { people, units } from "../../db/tables/index.js";
import { escapeLike, scopeCondition, scopeParam, scopeParams, type Scope } from "../scope.js";
import { preparedPer } from "../prepared.js";
import type { PersonRow } from "./person.type.js";

export interface PersonWhere {
  underPath?: string;
  position?: PersonRow["position"];
  supervisorKind?: NonNullable<PersonRow["supervisorKind"]>;
  text?: string;
}

/** A person's visibility follows their unit's path. */
const unitPath = sql`(select ${units.path} from ${units} where ${units.id} = ${people.unitId})`;

function personConditions(scope: Scope, where: PersonWhere): SQL | undefined {
  return and(
    scopeCondition(unitPath, scope),
    where.underPath !== undefined ? sql`${unitPath} like ${escapeLike(where.underPath) + "%"}` : undefined,
    where.position ? eq(people.position, where.position) : undefined,
    where.supervisorKind ? eq(people.supervisorKind, where.supervisorKind) : undefined,
    where.text ? ilike(people.name, `%${escapeLike(where.text)}%`) : undefined,
  );
}

export function selectPeoplePage(db: Db, scope: Scope, where: PersonWhere, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(people).where(and(personConditions(scope, where), keyset)).orderBy(...orderBy).limit(limit);
}

export async function countPeople(db: Db, scope: Scope, where: PersonWhere): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(people).where(personConditions(scope, where));
  return row?.n ?? 0;
}

const peopleByIds = preparedPer((db) =>
  db
    .select()
    .from(people)
    .where(and(sql`${people.id} = any(${sql.placeholder("ids")}::int[])`, scopeParam(unitPath, "scope")))
    .prepare("people_by_ids"),
);

export function selectPeopleByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<PersonRow[]> {
  const s = scopeParams(scope);
  return peopleByIds(db).execute({ ids: [...ids], scopeAll: s.all, scopePaths: s.paths });
}

const personUnscoped = preparedPer((db) =>
  db
    .select({ person: people, unitPath: units.path })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, sql.placeholder("id")))
    .prepare("person_unscoped"),
);

export async function selectPersonUnscoped(db: Db, id: number): Promise<(PersonRow & { unitPath: string }) | undefined> {
  const [row] = await personUnscoped(db).execute({ id });
  return row ? { ...row.person, unitPath: row.unitPath } : undefined;
}

export async function insertPerson(db: Db, values: typeof people.$inferInsert): Promise<PersonRow> {
  const [row] = await db.insert(people).values(values).returning();
  return row!;
}
