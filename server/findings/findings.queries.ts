import { and, eq, getTableColumns, gte, ilike, inArray, lt, not, or, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { accountabilityActionFindings, findings, measures, people, responsibilities, units } from "../../db/tables/index.js";
import { addDays, shanghaiStartOfDay } from "../clock.js";
import { escapeLike, scopeCondition, scopeParam, scopeParams, type Scope } from "../scope.js";
import { preparedPer } from "../prepared.js";
import type { Flag } from "./finding.enums.js";
import type { FindingRow, MeasureRow, ResponsibilityRow } from "./finding.type.js";
import type { PersonRow } from "../people/person.type.js";
import type { UnitRow } from "../units/unit.type.js";
import { flagSql, inWarningSql, overdueSql } from "./flag.js";

export interface FindingWhere {
  underPath?: string;
  status?: FindingRow["status"][];
  flag?: Flag[];
  rectificationClass?: FindingRow["rectificationClass"][];
  severity?: FindingRow["severity"][];
  source?: FindingRow["source"][];
  category?: FindingRow["category"][];
  handlerId?: number;
  overdue?: boolean;
  inWarning?: boolean;
  deadlineFrom?: string;
  deadlineTo?: string;
  foundFrom?: string;
  foundTo?: string;
  text?: string;
}

const nonEmpty = <T>(list: T[] | undefined): list is T[] => list !== undefined && list.length > 0;

/** The WHERE clause of the ledger; `now` decides flags, overdue and warning. */
export function findingConditions(scope: Scope, where: FindingWhere, now: Date): SQL | undefined {
  const like = (text: string) => `%${escapeLike(text)}%`;
  return and(
    scopeCondition(findings.unitPath, scope),
    where.underPath !== undefined ? sql`${findings.unitPath} like ${escapeLike(where.underPath) + "%"}` : undefined,
    nonEmpty(where.status) ? inArray(findings.status, where.status) : undefined,
    nonEmpty(where.flag) ? or(...where.flag.map((f) => flagSql(f, now))) : undefined,
    nonEmpty(where.rectificationClass) ? inArray(findings.rectificationClass, where.rectificationClass) : undefined,
    nonEmpty(where.severity) ? inArray(findings.severity, where.severity) : undefined,
    nonEmpty(where.source) ? inArray(findings.source, where.source) : undefined,
    nonEmpty(where.category) ? inArray(findings.category, where.category) : undefined,
    where.handlerId !== undefined ? eq(findings.handlerId, where.handlerId) : undefined,
    where.overdue === undefined ? undefined : where.overdue ? overdueSql(now) : not(overdueSql(now)),
    where.inWarning === undefined ? undefined : where.inWarning ? inWarningSql(now) : not(inWarningSql(now)),
    where.deadlineFrom ? gte(findings.deadline, where.deadlineFrom) : undefined,
    where.deadlineTo ? sql`${findings.deadline} <= ${where.deadlineTo}` : undefined,
    where.foundFrom ? gte(findings.foundAt, shanghaiStartOfDay(where.foundFrom)) : undefined,
    where.foundTo ? lt(findings.foundAt, shanghaiStartOfDay(addDays(where.foundTo, 1))) : undefined,
    where.text
      ? or(ilike(findings.title, like(where.text)), ilike(findings.description, like(where.text)), ilike(findings.caseRef, like(where.text)))
      : undefined,
  );
}

export function selectFindingsPage(db: Db, condition: SQL | undefined, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(findings).where(and(condition, keyset)).orderBy(...orderBy).limit(limit);
}

export async function countFindings(db: Db, condition: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(findings).where(condition);
  return row?.n ?? 0;
}

export function selectFindingsByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<FindingRow[]> {
  return db.select().from(findings).where(and(inArray(findings.id, [...ids]), scopeCondition(findings.unitPath, scope)));
}

/** Locks the finding row for a workflow step; scope is checked by the caller. */
const findingForUpdate = preparedPer((db) => db.select().from(findings).where(eq(findings.id, sql.placeholder("id"))).for("update").prepare("finding_for_update"));

export async function selectFindingForUpdate(tx: Db, id: number): Promise<FindingRow | undefined> {
  const [row] = await findingForUpdate(tx).execute({ id });
  return row;
}

export async function insertFinding(tx: Db, values: Omit<typeof findings.$inferInsert, "code">, year: number): Promise<FindingRow> {
  const [created] = await tx.insert(findings).values({ ...values, code: `pending-${crypto.randomUUID()}` }).returning({ id: findings.id });
  const code = `ZG-${year}-${String(created!.id).padStart(5, "0")}`;
  const [row] = await tx.update(findings).set({ code }).where(eq(findings.id, created!.id)).returning();
  return row!;
}

export async function updateFindingRow(tx: Db, id: number, changes: Partial<typeof findings.$inferInsert>): Promise<FindingRow> {
  const [row] = await tx
    .update(findings)
    .set({ ...changes, version: sql`${findings.version} + 1` })
    .where(eq(findings.id, id))
    .returning();
  return row!;
}

/**
 * Rows that name people and units carry them along, joined in the same statement, with whether
 * the viewer's scope shows each: the loaders prime their per-request caches with them, so a page's
 * nested names cost no further statements (DESIGN: constant statements per page).
 */
export interface Named<T> {
  row: T;
  person: PersonRow | null;
  personVisible: boolean;
  unit: UnitRow | null;
  unitVisible: boolean;
}

const visible = (path: PgColumn, scope: Scope) => sql<boolean>`coalesce(${scopeCondition(path, scope) ?? sql`true`}, false)`;
/** `visible` for prepared statements: the viewer's scope as the placeholders scopeAll / scopePaths. */
const visibleParam = (path: PgColumn) => sql<boolean>`coalesce(${scopeParam(path, "scope")}, false)`;
const anyId = (column: PgColumn) => sql`${column} = any(${sql.placeholder("ids")}::int[])`;

/** Findings with their unit and handler joined in (for priming; see Named), not yet filtered. */
function selectFindingsNamed(db: Db, visibility: (path: PgColumn) => SQL<boolean>) {
  const handlerUnit = alias(units, "handler_unit");
  return db
    .select({ row: findings, unit: units, unitVisible: visibility(units.path), person: people, personVisible: visibility(handlerUnit.path) })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .leftJoin(people, eq(people.id, findings.handlerId))
    .leftJoin(handlerUnit, eq(handlerUnit.id, people.unitId));
}

/** A ledger page: finding rows with their unit and handler (see Named). */
export function selectFindingsPageNamed(db: Db, scope: Scope, condition: SQL | undefined, keyset: SQL | undefined, orderBy: SQL[], limit: number): Promise<Named<FindingRow>[]> {
  return selectFindingsNamed(db, (path) => visible(path, scope))
    .where(and(condition, keyset))
    .orderBy(...orderBy)
    .limit(limit);
}

const findingsByIdsNamed = preparedPer((db) =>
  selectFindingsNamed(db, visibleParam)
    .where(and(anyId(findings.id), scopeParam(findings.unitPath, "findingScope")))
    .prepare("findings_by_ids_named"),
);

/** Findings by id within the finding scope, with their unit and handler (see Named). */
export function selectFindingsByIdsNamed(db: Db, scope: Scope, findingScope: Scope, ids: readonly number[]): Promise<Named<FindingRow>[]> {
  const s = scopeParams(scope);
  const f = scopeParams(findingScope);
  return findingsByIdsNamed(db).execute({ ids: [...ids], scopeAll: s.all, scopePaths: s.paths, findingScopeAll: f.all, findingScopePaths: f.paths });
}

const measuresNamed = preparedPer((db) => {
  const ownerUnit = alias(units, "owner_unit");
  return db
    .select({ row: measures, person: people, personVisible: visibleParam(ownerUnit.path), unit: sql<null>`null`, unitVisible: sql<boolean>`false` })
    .from(measures)
    .leftJoin(people, eq(people.id, measures.ownerId))
    .leftJoin(ownerUnit, eq(ownerUnit.id, people.unitId))
    .where(anyId(measures.findingId))
    .orderBy(measures.id)
    .prepare("measures_named");
});

/** Measures of these findings with their owners (see Named). */
export function selectMeasuresNamed(db: Db, scope: Scope, findingIds: readonly number[]): Promise<Named<MeasureRow>[]> {
  const s = scopeParams(scope);
  return measuresNamed(db).execute({ ids: [...findingIds], scopeAll: s.all, scopePaths: s.paths });
}

export async function selectMeasure(tx: Db, id: number): Promise<MeasureRow | undefined> {
  const [row] = await tx.select().from(measures).where(eq(measures.id, id));
  return row;
}

export async function insertMeasure(tx: Db, values: typeof measures.$inferInsert): Promise<MeasureRow> {
  const [row] = await tx.insert(measures).values(values).returning();
  return row!;
}

export async function completeMeasureRow(tx: Db, id: number, at: Date): Promise<MeasureRow> {
  const [row] = await tx.update(measures).set({ doneAt: at }).where(eq(measures.id, id)).returning();
  return row!;
}

/** Responsibilities of these findings with the person or unit answering (see Named). */
const responsibilitiesNamed = preparedPer((db) => {
  const personUnit = alias(units, "person_unit");
  return db
    .select({ row: responsibilities, person: people, personVisible: visibleParam(personUnit.path), unit: units, unitVisible: visibleParam(units.path) })
    .from(responsibilities)
    .leftJoin(people, eq(people.id, responsibilities.personId))
    .leftJoin(personUnit, eq(personUnit.id, people.unitId))
    .leftJoin(units, eq(units.id, responsibilities.unitId))
    .where(anyId(responsibilities.findingId))
    .orderBy(responsibilities.id)
    .prepare("responsibilities_named");
});

/** Responsibilities of these findings with the person or unit answering (see Named). */
export function selectResponsibilitiesNamed(db: Db, scope: Scope, findingIds: readonly number[]): Promise<Named<ResponsibilityRow>[]> {
  const s = scopeParams(scope);
  return responsibilitiesNamed(db).execute({ ids: [...findingIds], scopeAll: s.all, scopePaths: s.paths });
}

export async function insertResponsibility(tx: Db, values: typeof responsibilities.$inferInsert): Promise<ResponsibilityRow> {
  const [row] = await tx.insert(responsibilities).values(values).returning();
  return row!;
}

export function selectActionIdsByFindings(db: Db, findingIds: readonly number[]) {
  return db
    .select({ findingId: accountabilityActionFindings.findingId, actionId: accountabilityActionFindings.actionId })
    .from(accountabilityActionFindings)
    .where(inArray(accountabilityActionFindings.findingId, [...findingIds]))
    .orderBy(accountabilityActionFindings.actionId);
}

/** For bulletin snapshots: the finding's unit, its parent (the office, for a department) and handler. */
export async function selectFindingNames(tx: Db, ids: readonly number[]) {
  const parent = alias(units, "parent");
  return tx
    .select({ id: findings.id, unitName: units.name, unitKind: units.kind, parentName: parent.name, handlerName: people.name })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .leftJoin(parent, eq(parent.id, units.parentId))
    .leftJoin(people, eq(people.id, findings.handlerId))
    .where(inArray(findings.id, [...ids]));
}

export async function selectResponsibility(db: Db, id: number): Promise<ResponsibilityRow | undefined> {
  const [row] = await db.select().from(responsibilities).where(eq(responsibilities.id, id));
  return row;
}

/** A journal image of a finding (camelCase keys) as a row of the findings table (column names). */
function asColumns(image: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(findings))) out[column.name] = image[key] ?? null;
  return out;
}

/**
 * Whether a finding's journal images (before and after a change) match a ledger filter, using
 * the very same WHERE clause as the ledger query, applied to each image as a one-row table.
 */
export async function ledgerMatch(db: Db, condition: SQL | undefined, before: unknown, after: unknown): Promise<{ was: boolean; is: boolean }> {
  const test = async (image: unknown): Promise<boolean> => {
    if (!image || typeof image !== "object") return false;
    const record = sql`jsonb_populate_record(null::findings, ${JSON.stringify(asColumns(image as Record<string, unknown>))}::jsonb)`;
    const [row] = await db.select({ m: sql<boolean>`coalesce(${condition ?? sql`true`}, false)` }).from(sql`${record} as "findings"`);
    return Boolean(row?.m);
  };
  const [was, is] = await Promise.all([test(before), test(after)]);
  return { was, is };
}
