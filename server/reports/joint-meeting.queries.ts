import { and, asc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { accountabilityActions, findings, inspections, people } from "../../db/tables/index.js";
import { shanghaiDate } from "../clock.js";
import { ACTIVE_STATUSES } from "../findings/flag.js";
import type { FindingRow } from "../findings/finding.type.js";
import { escapeLike, scopeCondition, type Scope } from "../scope.js";

/** The report's window: found/inspected/decided in [start, end), statuses as they stood at `asOf`. */
export interface ReportWindow {
  firstDay: string;
  lastDay: string;
  start: Date;
  end: Date;
  asOf: Date;
}

const under = (column: PgColumn, underPath: string | undefined) =>
  underPath !== undefined ? sql`${column} like ${escapeLike(underPath) + "%"}` : undefined;

/**
 * A finding's status at `asOf`: the `after.status` of its last journal entry by then (every
 * workflow step journals the whole row), falling back to the stored status.
 */
function statusAt(asOf: Date): SQL<FindingRow["status"]> {
  // Instants in raw SQL go as ISO text with a cast: the postgres driver refuses a bare Date there.
  // Spelled with qualified names: drizzle drops the table name of columns in a select list,
  // where "id" would be ambiguous between findings and journal.
  return sql<FindingRow["status"]>`coalesce((
    select j.after ->> 'status' from journal j
    where j.entity = 'Finding' and j.entity_id = "findings"."id"::text and j.at <= ${asOf.toISOString()}::timestamptz
    order by j.seq desc limit 1), "findings"."status"::text)`;
}

/** Overdue at `asOf` by the status then: active and past the deadline (a deadline is the last allowed Shanghai day). */
function overdueAt(asOf: Date): SQL {
  const active = sql.join(ACTIVE_STATUSES.map((s) => sql`${s}`), sql`, `);
  return sql`(${statusAt(asOf)} in (${active}) and ${findings.deadline} < ${shanghaiDate(asOf)}::date and ${findings.foundAt} <= ${asOf.toISOString()}::timestamptz)`;
}

/** Findings found in the window, counted per unit path × category × severity × status at `asOf`. */
export function selectFoundGroups(db: Db, scope: Scope, underPath: string | undefined, w: ReportWindow) {
  const status = statusAt(w.asOf);
  return db
    .select({
      unitPath: findings.unitPath,
      category: findings.category,
      severity: findings.severity,
      status,
      n: sql<number>`count(*)::int`,
    })
    .from(findings)
    .where(and(scopeCondition(findings.unitPath, scope), under(findings.unitPath, underPath), gte(findings.foundAt, w.start), lt(findings.foundAt, w.end)))
    // By position: the status expression's parameters would make a repeated expression differ.
    .groupBy(sql`1, 2, 3, 4`);
}

/** Findings (found in any month) overdue at `asOf`, counted per unit path. */
export function selectOverdueGroups(db: Db, scope: Scope, underPath: string | undefined, w: ReportWindow) {
  return db
    .select({ unitPath: findings.unitPath, n: sql<number>`count(*)::int` })
    .from(findings)
    .where(and(scopeCondition(findings.unitPath, scope), under(findings.unitPath, underPath), overdueAt(w.asOf)))
    .groupBy(findings.unitPath);
}

/** The first `limit` findings overdue at `asOf`, soonest deadline first. */
export function selectOverdueFindings(db: Db, scope: Scope, underPath: string | undefined, w: ReportWindow, limit: number): Promise<FindingRow[]> {
  return db
    .select()
    .from(findings)
    .where(and(scopeCondition(findings.unitPath, scope), under(findings.unitPath, underPath), overdueAt(w.asOf)))
    .orderBy(asc(findings.deadline), asc(findings.id))
    .limit(limit);
}

/** Inspections registered in the window per supervisor kind, with how many found a problem. */
export function selectInspectionGroups(db: Db, scope: Scope, underPath: string | undefined, w: ReportWindow) {
  return db
    .select({
      supervisorKind: people.supervisorKind,
      n: sql<number>`count(*)::int`,
      withProblem: sql<number>`(count(*) filter (where ${inspections.result} <> 'NO_PROBLEM' and ${inspections.result} <> 'QUALIFIED'))::int`,
    })
    .from(inspections)
    .innerJoin(people, eq(people.id, inspections.supervisorId))
    .where(
      and(
        scopeCondition(inspections.unitPath, scope),
        under(inspections.unitPath, underPath),
        gte(inspections.inspectedOn, w.firstDay),
        lte(inspections.inspectedOn, w.lastDay),
      ),
    )
    .groupBy(people.supervisorKind);
}

/** Accountability actions decided in the window, in decision order. */
export function selectActionsDecided(db: Db, scope: Scope, underPath: string | undefined, w: ReportWindow) {
  const t = accountabilityActions;
  return db
    .select()
    .from(t)
    .where(and(scopeCondition(t.unitPath, scope), under(t.unitPath, underPath), gte(t.decidedOn, w.firstDay), lte(t.decidedOn, w.lastDay)))
    .orderBy(asc(t.decidedOn), asc(t.id));
}

