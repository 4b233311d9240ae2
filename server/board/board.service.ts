import type { Context } from "../context.js";
import { notFound } from "../errors.js";
import { parseId } from "../relay/global-id.js";
import type { Unit } from "../units/unit.type.js";
import { selectRootUnits } from "../units/units.queries.js";
import { Unit as UnitType } from "../units/unit.type.js";
import type { Board, BoardTrendPoint, BoardUnitRow } from "./board.type.js";
import { shanghaiDate, shanghaiStartOfDay } from "../clock.js";
import { selectBoardRows, selectBoardTotals, selectBoardTrend } from "./board.queries.js";

/**
 * The exposure board for a unit's subtree (default: the viewer's whole visible tree). Counts are
 * taken straight from the findings at the request's clock, so they are never stale.
 */
export async function getBoard(ctx: Context, unitGlobalId?: string | null): Promise<Board> {
  const now = ctx.clock.now();
  let unit: Unit | null = null;
  let roots: Unit[] = [];
  if (unitGlobalId) {
    unit = await ctx.loaders.unit.load(parseId("unit", unitGlobalId, "Unit"));
    if (!unit) throw notFound("Unit", unitGlobalId);
  } else {
    roots = (await selectRootUnits(ctx.db, ctx.scope)).map(UnitType.from);
    if (roots.length === 1) unit = roots[0]!;
  }
  const underPath = unit?.path;
  const [totals, rows, children] = unit
    ? await Promise.all([
        selectBoardTotals(ctx.db, ctx.scope, underPath, now),
        selectBoardRows(ctx.db, ctx.scope, underPath, now),
        ctx.loaders.childUnits.load(unit.rowId),
      ])
    : // Several separate visible subtrees (e.g. one business line across offices): one row per subtree top.
      await Promise.all([
        selectBoardTotals(ctx.db, ctx.scope, undefined, now),
        Promise.all(roots.map(async (root) => ({ unitId: root.rowId, ...(await selectBoardTotals(ctx.db, ctx.scope, root.path, now)) }))),
        roots,
      ]);
  const byUnit = new Map(rows.map((r) => [r.unitId, r]));
  const unitRows: BoardUnitRow[] = children.map((child) => {
    const r = byUnit.get(child.rowId);
    return {
      unit: child,
      open: r?.open ?? 0,
      overdue: r?.overdue ?? 0,
      inWarning: r?.inWarning ?? 0,
      red: r?.red ?? 0,
      yellow: r?.yellow ?? 0,
      black: r?.black ?? 0,
    };
  });
  unitRows.sort((a, b) => b.black - a.black || b.open - a.open);
  return {
    unit,
    open: totals.open,
    overdue: totals.overdue,
    inWarning: totals.inWarning,
    verifiedThisMonth: totals.verifiedThisMonth,
    verified: totals.verified,
    rectificationRate: totals.notWithdrawn === 0 ? 0 : totals.verified / totals.notWithdrawn,
    units: unitRows,
    asOf: now,
    underPath,
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
  const since = shanghaiStartOfDay(`${labels[0]}-01`);
  const { opened, verified } = await selectBoardTrend(ctx.db, ctx.scope, board.underPath, since);
  const openedBy = new Map(opened.map((r) => [r.month, r.n]));
  const verifiedBy = new Map(verified.map((r) => [r.month, r.n]));
  return labels.map((month) => ({ month, opened: openedBy.get(month) ?? 0, verified: verifiedBy.get(month) ?? 0 }));
}
