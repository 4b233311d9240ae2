import { and, asc, gte, lt, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { supervisionItems, supervisionNotices } from "../../db/tables/index.js";
import { shanghaiDate } from "../clock.js";
import type { ReportWindow } from "../reports/joint-meeting.queries.js";
import { escapeLike, scopeCondition, type Scope } from "../scope.js";
import type { SupervisionItemRow } from "./supervision.type.js";

const t = supervisionItems;
const under = (column: PgColumn, underPath: string | undefined) =>
  underPath !== undefined ? sql`${column} like ${escapeLike(underPath) + "%"}` : undefined;

// Instants in raw SQL go as ISO text with a cast: the postgres driver refuses a bare Date there.
/** Open at `asOf`: started by then and not closed by then. */
function openAt(asOf: Date): SQL {
  return sql`(${t.startedOn} <= ${shanghaiDate(asOf)}::date and (${t.closedAt} is null or ${t.closedAt} > ${asOf.toISOString()}::timestamptz))`;
}

/** Overdue at `asOf`: open then and past the deadline's last day. */
function overdueAt(asOf: Date): SQL {
  return sql`(${openAt(asOf)} and ${t.deadline} < ${shanghaiDate(asOf)}::date)`;
}

/** Per responsible unit path: items opened and closed in the window, open and overdue at `asOf`. */
export function selectSupervisionGroups(db: Db, scope: Scope, underPath: string | undefined, w: ReportWindow) {
  return db
    .select({
      unitPath: t.unitPath,
      opened: sql<number>`(count(*) filter (where ${t.startedOn} >= ${w.firstDay}::date and ${t.startedOn} <= ${w.lastDay}::date))::int`,
      closed: sql<number>`(count(*) filter (where ${t.closedAt} >= ${w.start.toISOString()}::timestamptz and ${t.closedAt} < ${w.end.toISOString()}::timestamptz))::int`,
      open: sql<number>`(count(*) filter (where ${openAt(w.asOf)}))::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueAt(w.asOf)}))::int`,
    })
    .from(t)
    .where(and(scopeCondition(t.unitPath, scope), under(t.unitPath, underPath)))
    .groupBy(t.unitPath);
}

/** The first `limit` items overdue at `asOf`, soonest deadline first, and how many there are. */
export function selectOverdueItems(db: Db, scope: Scope, underPath: string | undefined, w: ReportWindow, limit: number): Promise<SupervisionItemRow[]> {
  return db
    .select()
    .from(t)
    .where(and(scopeCondition(t.unitPath, scope), under(t.unitPath, underPath), overdueAt(w.asOf)))
    .orderBy(asc(t.deadline), asc(t.id))
    .limit(limit);
}

/** Notices issued in the window, counted per kind. */
export function selectNoticeCounts(db: Db, scope: Scope, underPath: string | undefined, w: ReportWindow) {
  const n = supervisionNotices;
  return db
    .select({ kind: n.kind, n: sql<number>`count(*)::int` })
    .from(n)
    .where(and(scopeCondition(n.unitPath, scope), under(n.unitPath, underPath), gte(n.issuedAt, w.start), lt(n.issuedAt, w.end)))
    .groupBy(n.kind);
}
