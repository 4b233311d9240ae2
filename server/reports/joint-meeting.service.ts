import { AccountabilityAction, AccountabilityKind } from "../accountability/accountability.type.js";
import { shanghaiDate, shanghaiStartOfDay } from "../clock.js";
import type { Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { FindingCategory, FindingSeverity, FindingStatus } from "../findings/finding.enums.js";
import { toFinding } from "../findings/findings.service.js";
import type { SupervisorKind } from "../people/person.type.js";
import { parseId } from "../relay/global-id.js";
import { Unit } from "../units/unit.type.js";
import { selectRootUnits } from "../units/units.queries.js";
import {
  selectActionsDecided,
  selectFoundGroups,
  selectInspectionGroups,
  selectOverdueFindings,
  selectOverdueGroups,
  type ReportWindow,
} from "./joint-meeting.queries.js";
import type { JointMeetingReport, JointMeetingUnitCount } from "./joint-meeting.type.js";

/** The overdue list holds at most this many findings; `overdueCount` has them all. */
export const OVERDUE_LIST_MAX = 50;

/**
 * The window of a Shanghai calendar month "YYYY-MM" (2000–2100, not in the future). Statuses are
 * read as they stood at the month's last instant, or now for the current month.
 */
export function reportWindow(month: string, now: Date): ReportWindow {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  if (!match || y < 2000 || y > 2100 || m < 1 || m > 12) throw badInput("month", "give a month as YYYY-MM between 2000-01 and 2100-12");
  const firstDay = `${month}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  const start = shanghaiStartOfDay(firstDay);
  const end = shanghaiStartOfDay(next);
  if (start.getTime() > now.getTime()) throw badInput("month", `${month} has not begun yet`);
  const asOf = end.getTime() > now.getTime() ? now : new Date(end.getTime() - 1);
  return { firstDay, lastDay: shanghaiDate(new Date(end.getTime() - 1)), start, end, asOf };
}

const zeroCounts = <K extends string>(keys: readonly K[]) => new Map<K, number>(keys.map((k) => [k, 0]));
const bump = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * 联席会议: the month's inspections, findings by category ("N大类M项"), unit and severity, their
 * rectification status, the overdue list and the accountability decided — in the viewer's finding
 * scope, under `unitGlobalId` if given. A constant number of statements whatever the tree's size.
 */
export async function getJointMeetingReport(ctx: Context, month: string, unitGlobalId?: string | null): Promise<JointMeetingReport> {
  const w = reportWindow(month, ctx.clock.now());
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
  const [rowUnits, found, overdueGroups, overdueRows, inspected, actions] = await Promise.all([
    unit ? ctx.loaders.childUnits.load(unit.rowId) : roots,
    selectFoundGroups(ctx.db, scope, underPath, w),
    selectOverdueGroups(ctx.db, scope, underPath, w),
    selectOverdueFindings(ctx.db, scope, underPath, w, OVERDUE_LIST_MAX),
    selectInspectionGroups(ctx.db, scope, underPath, w),
    selectActionsDecided(ctx.db, scope, underPath, w),
  ]);

  const byCategory = new Map<FindingCategory, number>();
  const bySeverity = zeroCounts(Object.values(FindingSeverity));
  const byStatus = zeroCounts(Object.values(FindingStatus));
  const unitOf = (path: string) => rowUnits.find((u) => path.startsWith(u.path));
  const unitRows = new Map<number, JointMeetingUnitCount>(rowUnits.map((u) => [u.rowId, { unit: u, found: 0, verified: 0, overdue: 0 }]));
  let total = 0;
  for (const g of found) {
    total += g.n;
    bump(byCategory, g.category as FindingCategory, g.n);
    bump(bySeverity, g.severity as FindingSeverity, g.n);
    bump(byStatus, g.status as FindingStatus, g.n);
    const row = unitRows.get(unitOf(g.unitPath)?.rowId ?? -1);
    if (row) {
      row.found += g.n;
      if (g.status === FindingStatus.VERIFIED) row.verified += g.n;
    }
  }
  let overdueCount = 0;
  for (const g of overdueGroups) {
    overdueCount += g.n;
    const row = unitRows.get(unitOf(g.unitPath)?.rowId ?? -1);
    if (row) row.overdue += g.n;
  }

  const inspectionsBySupervisorKind = inspected.map((g) => ({ supervisorKind: g.supervisorKind as SupervisorKind | null, inspections: g.n, withProblem: g.withProblem }));
  const byKind = zeroCounts(Object.values(AccountabilityKind));
  for (const a of actions) bump(byKind, a.kind as AccountabilityKind, 1);
  const categories = [...byCategory].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  return {
    month,
    unit,
    asOf: w.asOf,
    inspections: inspectionsBySupervisorKind.reduce((s, g) => s + g.inspections, 0),
    inspectionsWithProblem: inspectionsBySupervisorKind.reduce((s, g) => s + g.withProblem, 0),
    inspectionsBySupervisorKind,
    found: total,
    foundCategories: categories.length,
    summary: `${categories.length}大类${total}项`,
    byCategory: categories.map(([category, count]) => ({ category, count })),
    bySeverity: [...bySeverity].map(([severity, count]) => ({ severity, count })),
    byUnit: [...unitRows.values()],
    status: {
      open: byStatus.get(FindingStatus.OPEN)!,
      rectifying: byStatus.get(FindingStatus.RECTIFYING)!,
      submitted: byStatus.get(FindingStatus.SUBMITTED)!,
      verified: byStatus.get(FindingStatus.VERIFIED)!,
      withdrawn: byStatus.get(FindingStatus.WITHDRAWN)!,
    },
    // The Finding objects show their state now, like everywhere else; membership is by the report time.
    overdue: overdueRows.map((r) => toFinding(r, ctx.clock.now())),
    overdueCount,
    accountabilityActions: actions.map(AccountabilityAction.from),
    accountabilityByKind: [...byKind].map(([kind, count]) => ({ kind, count })),
  };
}
