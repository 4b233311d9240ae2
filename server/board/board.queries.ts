import { and, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { boardActive, boardMonths } from "../../db/tables/index.js";
import { shanghaiDate } from "../clock.js";

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
 * Counts for each unit's whole subtree at `now`, read from the tallies the findings trigger keeps
 * (db/tables/board.ts): two statements whatever the subtree's size. Overdue and in-warning apply
 * the same rules as flag.ts (deadline before today in Shanghai; warning time reached, deadline not
 * passed) to the tallied deadlines and warning times.
 */
export async function selectSubtreeCounts(db: Db, unitIds: readonly number[], now: Date): Promise<Map<number, SubtreeCounts>> {
  if (unitIds.length === 0) return new Map();
  const today = shanghaiDate(now);
  const sum = (filter?: ReturnType<typeof sql>) => sql<number>`coalesce(sum(${boardActive.n})${filter ? sql` filter (where ${filter})` : sql``}, 0)::int`;
  const [active, months] = await Promise.all([
    db
      .select({
        unitId: boardActive.unitId,
        open: sum(),
        overdue: sum(sql`${boardActive.deadline} < ${today}::date`),
        inWarning: sum(sql`${boardActive.deadline} >= ${today}::date and ${boardActive.warningAt} <= ${now.toISOString()}::timestamptz`),
      })
      .from(boardActive)
      .where(inArray(boardActive.unitId, [...unitIds]))
      .groupBy(boardActive.unitId),
    db
      .select({
        unitId: boardMonths.unitId,
        verified: sql<number>`coalesce(sum(${boardMonths.verified}), 0)::int`,
        verifiedThisMonth: sql<number>`coalesce(sum(${boardMonths.verified}) filter (where ${boardMonths.month} = ${today.slice(0, 7)}), 0)::int`,
      })
      .from(boardMonths)
      .where(inArray(boardMonths.unitId, [...unitIds]))
      .groupBy(boardMonths.unitId),
  ]);
  const counts = new Map<number, SubtreeCounts>(unitIds.map((id) => [id, { ...ZERO_COUNTS }]));
  for (const row of active) Object.assign(counts.get(row.unitId)!, { open: row.open, overdue: row.overdue, inWarning: row.inWarning });
  for (const row of months) Object.assign(counts.get(row.unitId)!, { verified: row.verified, verifiedThisMonth: row.verifiedThisMonth });
  return counts;
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
