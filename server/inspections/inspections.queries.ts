import { and, count, eq, gte, inArray, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { findings, inspections, people, units } from "../../db/tables/index.js";
import { escapeLike, scopeCondition, type Scope } from "../scope.js";
import type { InspectionRow } from "./inspection.type.js";

export interface InspectionWhere {
  underPath?: string;
  supervisorId?: number;
  from?: string;
  to?: string;
}

function inspectionConditions(scope: Scope, where: InspectionWhere): SQL | undefined {
  return and(
    scopeCondition(inspections.unitPath, scope),
    where.underPath !== undefined ? sql`${inspections.unitPath} like ${escapeLike(where.underPath) + "%"}` : undefined,
    where.supervisorId !== undefined ? eq(inspections.supervisorId, where.supervisorId) : undefined,
    where.from ? gte(inspections.inspectedOn, where.from) : undefined,
    where.to ? lte(inspections.inspectedOn, where.to) : undefined,
  );
}

export function selectInspectionsPage(db: Db, scope: Scope, where: InspectionWhere, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(inspections).where(and(inspectionConditions(scope, where), keyset)).orderBy(...orderBy).limit(limit);
}

export async function countInspections(db: Db, scope: Scope, where: InspectionWhere): Promise<number> {
  const [row] = await db.select({ n: count() }).from(inspections).where(inspectionConditions(scope, where));
  return row?.n ?? 0;
}

export async function insertInspection(db: Db, values: typeof inspections.$inferInsert): Promise<InspectionRow> {
  const [row] = await db.insert(inspections).values(values).returning();
  return row!;
}

export function selectInspectionsByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<InspectionRow[]> {
  return db.select().from(inspections).where(and(inArray(inspections.id, [...ids]), scopeCondition(inspections.unitPath, scope)));
}

/** Process supervisors (流程监管员) working in the subtree, within the scope, by id. */
export function selectSupervisors(db: Db, scope: Scope, underPath: string | undefined) {
  return db
    .select({ person: people })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        isNotNull(people.supervisorKind),
        scopeCondition(units.path, scope),
        underPath !== undefined ? sql`${units.path} like ${escapeLike(underPath) + "%"}` : undefined,
      ),
    )
    .orderBy(people.id);
}

/** The days each supervisor inspected in [from, to], one entry per inspection. */
export function selectInspectionDays(db: Db, supervisorIds: readonly number[], from: string, to: string) {
  if (supervisorIds.length === 0) return Promise.resolve([]);
  return db
    .select({ supervisorId: inspections.supervisorId, inspectedOn: inspections.inspectedOn })
    .from(inspections)
    .where(and(inArray(inspections.supervisorId, [...supervisorIds]), gte(inspections.inspectedOn, from), lte(inspections.inspectedOn, to)));
}

/** Findings an inspection opened, within the finding scope. */
export function selectFindingsOfInspections(db: Db, scope: Scope, inspectionIds: readonly number[]) {
  return db
    .select()
    .from(findings)
    .where(and(inArray(findings.inspectionId, [...inspectionIds]), scopeCondition(findings.unitPath, scope)))
    .orderBy(findings.id);
}
