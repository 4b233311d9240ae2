import type { Context } from "../context.js";
import { notFound } from "../errors.js";
import { parseId } from "../relay/global-id.js";
import type { Unit } from "../units/unit.type.js";
import { selectRootUnits } from "../units/units.queries.js";
import { Unit as UnitType } from "../units/unit.type.js";
import type { Board, BoardTrendPoint, BoardUnitRow } from "./board.type.js";
import { shanghaiDate } from "../clock.js";
import { selectBoardTrend, selectSubtreeCounts, selectUnitBoardRows, ZERO_COUNTS, type SubtreeCounts } from "./board.queries.js";

/**
 * The exposure board for a unit's subtree (default: the viewer's whole visible tree). Counts come
 * from the tallies the findings trigger keeps in each change's transaction, read at the request's
 * clock, so they are never stale (test/board-tally.test.ts compares them with direct counts).
 */
export async function getBoard(ctx: Context, unitGlobalId?: string | null): Promise<Board> {
  const now = ctx.clock.now();
  let unit: Unit | null = null;
  let children: Unit[];
  let counts: Map<number, SubtreeCounts>;
  let tallyIds: number[];
  const roots = unitGlobalId ? [] : (await selectRootUnits(ctx.db, ctx.scope)).map(UnitType.from);
  const unitId = unitGlobalId ? parseId("unit", unitGlobalId, "Unit") : roots.length === 1 ? roots[0]!.rowId : undefined;
  if (unitId !== undefined) {
    // One statement: the unit, its visible children and every one's counts.
    const rows = await selectUnitBoardRows(ctx.db, ctx.scope, unitId, now);
    const own = rows.find((r) => r.row.id === unitId);
    if (!own) throw notFound("Unit", unitGlobalId!);
    unit = UnitType.from(own.row);
    children = rows.filter((r) => r.row.parentId === unitId).map((r) => UnitType.from(r.row));
    ctx.loaders.primeUnitWithChildren(unitId, unit, children);
    counts = new Map(rows.map((r) => [r.row.id, r.counts]));
    tallyIds = [unitId];
  } else {
    // Several visible trees (or none): the roots are the rows.
    children = roots;
    tallyIds = roots.map((r) => r.rowId);
    counts = await selectSubtreeCounts(ctx.db, tallyIds, now);
  }
  // A visible unit's whole subtree is visible (scopes are subtrees), so its tallies are the viewer's counts.
  const totals = { ...ZERO_COUNTS };
  for (const id of tallyIds) for (const key of Object.keys(totals) as (keyof SubtreeCounts)[]) totals[key] += counts.get(id)![key];
  const unitRows: BoardUnitRow[] = children.map((child) => {
    const c = counts.get(child.rowId)!;
    return { unit: child, open: c.open, overdue: c.overdue, inWarning: c.inWarning, red: c.verified, yellow: c.open - c.overdue, black: c.overdue };
  });
  unitRows.sort((a, b) => b.black - a.black || b.open - a.open);
  const notWithdrawn = totals.open + totals.verified;
  return {
    unit,
    open: totals.open,
    overdue: totals.overdue,
    inWarning: totals.inWarning,
    verifiedThisMonth: totals.verifiedThisMonth,
    verified: totals.verified,
    rectificationRate: notWithdrawn === 0 ? 0 : totals.verified / notWithdrawn,
    units: unitRows,
    asOf: now,
    underPath: unit?.path,
    tallyUnitIds: tallyIds,
  };
}

/** The last `months` Shanghai calendar months up to the clock's, oldest first, opened vs verified. */
export async function getBoardTrend(ctx: Context, board: Board, months: number): Promise<BoardTrendPoint[]> {
  const labels: string[] = [];
  const [y, m] = shanghaiDate(board.asOf).split("-").map(Number) as [number, number];
  for (let i = months - 1; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i;
    labels.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  const rows = new Map((await selectBoardTrend(ctx.db, board.tallyUnitIds ?? [], labels[0]!)).map((r) => [r.month, r]));
  return labels.map((month) => ({ month, opened: rows.get(month)?.opened ?? 0, verified: rows.get(month)?.verified ?? 0 }));
}
