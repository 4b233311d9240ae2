import { addDays } from "../../server/clock.js";
import { toGlobalId } from "../../server/relay/global-id.js";
import { addPlanFindings, completePlanMilestone, createPlan } from "../../server/plans/plans.service.js";
import { WORK_DAY, type WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import { CITY_CODE } from "./org.js";
import type { PeopleIndex } from "./people-index.js";
import type { FindingPlan } from "./plan-findings.js";

/** Working days before today when the demo plan starts (about four months). */
const START_WORK_DAYS = 85;
const PLAN_DAYS = 180;

interface MilestoneSpec {
  title: string;
  /** Calendar days after the plan's start, or before its end when negative. */
  dueIn: number;
  owner: "leader" | "caseHead";
  /** Working days after the due date it is marked done (negative: early); null while open. */
  doneAfter: number | null;
}

const MILESTONES: MilestoneSpec[] = [
  { title: "梳理问题清单，逐项明确责任人、整改措施和时限", dueIn: 10, owner: "leader", doneAfter: -2 },
  { title: "健全案件流程节点提醒和超期预警机制", dueIn: 45, owner: "caseHead", doneAfter: 3 },
  { title: "开展整改情况中期评估，向市院书面报告", dueIn: 90, owner: "leader", doneAfter: 0 },
  { title: "整改验收，对未销号问题逐项说明原因", dueIn: -7, owner: "leader", doneAfter: null },
];

/**
 * 一院一策: one improvement plan for the weakest basic office (the most overdue findings), opened
 * by the city's case management about four months ago with the office's open problems and a
 * timetable; problems found later join it month by month, and milestones are marked done as
 * their dates come. The findings' own histories make the progress chart move.
 */
export function improvementPlanEvents(findings: FindingPlan[], cal: WorkCalendar, org: PeopleIndex): SeedEvent[] {
  const basic = [...new Set(findings.map((p) => p.office.code))].filter((code) => code !== CITY_CODE);
  const overdue = (code: string) => findings.filter((p) => p.office.code === code && p.outcome === "OVERDUE").length;
  const total = (code: string) => findings.filter((p) => p.office.code === code).length;
  const weakest = basic.sort((a, b) => overdue(b) - overdue(a) || total(b) - total(a) || a.localeCompare(b))[0];
  const startIndex = cal.days.length - 1 - START_WORK_DAYS;
  if (!weakest || startIndex < 0) return [];

  const office = org.office(weakest);
  const startsOn = cal.days[startIndex]!;
  const endsOn = addDays(startsOn, PLAN_DAYS);
  const startWork = cal.startOf(startIndex) + 2 * 3600;
  const ofOffice = findings.filter((p) => p.office.code === weakest && p.outcome !== "WITHDRAWN").sort((a, b) => a.foundWork - b.foundWork);
  // Open when the plan starts: found before it and not yet struck off.
  const initial = ofOffice.filter((p) => p.foundWork < startWork && (p.endWork === null || p.endWork > startWork)).slice(-12);
  const supervisor = org.caseSupervisors(CITY_CODE)[0]!;
  const leader = org.leader(weakest);
  const caseHead = org.head(`${weakest}-AG`) ?? leader;
  const year = startsOn.slice(0, 4);

  // Filled by the createPlan event; later events of the replay read them.
  let planId = "";
  const milestoneIds: string[] = [];

  const events: SeedEvent[] = [
    {
      at: startWork,
      actor: supervisor.key,
      run: async (ctx, ids) => {
        const plan = await createPlan(ctx, {
          unit: ids.unit(weakest),
          title: `${office.short}${year}年度“一院一策”整改方案`,
          summary:
            `${office.short}流程监控和案件质量评查发现的问题多、超期未整改的多，列为重点整改单位。` +
            "对照问题清单逐项制定整改措施，明确责任人和整改时限，挂图作战、对账销号，每月向市院报告进度。",
          startsOn,
          endsOn,
          findings: initial.map((p) => ids.finding(p.index)),
          milestones: MILESTONES.map((m) => ({
            title: m.title,
            owner: ids.person(m.owner === "leader" ? leader.key : caseHead.key),
            dueOn: m.dueIn >= 0 ? addDays(startsOn, m.dueIn) : addDays(endsOn, m.dueIn),
          })),
        });
        planId = plan.id;
        const created = await ctx.loaders.planMilestones.load(plan.rowId);
        milestoneIds.push(...created.map((m) => toGlobalId("PlanMilestone", m.rowId)));
      },
    },
  ];

  // Problems found since join the plan at the end of each month of it (every 21 working days).
  let from = startWork;
  for (let at = startWork + 21 * WORK_DAY; at < cal.nowWork; at += 21 * WORK_DAY) {
    const batch = ofOffice.filter((p) => p.foundWork >= from && p.foundWork < at - WORK_DAY);
    from = at - WORK_DAY;
    if (batch.length === 0) continue;
    events.push({
      at,
      actor: supervisor.key,
      run: (ctx, ids) => addPlanFindings(ctx, { id: planId, findings: batch.map((p) => ids.finding(p.index)) }),
    });
  }

  MILESTONES.forEach((m, k) => {
    if (m.doneAfter === null || m.dueIn < 0) return;
    const due = addDays(startsOn, m.dueIn);
    const at = cal.startOf(cal.indexOnOrAfter(due) + m.doneAfter) + 6 * 3600;
    if (at >= cal.nowWork) return;
    events.push({ at, actor: leader.key, run: (ctx) => completePlanMilestone(ctx, { milestone: milestoneIds[k]! }) });
  });
  return events;
}
