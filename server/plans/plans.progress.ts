import type { Context } from "../context.js";
import type { FindingRow } from "../findings/finding.type.js";
import { deriveFlag } from "../findings/flag.js";
import { Flag } from "../findings/finding.enums.js";
import { toFinding } from "../findings/findings.service.js";
import { ProgressStep, TimetableEntryKind, type Plan, type PlanFlagCounts, type PlanProgressPoint, type PlanTimetableEntry } from "./plan.type.js";
import { selectPlanProgress } from "./plans.queries.js";
import { progressEnd } from "./plans.service.js";

const INTERVAL: Record<ProgressStep, "1 day" | "7 days" | "1 month"> = { DAY: "1 day", WEEK: "7 days", MONTH: "1 month" };

/** The plan's findings the viewer may see (finding scope), in the order they were added. */
export async function planFindingRows(ctx: Context, plan: Plan): Promise<FindingRow[]> {
  const ids = await ctx.loaders.planFindingIds.load(plan.rowId);
  const rows = await ctx.loaders.finding.loadMany(ids);
  return rows.filter((r): r is FindingRow => r != null && !(r instanceof Error));
}

/** 红/黄/黑旗 now, by the one flag rule (server/findings/flag.ts). */
export async function planFlagCounts(ctx: Context, plan: Plan): Promise<PlanFlagCounts> {
  const now = ctx.clock.now();
  const flags = (await planFindingRows(ctx, plan)).map((r) => deriveFlag(r, now).flag);
  const n = (flag: Flag | null) => flags.filter((f) => f === flag).length;
  return { total: flags.length, red: n(Flag.RED), yellow: n(Flag.YELLOW), black: n(Flag.BLACK), withdrawn: n(null) };
}

/**
 * 挂图: points from the plan's first day every `step` up to today (or the plan's end), each the
 * plan's findings by flag at the end of that day, replayed from the journal. Findings count on
 * every day, including days before they were added to the plan: the chart shows the history of
 * the problems the plan took on. Empty before the plan starts.
 */
export async function planProgress(ctx: Context, plan: Plan, step: ProgressStep): Promise<PlanProgressPoint[]> {
  const to = progressEnd(plan, ctx.clock.now());
  if (to < plan.startsOn) return [];
  return selectPlanProgress(ctx.db, ctx.findingScope, plan.rowId, plan.startsOn, to, INTERVAL[step]);
}

/** 时间表: the plan's milestones and its findings' measures, by due date (milestones first on a day). */
export async function planTimetable(ctx: Context, plan: Plan): Promise<PlanTimetableEntry[]> {
  const now = ctx.clock.now();
  const [milestones, findings] = await Promise.all([ctx.loaders.planMilestones.load(plan.rowId), planFindingRows(ctx, plan)]);
  const measures = (await ctx.loaders.measures.loadMany(findings.map((f) => f.id))).map((list) => (list instanceof Error ? [] : list));
  const ownerIds = [...new Set([...milestones.map((m) => m.ownerRowId), ...measures.flat().map((m) => m.row.ownerId)].filter((id) => id != null))];
  const people = await ctx.loaders.person.loadMany(ownerIds);
  const owners = new Map(ownerIds.map((id, i) => [id, people[i]]));
  const owner = (id: number | null) => {
    const person = id == null ? null : owners.get(id);
    return person && !(person instanceof Error) ? person : null;
  };
  const entries: (PlanTimetableEntry & { order: number })[] = milestones.map((m) => ({
    kind: TimetableEntryKind.MILESTONE,
    due: m.dueOn,
    title: m.title,
    owner: owner(m.ownerRowId),
    done: m.done,
    doneAt: m.doneAt,
    milestone: m,
    measure: null,
    finding: null,
    order: 0,
  }));
  findings.forEach((f, i) => {
    for (const m of measures[i] ?? []) {
      entries.push({ kind: TimetableEntryKind.MEASURE, due: m.due, title: m.text, owner: owner(m.row.ownerId), done: m.done, doneAt: m.doneAt, milestone: null, measure: m, finding: toFinding(f, now), order: 1 });
    }
  });
  entries.sort((a, b) => a.due.localeCompare(b.due) || a.order - b.order);
  return entries.map(({ order: _order, ...e }) => e);
}
