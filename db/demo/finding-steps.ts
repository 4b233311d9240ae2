import { addDays, shanghaiDate } from "../../server/clock.js";
import { FindingSeverity, FindingStatus, RectificationClass, ResponsibilityTier } from "../../server/findings/finding.enums.js";
import {
  addMeasure,
  assignResponsibility,
  completeMeasure,
  recordFinding,
  rejectRectification,
  startRectification,
  submitRectification,
  verifyRectification,
  withdrawFinding,
} from "../../server/findings/findings.workflow.js";
import { daysBetween, type WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import type { FindingPlan } from "./plan-findings.js";
import type { PeopleIndex } from "./people-index.js";
import type { Rng } from "./random.js";
import { EXTRA_MEASURE, measureTexts, REJECTION_REASONS, WITHDRAWAL_REASONS } from "./texts.js";

interface Step extends Omit<SeedEvent, "at"> {
  /** Relative gap before this step; spread over the time the finding has. */
  weight: number;
  reject?: boolean;
}

/**
 * A finding's history as service calls: record, responsibilities, start, measures, submit,
 * (reject, resubmit,) verify or withdraw — stopping where its planned outcome stops.
 */
export function findingEvents(p: FindingPlan, rng: Rng, cal: WorkCalendar, org: PeopleIndex): SeedEvent[] {
  const i = p.index;
  const head = org.head(p.unit.code);
  const leader = org.leader(p.office.code);
  const manager = head ?? p.handler;
  const steps: Step[] = [];
  const add = (weight: number, actor: string | null, run: SeedEvent["run"], reject = false) => steps.push({ weight, actor, run, reject });

  add(0, p.foundBy.key, (ctx, ids) =>
    recordFinding(ctx, {
      title: p.title,
      description: p.description,
      unit: ids.unit(p.unit.code),
      handler: ids.person(p.handler.key),
      caseRef: p.caseRef,
      category: p.template.category,
      severity: p.severity,
      source: p.source,
      rectificationClass: p.rectificationClass,
      deadline: p.deadline,
      foundBy: ids.person(p.foundBy.key),
      repeatOf: p.repeatOf === null ? null : ids.finding(p.repeatOf),
    }).then((f) => ids.findings.set(i, f.id)),
  );

  // 责任认定 for problems of consequence: the handler; the department head or the department
  // often; the chief for serious ones. Plain flaws (瑕疵) are fixed without it unless they recur.
  const assign = (tier: ResponsibilityTier, who: { person?: string; unit?: string }) =>
    add(0.03, p.verifier.key, (ctx, ids) =>
      assignResponsibility(ctx, {
        id: ids.finding(i),
        tier,
        person: who.person ? ids.person(who.person) : null,
        unit: who.unit ? ids.unit(who.unit) : null,
      }),
    );
  const consequential = p.severity !== FindingSeverity.FLAW || p.repeatOf !== null || p.outcome === "OVERDUE";
  if (consequential) assign(ResponsibilityTier.DIRECT, { person: p.handler.key });
  if (consequential && p.status !== FindingStatus.WITHDRAWN) {
    if (p.rectificationClass === RectificationClass.ESCALATE && rng.chance(0.5)) assign(ResponsibilityTier.MAIN, { unit: p.unit.code });
    else if (head && head.key !== p.handler.key && rng.chance(0.5)) assign(ResponsibilityTier.MAIN, { person: head.key });
    const serious = p.severity === FindingSeverity.UNQUALIFIED || p.rectificationClass === RectificationClass.ESCALATE;
    if (rng.chance(serious ? 0.6 : 0.05)) assign(ResponsibilityTier.PRIMARY, { person: leader.key });
  }

  const started = p.status !== FindingStatus.OPEN && (p.status !== FindingStatus.WITHDRAWN || rng.chance(0.5));
  if (started) add(0.08, manager.key, (ctx, ids) => startRectification(ctx, { id: ids.finding(i) }));

  // 整改措施 with owners (handler, head, chief) and due dates spread up to the deadline.
  // A flaw fixed on the spot (立行立改) seldom needs a written measure.
  const onTheSpot = p.rectificationClass === RectificationClass.IMMEDIATE && p.severity === FindingSeverity.FLAW && rng.chance(0.7);
  const withMeasures = p.status !== FindingStatus.WITHDRAWN && !onTheSpot && (p.status !== FindingStatus.OPEN || rng.chance(0.5));
  const extraMeasure = { [RectificationClass.IMMEDIATE]: 0.15, [RectificationClass.GRADUAL]: 0.2, [RectificationClass.ESCALATE]: 0.5 }[p.rectificationClass];
  const count = !withMeasures ? 0 : (p.rectificationClass === RectificationClass.IMMEDIATE ? 1 : 2) + (rng.chance(extraMeasure) ? 1 : 0);
  const texts = measureTexts(p.template.category, p.rectificationClass, count, rng);
  const owners = [p.handler, manager, leader];
  const foundDay = cal.dayOf(p.foundWork);
  const span = daysBetween(foundDay, p.deadline);
  const measure = (j: number, text: string, ownerKey: string, due: (now: Date) => string) =>
    add(0.05, manager.key, (ctx, ids) =>
      addMeasure(ctx, { id: ids.finding(i), text, owner: ids.person(ownerKey), due: due(ctx.clock.now()) }).then((m) => ids.measures.set(`${i}:${j}`, m.id)),
    );
  const complete = (j: number, ownerKey: string) =>
    add(0.25 / Math.max(count, 1), ownerKey, (ctx, ids) => completeMeasure(ctx, { measure: ids.measure(`${i}:${j}`) }));
  texts.forEach((text, j) => measure(j, text, owners[j]!.key, () => addDays(foundDay, Math.round((span * (j + 1)) / count))));

  const submit = () => add(0.3, manager.key, (ctx, ids) => submitRectification(ctx, { id: ids.finding(i) }));
  const rejection = rng.pick(REJECTION_REASONS);
  const reject = () => add(0.15, p.verifier.key, (ctx, ids) => rejectRectification(ctx, { id: ids.finding(i), reason: rejection }), true);
  const extra = (done: boolean) => {
    // The follow-up measure after a rejection is due a week after it is added.
    measure(count, EXTRA_MEASURE, p.handler.key, (now) => addDays(shanghaiDate(now), 7));
    if (done) add(0.12, p.handler.key, (ctx, ids) => completeMeasure(ctx, { measure: ids.measure(`${i}:${count}`) }));
  };

  switch (p.status) {
    case FindingStatus.RECTIFYING:
      if (p.rejected) {
        texts.forEach((_, j) => complete(j, owners[j]!.key));
        submit();
        reject();
        extra(false);
      } else {
        texts.slice(0, rng.int(0, Math.max(0, count - 1))).forEach((_, j) => complete(j, owners[j]!.key));
      }
      break;
    case FindingStatus.SUBMITTED:
    case FindingStatus.VERIFIED:
      texts.forEach((_, j) => complete(j, owners[j]!.key));
      submit();
      if (p.rejected) {
        reject();
        extra(true);
        submit();
      }
      if (p.status === FindingStatus.VERIFIED) {
        add(0.2, p.verifier.key, (ctx, ids) => verifyRectification(ctx, { id: ids.finding(i), verifier: ids.person(p.verifier.key) }));
      }
      break;
    case FindingStatus.WITHDRAWN: {
      const reason = rng.pick(WITHDRAWAL_REASONS);
      add(0.3, p.foundBy.key, (ctx, ids) => withdrawFinding(ctx, { id: ids.finding(i), reason }));
      break;
    }
    default:
      break;
  }
  return placeInTime(p, steps, rng, cal);
}

/** Spreads the steps from the found time to the end (or towards now, for open findings). */
function placeInTime(p: FindingPlan, steps: Step[], rng: Rng, cal: WorkCalendar): SeedEvent[] {
  const end = p.endWork ?? cal.nowWork - 600;
  const gaps = steps.map((s, k) => (k === 0 ? 0 : s.weight * rng.float(0.6, 1.4)));
  const total = gaps.reduce((a, b) => a + b, 0) + (p.endWork === null ? 0.35 : 0);
  let cumulative = 0;
  let previous = -Infinity;
  return steps.map((step, k) => {
    cumulative += gaps[k]!;
    const at = Math.min(cal.nowWork - 60, Math.max(previous + 30, p.foundWork + (total > 0 ? ((end - p.foundWork) * cumulative) / total : 0)));
    previous = at;
    if (step.reject) p.rejectWork = at;
    return { at, actor: step.actor, run: step.run };
  });
}
