import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { units } from "../../db/tables/index.js";
import { escapeLike, scopeCondition, scopeParam, scopeParams, type Scope } from "../scope.js";
import { preparedPer } from "../prepared.js";
import type { UnitRow } from "./unit.type.js";

export interface UnitWhere {
  underPath?: string;
  parentId?: number;
  kind?: UnitRow["kind"];
  level?: UnitRow["level"];
  businessLine?: string;
  text?: string;
}

function unitConditions(scope: Scope, where: UnitWhere): SQL | undefined {
  return and(
    scopeCondition(units.path, scope),
    where.underPath !== undefined ? sql`${units.path} like ${escapeLike(where.underPath) + "%"}` : undefined,
    where.parentId !== undefined ? eq(units.parentId, where.parentId) : undefined,
    where.kind ? eq(units.kind, where.kind) : undefined,
    where.level ? eq(units.level, where.level) : undefined,
    where.businessLine ? eq(units.businessLine, where.businessLine) : undefined,
    where.text ? or(ilike(units.name, `%${escapeLike(where.text)}%`), ilike(units.code, `%${escapeLike(where.text)}%`)) : undefined,
  );
}

export function selectUnitsPage(db: Db, scope: Scope, where: UnitWhere, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(units).where(and(unitConditions(scope, where), keyset)).orderBy(...orderBy).limit(limit);
}

export async function countUnits(db: Db, scope: Scope, where: UnitWhere): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(units).where(unitConditions(scope, where));
  return row?.n ?? 0;
}

const unitsByIds = preparedPer((db) =>
  db
    .select()
    .from(units)
    .where(and(sql`${units.id} = any(${sql.placeholder("ids")}::int[])`, scopeParam(units.path, "scope")))
    .prepare("units_by_ids"),
);

export function selectUnitsByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<UnitRow[]> {
  const s = scopeParams(scope);
  return unitsByIds(db).execute({ ids: [...ids], scopeAll: s.all, scopePaths: s.paths });
}

const childUnits = preparedPer((db) =>
  db
    .select()
    .from(units)
    .where(and(sql`${units.parentId} = any(${sql.placeholder("ids")}::int[])`, scopeParam(units.path, "scope")))
    .orderBy(asc(units.sortOrder), asc(units.id))
    .prepare("child_units"),
);

export function selectChildUnits(db: Db, scope: Scope, parentIds: readonly number[]): Promise<UnitRow[]> {
  const s = scopeParams(scope);
  return childUnits(db).execute({ ids: [...parentIds], scopeAll: s.all, scopePaths: s.paths });
}

/** Ids are not secret inside the service layer; used to resolve paths when writing. */
const unitUnscoped = preparedPer((db) => db.select().from(units).where(eq(units.id, sql.placeholder("id"))).prepare("unit_unscoped"));

export async function selectUnitUnscoped(db: Db, id: number): Promise<UnitRow | undefined> {
  const [row] = await unitUnscoped(db).execute({ id });
  return row;
}

export async function insertUnit(db: Db, values: Omit<typeof units.$inferInsert, "path"> & { parentPath: string | null }): Promise<UnitRow> {
  const { parentPath, ...rest } = values;
  const [created] = await db.insert(units).values({ ...rest, path: "/" }).returning();
  const path = `${parentPath ?? "/"}${created!.id}/`;
  const [row] = await db.update(units).set({ path }).where(eq(units.id, created!.id)).returning();
  return row!;
}

export async function setUnitHead(db: Db, unitId: number, headId: number | null): Promise<UnitRow> {
  const [row] = await db.update(units).set({ headId }).where(eq(units.id, unitId)).returning();
  return row!;
}

/**
 * The top of the visible tree: all roots when unscoped, else the units the scope's subtrees start
 * at (scope paths are units' own paths, none inside another), by the path index.
 */
export function selectRootUnits(db: Db, scope: Scope): Promise<UnitRow[]> {
  if (scope.kind === "SUBTREES" && scope.paths.length === 0) return Promise.resolve([]);
  const top = scope.kind === "ALL" ? sql`${units.parentId} is null` : inArray(units.path, scope.paths);
  return db.select().from(units).where(top).orderBy(asc(units.sortOrder), asc(units.id));
}

export async function selectUnitByCode(db: Db, code: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(units).where(eq(units.code, code));
  return row;
}
