import { addDays } from "../../server/clock.js";
import { FindingCategory, FindingSeverity, FindingSource, FindingStatus, RectificationClass } from "../../server/findings/finding.enums.js";
import { WORK_DAY, type WorkCalendar } from "./calendar.js";
import { CITY_CODE, type DemoOffice, type DemoPerson, type DemoUnit, type Line } from "./org.js";
import type { PeopleIndex } from "./people-index.js";
import type { Rng } from "./random.js";
import { templatesFor, type Template } from "./templates.js";
import { caseName, caseRef } from "./texts.js";

/**
 * How a finding's story ends at `now`: struck off (DONE), withdrawn, past its deadline
 * (OVERDUE), due within three days (WARNING) or still within its deadline (ACTIVE).
 */
export type Outcome = "DONE" | "WITHDRAWN" | "OVERDUE" | "WARNING" | "ACTIVE";

interface Spec {
  outcome: Outcome;
  status: FindingStatus;
  /** Rejected once on the way (退回). */
  rejected: boolean;
}

const { OPEN, RECTIFYING, SUBMITTED, VERIFIED, WITHDRAWN } = FindingStatus;

/** The final mix of the ~300 findings; chosen to look like a year of a working ledger. */
const QUOTAS: [Spec, number][] = [
  [{ outcome: "DONE", status: VERIFIED, rejected: false }, 156],
  [{ outcome: "DONE", status: VERIFIED, rejected: true }, 14],
  [{ outcome: "WITHDRAWN", status: WITHDRAWN, rejected: false }, 10],
  [{ outcome: "OVERDUE", status: OPEN, rejected: false }, 4],
  [{ outcome: "OVERDUE", status: RECTIFYING, rejected: false }, 22],
  [{ outcome: "OVERDUE", status: RECTIFYING, rejected: true }, 2],
  [{ outcome: "OVERDUE", status: SUBMITTED, rejected: false }, 8],
  [{ outcome: "OVERDUE", status: SUBMITTED, rejected: true }, 2],
  [{ outcome: "WARNING", status: OPEN, rejected: false }, 2],
  [{ outcome: "WARNING", status: RECTIFYING, rejected: false }, 8],
  [{ outcome: "WARNING", status: SUBMITTED, rejected: false }, 5],
  [{ outcome: "ACTIVE", status: OPEN, rejected: false }, 14],
  [{ outcome: "ACTIVE", status: RECTIFYING, rejected: false }, 33],
  [{ outcome: "ACTIVE", status: RECTIFYING, rejected: true }, 2],
  [{ outcome: "ACTIVE", status: SUBMITTED, rejected: false }, 15],
  [{ outcome: "ACTIVE", status: SUBMITTED, rejected: true }, 3],
];

export interface FindingPlan extends Spec {
  index: number;
  unit: DemoUnit;
  office: DemoOffice;
  template: Template;
  rectificationClass: RectificationClass;
  severity: FindingSeverity;
  source: FindingSource;
  /** Work time when found (see WorkCalendar). */
  foundWork: number;
  deadline: string;
  /** Work time of the last step for DONE / WITHDRAWN; null while the finding is still open. */
  endWork: number | null;
  repeatOf: number | null;
  handler: DemoPerson;
  foundBy: DemoPerson;
  verifier: DemoPerson;
  title: string;
  description: string;
  caseRef: string | null;
  /** Filled when the steps are laid out: when it was rejected, if it was. */
  rejectWork?: number;
}

const LINE_WEIGHT: Record<Line, number> = { GS: 4, ZJ: 2.5, MX: 1.5, KS: 1.2, WJ: 1.2, AG: 0.8, BGS: 0.6, ZZB: 0.4, JWDC: 0 };
const OFFICE_WEIGHT: Record<string, number> = { [CITY_CODE]: 0.6, "QC-DC": 1.2, "QC-XS": 1, "QC-LJ": 1.1 };
const DEADLINE_DAYS: Record<RectificationClass, [number, number]> = {
  [RectificationClass.IMMEDIATE]: [7, 15],
  [RectificationClass.GRADUAL]: [30, 90],
  [RectificationClass.ESCALATE]: [60, 120],
};

/** Plans every finding: where, what, who, when found, its deadline and how it ends. */
export function planFindings(rng: Rng, cal: WorkCalendar, org: PeopleIndex): FindingPlan[] {
  const specs = rng.shuffle(QUOTAS.flatMap(([spec, n]) => Array.from({ length: n }, () => spec)));
  const departments = org.units.filter((u) => u.line && LINE_WEIGHT[u.line] > 0);
  const weighted = departments.map((u) => [u, LINE_WEIGHT[u.line!] * (OFFICE_WEIGHT[u.office] ?? 1)] as const);
  const plans = specs.map((spec, index) => {
    const unit = rng.weighted(weighted);
    const template = pickTemplate(unit.line!, rng);
    const cls = rng.chance(0.85) ? template.rectificationClass : rng.pick(Object.values(RectificationClass));
    const [min, max] = DEADLINE_DAYS[cls];
    const dates = placeDates(spec, rng.int(min, max), rng, cal);
    return {
      ...spec,
      ...dates,
      index,
      unit,
      office: org.office(unit.office),
      template,
      rectificationClass: cls,
      severity: pickSeverity(template, rng),
      source: pickSource(template, rng),
      repeatOf: null as number | null,
    };
  });
  markRepeats(plans, rng, cal);
  // People and texts in order of discovery, so a repeat can name its original's handler.
  const byTime = [...plans].sort((a, b) => a.foundWork - b.foundWork);
  const done: FindingPlan[] = [];
  for (const p of byTime) {
    const original = p.repeatOf === null ? undefined : done.find((d) => d.index === p.repeatOf);
    const handler = original?.handler ?? org.handler(p.unit.code, rng);
    const foundBy = pickFinder(p.source, p.unit, p.office.code, org, rng);
    const particulars = {
      caseName: p.template.hasCase ? caseName(p.unit.line!, rng) : "",
      caseRef: caseRef(p.office.casePrefix, p.unit.line!, Number(cal.dayOf(p.foundWork).slice(0, 4)) - (rng.chance(0.15) ? 1 : 0), rng),
      n: rng.int(2, 6),
      dept: p.unit.name,
      office: p.office.short,
    };
    done.push({
      ...p,
      handler,
      foundBy,
      verifier: org.verifier(p.office.code, handler, rng),
      title: p.template.title,
      description: p.template.describe(particulars),
      caseRef: p.template.hasCase || p.unit.line === "KS" ? particulars.caseRef : null,
    });
  }
  return done.sort((a, b) => a.index - b.index);
}

/** Conduct problems turn up in business departments too, but less often than case problems. */
function pickTemplate(line: Line, rng: Rng): Template {
  const comprehensive = line === "BGS" || line === "ZZB";
  return rng.weighted(templatesFor(line).map((t) => [t, t.category === FindingCategory.CONDUCT_DISCIPLINE && !comprehensive ? 0.25 : 1] as const));
}

/** Most problems are flaws (瑕疵); unqualified (不合格) ones are rare. */
function pickSeverity(template: Template, rng: Rng): FindingSeverity {
  const bias: Record<FindingSeverity, number> = { [FindingSeverity.FLAW]: 2.5, [FindingSeverity.IRREGULAR]: 1, [FindingSeverity.UNQUALIFIED]: 0.6 };
  return rng.weighted(template.severity.map(([s, w]) => [s, w * bias[s]] as const));
}

function pickSource(template: Template, rng: Rng): FindingSource {
  if (template.category === FindingCategory.CONDUCT_DISCIPLINE) {
    return rng.chance(0.8) ? FindingSource.SUPERVISION : FindingSource.SAMPLING;
  }
  return rng.weighted([
    [FindingSource.PROCESS_MONITORING, 55],
    [FindingSource.SAMPLING, 15],
    [FindingSource.QUALITY_REVIEW, 20],
    [FindingSource.SUPERVISION, 10],
  ]);
}

/** Who records it: 流程监管员 for monitoring, the city's assessors and inspectors otherwise. */
function pickFinder(source: FindingSource, unit: DemoUnit, office: string, org: PeopleIndex, rng: Rng): DemoPerson {
  switch (source) {
    case FindingSource.PROCESS_MONITORING: {
      const business = org.businessSupervisors(unit.code);
      return business.length > 0 && rng.chance(0.35) ? rng.pick(business) : rng.pick(org.caseSupervisors(office));
    }
    case FindingSource.SAMPLING:
      return rng.pick([...org.caseSupervisors(CITY_CODE), ...org.inspectors()]);
    case FindingSource.QUALITY_REVIEW:
      return rng.pick(org.caseSupervisors(rng.chance(0.5) ? office : CITY_CODE));
    case FindingSource.SUPERVISION:
      return rng.pick(org.inspectors());
  }
}

/** Found time, deadline and (for closed ones) end time that give the spec's outcome at `now`. */
function placeDates(spec: Spec, days: number, rng: Rng, cal: WorkCalendar): { foundWork: number; deadline: string; endWork: number | null } {
  const firstIdx = cal.indexOnOrAfter(addDays(cal.today, -365));
  const lastIdx = Math.floor((cal.nowWork - 7200) / WORK_DAY);
  const foundAt = (idx: number, latest = Infinity) => cal.startOf(idx) + rng.float(0, Math.max(0, Math.min(WORK_DAY - 5400, latest - cal.startOf(idx))));
  switch (spec.outcome) {
    case "DONE":
    case "WITHDRAWN": {
      let length = spec.outcome === "WITHDRAWN" ? rng.float(1, 10) : (days * 5) / 7;
      if (spec.outcome === "DONE") length = rng.chance(0.85) ? length * rng.float(0.3, 0.95) : length + rng.float(1, 8);
      if (spec.rejected) length += rng.float(3, 8);
      const hi = Math.max(firstIdx, lastIdx - Math.ceil(length) - 1);
      const foundWork = foundAt(rng.int(firstIdx, hi), cal.nowWork - 7200);
      const limit = cal.nowWork - 3600;
      let endWork = foundWork + length * WORK_DAY;
      if (endWork > limit) endWork = foundWork + (limit - foundWork) * rng.float(0.6, 0.95);
      return { foundWork, deadline: addDays(cal.dayOf(foundWork), days), endWork };
    }
    case "OVERDUE": {
      const late = 1 + Math.floor(75 * rng.next() ** 2);
      const idx = Math.max(firstIdx, cal.indexOnOrBefore(addDays(cal.today, -late - days)));
      const foundWork = foundAt(idx);
      return { foundWork, deadline: addDays(cal.dayOf(foundWork), days), endWork: null };
    }
    case "WARNING": {
      const deadline = addDays(cal.today, rng.int(0, 3));
      return { foundWork: foundAt(cal.indexOnOrBefore(addDays(deadline, -days))), deadline, endWork: null };
    }
    case "ACTIVE": {
      let lo = Math.max(firstIdx, cal.indexOnOrAfter(addDays(cal.today, 4 - days)));
      if (spec.status === OPEN) lo = Math.max(lo, lastIdx - 5);
      const foundWork = foundAt(rng.int(Math.min(lo, lastIdx), lastIdx), cal.nowWork - 7200);
      const byClass = addDays(cal.dayOf(foundWork), days);
      const earliest = addDays(cal.today, 4);
      return { foundWork, deadline: byClass > earliest ? byClass : earliest, endWork: null };
    }
  }
}

/** About eight findings repeat an earlier, struck-off problem of the same department (屡查屡犯). */
function markRepeats(plans: Omit<FindingPlan, "handler" | "foundBy" | "verifier" | "title" | "description" | "caseRef">[], rng: Rng, cal: WorkCalendar): void {
  const used = new Set<number>();
  const candidates = rng.shuffle(plans.filter((p) => p.outcome !== "WITHDRAWN" && p.foundWork > cal.nowWork - 200 * WORK_DAY));
  let marked = 0;
  for (const p of candidates) {
    if (marked === 8) break;
    if (used.has(p.index)) continue;
    const originals = plans.filter(
      (o) => o.outcome === "DONE" && !used.has(o.index) && o.endWork! < p.foundWork - 10 * WORK_DAY && o.office.code === p.office.code && o.unit.line === p.unit.line,
    );
    if (originals.length === 0) continue;
    const original = rng.pick(originals);
    used.add(original.index);
    used.add(p.index);
    p.unit = original.unit;
    p.template = original.template;
    p.severity = original.severity === FindingSeverity.FLAW ? FindingSeverity.IRREGULAR : FindingSeverity.UNQUALIFIED;
    p.repeatOf = original.index;
    marked++;
  }
}
