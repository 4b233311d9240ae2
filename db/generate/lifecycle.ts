import { addDays } from "../../server/clock.js";
import { FindingCategory, FindingSeverity, FindingSource, RectificationClass, ResponsibilityTier } from "../../server/findings/finding.enums.js";
import { WORK_DAY, type WorkCalendar } from "../demo/calendar.js";
import type { Rng } from "../demo/random.js";
import { templatesFor, type Template } from "../demo/templates.js";
import { caseName, caseRef, EXTRA_MEASURE, measureTexts, REJECTION_REASONS, WITHDRAWAL_REASONS } from "../demo/texts.js";
import type { Department } from "./tree.js";

export type StepKind = "recordFinding" | "assignResponsibility" | "startRectification" | "addMeasure" | "completeMeasure" | "submitRectification" | "rejectRectification" | "verifyRectification" | "withdrawFinding";

export interface MeasurePlan {
  /** Set when its addMeasure step is written. */
  id: number;
  text: string;
  ownerId: number;
  due: string;
  /** Work time of its completeMeasure step, or null when it is still open at `now`. */
  doneWork: number | null;
  /** Set when its addMeasure step is written. */
  createdAt: string;
}

export interface Step {
  kind: StepKind;
  /** Work time (see WorkCalendar). */
  work: number;
  measure?: MeasurePlan;
  responsibility?: { tier: ResponsibilityTier; personId: number | null; unitId: number | null };
  reason?: string;
}

export interface FindingPlan {
  dept: Department;
  template: Template;
  severity: FindingSeverity;
  source: FindingSource;
  rectificationClass: RectificationClass;
  foundWork: number;
  deadline: string;
  /** Work time at the end of the deadline day. */
  deadlineWork: number;
  handlerId: number;
  foundById: number;
  verifierId: number;
  title: string;
  description: string;
  caseRef: string | null;
  repeatOfId: number | null;
  /** The steps that have happened by `now`, in time order; the first is recordFinding. */
  steps: Step[];
}

const DEADLINE_DAYS: Record<RectificationClass, [number, number]> = {
  [RectificationClass.IMMEDIATE]: [7, 15],
  [RectificationClass.GRADUAL]: [30, 90],
  [RectificationClass.ESCALATE]: [60, 120],
};
const SEVERITY_BIAS: Record<FindingSeverity, number> = { [FindingSeverity.FLAW]: 2.5, [FindingSeverity.IRREGULAR]: 1, [FindingSeverity.UNQUALIFIED]: 0.6 };
const EXTRA_MEASURE_CHANCE: Record<RectificationClass, number> = { [RectificationClass.IMMEDIATE]: 0.15, [RectificationClass.GRADUAL]: 0.2, [RectificationClass.ESCALATE]: 0.5 };

/** An earlier, struck-off finding of a department that a new one may repeat (屡查屡犯). */
export interface Verified {
  id: number;
  verifiedWork: number;
  template: Template;
  severity: FindingSeverity;
  handlerId: number;
}

/**
 * Plans one finding found at `foundWork` in `dept`: what, who, its deadline and its whole story
 * (the demo's step order and proportions), cut at `nowWork`. Most end verified within the
 * deadline; some late; a few withdrawn; a few stall (more of the recent ones) and stay overdue.
 */
export function planFinding(rng: Rng, cal: WorkCalendar, dept: Department, foundWork: number, nowWork: number, repeatOf: Verified | undefined): FindingPlan {
  const office = dept.office;
  const template = repeatOf?.template ?? pickTemplate(dept, rng);
  const rectificationClass = rng.chance(0.85) ? template.rectificationClass : rng.pick(Object.values(RectificationClass));
  const severity = repeatOf
    ? repeatOf.severity === FindingSeverity.FLAW
      ? FindingSeverity.IRREGULAR
      : FindingSeverity.UNQUALIFIED
    : rng.weighted(template.severity.map(([s, w]) => [s, w * SEVERITY_BIAS[s]] as const));
  const source = pickSource(template, rng);
  const [min, max] = DEADLINE_DAYS[rectificationClass];
  const days = rng.int(min, max);
  const foundDay = cal.dayOf(foundWork);
  const deadline = addDays(foundDay, days);
  const deadlineWork = cal.startOf(cal.indexOnOrBefore(deadline)) + WORK_DAY - 60;
  const handlerId = repeatOf?.handlerId ?? pickHandler(dept, rng);
  const foundById = pickFinder(dept, source, rng);
  const verifierId = pickVerifier(dept, handlerId, rng);
  const like = dept.line.like;
  const ref = caseRef(office.casePrefix, like, Number(foundDay.slice(0, 4)) - (rng.chance(0.15) ? 1 : 0), rng);
  const description = template.describe({ caseName: template.hasCase ? caseName(like, rng) : "", caseRef: ref, n: rng.int(2, 6), dept: dept.name, office: office.short });

  const withdrawn = rng.chance(0.025);
  const ageDays = (nowWork - foundWork) / WORK_DAY;
  const stalled = !withdrawn && rng.chance(ageDays > 250 ? 0.002 : ageDays > 80 ? 0.006 : 0.02);
  const rejected = !withdrawn && rng.chance(0.08);
  const available = Math.max(WORK_DAY, deadlineWork - foundWork);
  let length: number;
  if (withdrawn) length = rng.float(1, 10) * WORK_DAY;
  else if (stalled) length = available * rng.float(1.2, 6) + rng.float(5, 60) * WORK_DAY;
  else if (rng.chance(0.9)) length = available * rng.float(0.35, 0.97);
  else length = available + (rng.chance(0.1) ? rng.float(20, 90) : rng.float(1, 15)) * WORK_DAY;
  if (rejected) length += rng.float(3, 8) * WORK_DAY;
  const late = !withdrawn && foundWork + length > deadlineWork;

  const plan: FindingPlan = {
    dept, template, severity, source, rectificationClass, foundWork, deadline, deadlineWork, handlerId, foundById, verifierId,
    title: template.title,
    description,
    caseRef: template.hasCase || like === "KS" ? ref : null,
    repeatOfId: repeatOf?.id ?? null,
    steps: [],
  };
  const steps: (Omit<Step, "work"> & { weight: number })[] = [];
  const add = (kind: StepKind, weight: number, extra: Partial<Step> = {}) => steps.push({ kind, weight, ...extra });
  add("recordFinding", 0);

  // 责任认定 for problems of consequence, as in the demo (db/demo/finding-steps.ts).
  const assign = (tier: ResponsibilityTier, personId: number | null, unitId: number | null) => add("assignResponsibility", 0.03, { responsibility: { tier, personId, unitId } });
  const consequential = severity !== FindingSeverity.FLAW || repeatOf !== undefined || late;
  if (consequential) assign(ResponsibilityTier.DIRECT, handlerId, null);
  if (consequential && !withdrawn) {
    if (rectificationClass === RectificationClass.ESCALATE && rng.chance(0.5)) assign(ResponsibilityTier.MAIN, null, dept.unitId);
    else if (dept.head !== handlerId && rng.chance(0.5)) assign(ResponsibilityTier.MAIN, dept.head, null);
    const serious = severity === FindingSeverity.UNQUALIFIED || rectificationClass === RectificationClass.ESCALATE;
    if (rng.chance(serious ? 0.6 : 0.05)) assign(ResponsibilityTier.PRIMARY, office.leader, null);
  }
  if (!withdrawn || rng.chance(0.5)) add("startRectification", 0.08);
  if (withdrawn) {
    add("withdrawFinding", 0.3, { reason: rng.pick(WITHDRAWAL_REASONS) });
  } else {
    const onTheSpot = rectificationClass === RectificationClass.IMMEDIATE && severity === FindingSeverity.FLAW && rng.chance(0.7);
    const count = onTheSpot ? 0 : (rectificationClass === RectificationClass.IMMEDIATE ? 1 : 2) + (rng.chance(EXTRA_MEASURE_CHANCE[rectificationClass]) ? 1 : 0);
    const owners = [handlerId, dept.head, office.leader];
    const measures = measureTexts(template.category, rectificationClass, count, rng).map(
      (text, j): MeasurePlan => ({ id: 0, text, ownerId: owners[j]!, due: addDays(foundDay, Math.round((days * (j + 1)) / count)), doneWork: null, createdAt: "" }),
    );
    for (const measure of measures) add("addMeasure", 0.05, { measure });
    for (const measure of measures) add("completeMeasure", 0.25 / Math.max(count, 1), { measure });
    add("submitRectification", 0.3);
    if (rejected) {
      const measure: MeasurePlan = { id: 0, text: EXTRA_MEASURE, ownerId: handlerId, due: "", doneWork: null, createdAt: "" };
      add("rejectRectification", 0.15, { reason: rng.pick(REJECTION_REASONS) });
      add("addMeasure", 0.05, { measure });
      add("completeMeasure", 0.12, { measure });
      add("submitRectification", 0.3);
    }
    if (!stalled) add("verifyRectification", 0.2);
    else {
      // A stalled finding stops unverified: still open (15 %), rectifying (60 %) or submitted.
      const r = rng.next();
      const cut = steps.findIndex((s) => s.kind === (r < 0.15 ? "startRectification" : "submitRectification"));
      if (r < 0.75) steps.splice(cut);
    }
  }

  // Spread the steps over the finding's time; what would happen after `now` has not happened yet.
  const gaps = steps.map((s, k) => (k === 0 ? 0 : s.weight * rng.float(0.6, 1.4)));
  const total = gaps.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let previous = -Infinity;
  for (const [k, s] of steps.entries()) {
    cumulative += gaps[k]!;
    const work = Math.max(previous + 30, foundWork + (total > 0 ? (length * cumulative) / total : 0));
    if (work > nowWork - 60) break;
    previous = work;
    const step: Step = { kind: s.kind, work, measure: s.measure, responsibility: s.responsibility, reason: s.reason };
    if (s.kind === "completeMeasure") s.measure!.doneWork = work;
    if (s.kind === "rejectRectification") steps[k + 1]!.measure!.due = addDays(cal.dayOf(work), 7);
    plan.steps.push(step);
  }
  return plan;
}

/** Conduct problems turn up in business departments too, but less often than case problems. */
function pickTemplate(dept: Department, rng: Rng): Template {
  const key = `${dept.line.like}:${dept.line.businessLine === null}`;
  let choices = TEMPLATE_CHOICES.get(key);
  if (!choices) {
    const comprehensive = dept.line.businessLine === null;
    choices = templatesFor(dept.line.like).map((t) => [t, t.category === FindingCategory.CONDUCT_DISCIPLINE && !comprehensive ? 0.25 : 1] as const);
    TEMPLATE_CHOICES.set(key, choices);
  }
  return rng.weighted(choices);
}

const TEMPLATE_CHOICES = new Map<string, (readonly [Template, number])[]>();

function pickSource(template: Template, rng: Rng): FindingSource {
  if (template.category === FindingCategory.CONDUCT_DISCIPLINE) return rng.chance(0.8) ? FindingSource.SUPERVISION : FindingSource.SAMPLING;
  return rng.weighted([
    [FindingSource.PROCESS_MONITORING, 55],
    [FindingSource.SAMPLING, 15],
    [FindingSource.QUALITY_REVIEW, 20],
    [FindingSource.SUPERVISION, 10],
  ]);
}

function pickHandler(dept: Department, rng: Rng): number {
  return dept.staff.length > 0 && rng.chance(0.85) ? rng.pick(dept.staff) : dept.head;
}

/** Who records it: 流程监管员 for monitoring, the office above's assessors and inspectors otherwise. */
function pickFinder(dept: Department, source: FindingSource, rng: Rng): number {
  const office = dept.office;
  const above = office.parent ?? office;
  switch (source) {
    case FindingSource.PROCESS_MONITORING:
      return dept.businessSupervisors.length > 0 && rng.chance(0.35) ? rng.pick(dept.businessSupervisors) : rng.pick(office.caseSupervisors);
    case FindingSource.SAMPLING:
      return rng.pick([...above.caseSupervisors, ...office.province.inspectors]);
    case FindingSource.QUALITY_REVIEW:
      return rng.pick((rng.chance(0.5) ? office : above).caseSupervisors);
    case FindingSource.SUPERVISION: {
      const inspectors = office.province.inspectors.length > 0 ? office.province.inspectors : office.caseSupervisors;
      return rng.pick(inspectors);
    }
  }
}

/** 销号 is done by a case-management supervisor of the office (or the one above) who is not the handler. */
function pickVerifier(dept: Department, handlerId: number, rng: Rng): number {
  for (let office: typeof dept.office | null = dept.office; office; office = office.parent) {
    const candidates = office.caseSupervisors.filter((id) => id !== handlerId);
    if (candidates.length > 0) return rng.pick(candidates);
  }
  throw new Error("generate: no verifier other than the handler");
}
