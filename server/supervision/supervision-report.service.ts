import type { Context } from "../context.js";
import { notFound } from "../errors.js";
import { parseId } from "../relay/global-id.js";
import { reportWindow } from "../reports/joint-meeting.service.js";
import { Unit } from "../units/unit.type.js";
import { selectRootUnits } from "../units/units.queries.js";
import { selectNoticeCounts, selectOverdueItems, selectSupervisionGroups } from "./supervision-report.queries.js";
import type { SupervisionReport, SupervisionReportUnitRow } from "./supervision-report.type.js";
import { toSupervisionItem } from "./supervision.service.js";

/** The overdue list holds at most this many items; `overdue` counts them all. */
export const OVERDUE_ITEMS_MAX = 50;

/**
 * 督察专报: items started and closed in the month, open and overdue at its end, per unit directly
 * under the report unit, plus the notices issued and the overdue list — in the viewer's finding
 * scope, under `unitGlobalId` if given. A constant number of statements whatever the tree's size.
 */
export async function getSupervisionReport(ctx: Context, month: string, unitGlobalId?: string | null): Promise<SupervisionReport> {
  const now = ctx.clock.now();
  const w = reportWindow(month, now);
  let unit: Unit | null = null;
  let roots: Unit[] = [];
  if (unitGlobalId) {
    unit = await ctx.loaders.unit.load(parseId("unit", unitGlobalId, "Unit"));
    if (!unit) throw notFound("Unit", unitGlobalId);
  } else {
    roots = (await selectRootUnits(ctx.db, ctx.findingScope)).map(Unit.from);
    if (roots.length === 1) unit = roots[0]!;
  }
  const scope = ctx.findingScope;
  const underPath = unit?.path;
  const [children, groups, overdueRows, notices] = await Promise.all([
    unit ? ctx.loaders.childUnits.load(unit.rowId) : roots,
    selectSupervisionGroups(ctx.db, scope, underPath, w),
    selectOverdueItems(ctx.db, scope, underPath, w, OVERDUE_ITEMS_MAX),
    selectNoticeCounts(ctx.db, scope, underPath, w),
  ]);

  const zero = (u: Unit, own: boolean): SupervisionReportUnitRow => ({ unit: u, own, opened: 0, closed: 0, open: 0, overdue: 0 });
  const own = unit ? zero(unit, true) : null;
  const rows = children.map((u) => zero(u, false));
  const total = { opened: 0, closed: 0, open: 0, overdue: 0 };
  for (const g of groups) {
    const row = own && g.unitPath === own.unit.path ? own : rows.find((r) => g.unitPath.startsWith(r.unit.path));
    for (const key of ["opened", "closed", "open", "overdue"] as const) {
      total[key] += g[key];
      if (row) row[key] += g[key];
    }
  }
  // The report unit's own row (本级) shows only when its items count for something this month.
  const hasOwn = own && own.opened + own.closed + own.open + own.overdue > 0;
  const noticesOf = (kind: string) => notices.find((n) => n.kind === kind)?.n ?? 0;

  return {
    month,
    unit,
    asOf: w.asOf,
    ...total,
    suggestions: noticesOf("SUGGESTION"),
    rectificationNotices: noticesOf("RECTIFICATION_NOTICE"),
    byUnit: hasOwn ? [own!, ...rows] : rows,
    // The items show their state now, like everywhere else; membership is by the report time.
    overdueItems: overdueRows.map((r) => toSupervisionItem(r, now)),
  };
}
