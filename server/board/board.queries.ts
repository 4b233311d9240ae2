import { and, asc, getTableColumns, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { boardActive, boardMonths, units } from "../../db/tables/index.js";
import { shanghaiDate } from "../clock.js";
import { preparedPer } from "../prepared.js";
import { scopeParam, scopeParams, type Scope } from "../scope.js";
import type { UnitRow } from "../units/unit.type.js";

/** The board's counts for one unit's subtree. */
export interface SubtreeCounts {
  open: number;
  overdue: number;
  inWarning: number;
  verified: number;
  verifiedThisMonth: number;
}

export const ZERO_COUNTS: SubtreeCounts = { open: 0, overdue: 0, inWarning: 0, verified: 0, verifiedThisMonth: 0 };

/**
 * Both tallies for a set of units in one statement, each unit's rows by their primary key: active
 * findings by deadline and warning time, verified findings by month (see selectSubtreeCounts).
 */
function tallies(unitId: SQL) {
  const today = sql`${sql.placeholder("today")}::date`;
  const active = sql`select
      coalesce(sum(${boardActive.n}), 0)::int as open,
      coalesce(sum(${boardActive.n}) filter (where ${boardActive.deadline} < ${today}), 0)::int as overdue,
      coalesce(sum(${boardActive.n}) filter (where ${boardActive.deadline} >= ${today} and ${boardActive.warningAt} <= ${sql.placeholder("now")}::timestamptz), 0)::int as in_warning
    from ${boardActive} where ${boardActive.unitId} = ${unitId}`;
  const months = sql`select
      coalesce(sum(${boardMonths.verified}), 0)::int as verified,
      coalesce(sum(${boardMonths.verified}) filter (where ${boardMonths.month} = ${sql.placeholder("month")}::text), 0)::int as verified_month
    from ${boardMonths} where ${boardMonths.unitId} = ${unitId}`;
  return {
    active: sql`(${active}) a`,
    months: sql`(${months}) m`,
    joins: sql`cross join lateral (${active}) a cross join lateral (${months}) m`,
    fields: {
      open: sql<number>`a.open`,
      overdue: sql<number>`a.overdue`,
      inWarning: sql<number>`a.in_warning`,
      verified: sql<number>`m.verified`,
      verifiedThisMonth: sql<number>`m.verified_month`,
    },
  };
}

const subtreeCounts = preparedPer((db) => {
  const { joins, fields } = tallies(sql`u.id`);
  return db
    .select({ unitId: sql<number>`u.id`, ...fields })
    .from(sql`unnest(${sql.placeholder("ids")}::int[]) as u(id) ${joins}`)
    .prepare("board_subtree_counts");
});

/** A unit and its visible children, each with its subtree's counts, in one statement (see unitBoardRows). */
const unitAndChildrenCounts = preparedPer((db) => {
  const { active, months, fields } = tallies(sql`${units.id}`);
  return db
    .select({ ...getTableColumns(units), ...fields })
    .from(units)
    .crossJoinLateral(active)
    .crossJoinLateral(months)
    .where(and(sql`(${units.id} = ${sql.placeholder("id")}::int or ${units.parentId} = ${sql.placeholder("id")}::int)`, scopeParam(units.path, "scope")))
    .orderBy(asc(units.sortOrder), asc(units.id))
    .prepare("board_unit_and_children");
});

/** What the day's counts are read at: the Shanghai day and month of `now`. */
function countParams(now: Date) {
  const today = shanghaiDate(now);
  return { today, now: now.toISOString(), month: today.slice(0, 7) };
}

const countsOf = (r: SubtreeCounts): SubtreeCounts => ({ open: r.open, overdue: r.overdue, inWarning: r.inWarning, verified: r.verified, verifiedThisMonth: r.verifiedThisMonth });

/**
 * The board of one unit in one statement: the unit and its children the scope shows, each with
 * its subtree's counts at `now` (as selectSubtreeCounts). Rows in the children's board order.
 */
export async function selectUnitBoardRows(db: Db, scope: Scope, id: number, now: Date): Promise<{ row: UnitRow; counts: SubtreeCounts }[]> {
  const s = scopeParams(scope);
  const rows = await unitAndChildrenCounts(db).execute({ id, scopeAll: s.all, scopePaths: s.paths, ...countParams(now) });
  return rows.map(({ open, overdue, inWarning, verified, verifiedThisMonth, ...row }) => ({ row, counts: countsOf({ open, overdue, inWarning, verified, verifiedThisMonth }) }));
}

/**
 * Counts for each unit's whole subtree at `now`, read from the tallies the findings trigger keeps
 * (db/tables/board.ts): one statement whatever the subtree's size, each unit's tallies by their
 * primary key. Overdue and in-warning apply the same rules as flag.ts (deadline before today in
 * Shanghai; warning time reached, deadline not passed) to the tallied deadlines and warning times.
 */
export async function selectSubtreeCounts(db: Db, unitIds: readonly number[], now: Date): Promise<Map<number, SubtreeCounts>> {
  if (unitIds.length === 0) return new Map();
  const rows = await subtreeCounts(db).execute({ ids: [...unitIds], ...countParams(now) });
  return new Map(unitIds.map((id) => [id, { ...ZERO_COUNTS }]).concat(rows.map((r) => [r.unitId, countsOf(r)])) as [number, SubtreeCounts][]);
}

/** Findings found (not withdrawn) and verified per Shanghai month from `sinceMonth` (YYYY-MM), summed over the units. */
export function selectBoardTrend(db: Db, unitIds: readonly number[], sinceMonth: string) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      month: boardMonths.month,
      opened: sql<number>`sum(${boardMonths.opened})::int`,
      verified: sql<number>`sum(${boardMonths.verified})::int`,
    })
    .from(boardMonths)
    .where(and(inArray(boardMonths.unitId, [...unitIds]), gte(boardMonths.month, sinceMonth)))
    .groupBy(boardMonths.month);
}
