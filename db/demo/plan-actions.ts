import { recordAccountabilityAction } from "../../server/accountability/accountability.service.js";
import { AccountabilityKind } from "../../server/accountability/accountability.type.js";
import { addDays } from "../../server/clock.js";
import { FindingStatus } from "../../server/findings/finding.enums.js";
import { daysBetween, WORK_DAY, type WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import { CITY_CODE, type DemoPerson } from "./org.js";
import type { PeopleIndex } from "./people-index.js";
import type { FindingPlan } from "./plan-findings.js";
import type { Rng } from "./random.js";
import { accountabilityReason, UNIT_TALK_REASON } from "./texts.js";

export const ACCOUNTABILITY_ACTIONS = 20;

interface Action {
  kind: AccountabilityKind;
  person?: DemoPerson;
  unit?: { code: string; name: string };
  findings: FindingPlan[];
  reason: string;
  decidedBy: DemoPerson;
  /** Work time from which the decision makes sense (the trigger has happened). */
  earliest: number;
}

/**
 * Twenty accountability actions (追责问责) on the ladder 约谈 → 诫勉谈话 → 通报批评, each after
 * what triggered it: a deadline passed, a submission rejected, a struck-off problem recurring.
 */
export function accountabilityEvents(plans: FindingPlan[], rng: Rng, cal: WorkCalendar, org: PeopleIndex): SeedEvent[] {
  const dayAfter = (day: string, plus = 1) => cal.startOf(cal.indexOnOrAfter(addDays(day, plus)));
  const lateBy = (p: FindingPlan) => daysBetween(p.deadline, cal.today);
  const overdue = rng.shuffle(plans.filter((p) => p.outcome === "OVERDUE" && lateBy(p) >= 4));
  const rejected = rng.shuffle(plans.filter((p) => p.rejectWork !== undefined && p.rejectWork < cal.nowWork - 2 * WORK_DAY));
  const repeats = plans.filter((p) => p.repeatOf !== null && p.foundWork < cal.nowWork - 3 * WORK_DAY);
  const chiefOf = (p: FindingPlan) => (p.office.code === CITY_CODE ? org.deputy() : org.leader(p.office.code));
  const actions: Action[] = [];
  const talk = (p: FindingPlan, why: "overdue" | "rejected") =>
    actions.push({
      kind: AccountabilityKind.TALK,
      person: p.handler,
      findings: [p],
      reason: accountabilityReason(why, p.title, lateBy(p)),
      decidedBy: chiefOf(p),
      earliest: why === "overdue" ? dayAfter(p.deadline) : p.rejectWork! + WORK_DAY,
    });

  // Departments with the most overdue items answer as a unit: two 通报批评 and one 约谈.
  const byUnit = new Map<string, FindingPlan[]>();
  for (const p of overdue) byUnit.set(p.unit.code, [...(byUnit.get(p.unit.code) ?? []), p]);
  const worst = [...byUnit.values()].sort((a, b) => b.length - a.length || a[0]!.index - b[0]!.index).slice(0, 3);
  worst.forEach((items, k) => {
    const linked = items.slice(0, 4);
    const unit = linked[0]!.unit;
    const unitName = `${linked[0]!.office.short}${unit.name}`;
    const earliest = Math.max(...linked.map((p) => dayAfter(p.deadline, 3)));
    actions.push(
      k < 2
        ? { kind: AccountabilityKind.BULLETIN_CRITICISM, unit, findings: linked, reason: accountabilityReason("unit", "", linked.length, unitName), decidedBy: org.leader(CITY_CODE), earliest }
        : { kind: AccountabilityKind.TALK, unit, findings: linked, reason: UNIT_TALK_REASON(unitName, linked.length), decidedBy: chiefOf(linked[0]!), earliest },
    );
  });

  // Two long-overdue items climb the ladder: 约谈, then 诫勉谈话 a month later.
  const long = overdue.filter((p) => lateBy(p) >= 40).slice(0, 2);
  for (const p of long) {
    talk(p, "overdue");
    actions.push({
      kind: AccountabilityKind.ADMONISHMENT,
      person: p.handler,
      findings: [p],
      reason: accountabilityReason("longOverdue", p.title, lateBy(p)),
      decidedBy: org.deputy(),
      earliest: dayAfter(p.deadline, 30),
    });
  }
  // Recurring problems (屡查屡犯): 诫勉谈话, linked to the repeat and its original.
  for (const p of repeats.slice(0, 5 - long.length)) {
    const original = plans[p.repeatOf!]!;
    actions.push({
      kind: AccountabilityKind.ADMONISHMENT,
      person: p.handler,
      findings: [p, original],
      reason: accountabilityReason("repeat", p.title, 0),
      decidedBy: org.deputy(),
      earliest: p.foundWork + WORK_DAY,
    });
  }
  // The rest are 约谈 of handlers, alternating overdue and rejected items, one each.
  const named = new Set(actions.flatMap((a) => a.findings.map((p) => p.index)));
  const pools = [overdue.filter((p) => !named.has(p.index)), rejected.filter((p) => !named.has(p.index))];
  for (let k = 0; actions.length < ACCOUNTABILITY_ACTIONS; k++) {
    const pool = pools[k % 2]!.length > 0 ? pools[k % 2]! : pools[(k + 1) % 2]!;
    const p = pool.shift();
    if (!p) throw new Error("demo seed: not enough findings to hang the accountability actions on");
    talk(p, p.outcome === "OVERDUE" ? "overdue" : "rejected");
  }

  return actions.map((a) => {
    const latest = cal.nowWork - 1800;
    const at = Math.min(latest, Math.max(a.earliest, a.earliest + rng.float(0.2, 4) * WORK_DAY));
    if (a.findings.some((p) => p.status === FindingStatus.WITHDRAWN)) throw new Error("demo seed: accountability on a withdrawn finding");
    return {
      at,
      actor: a.decidedBy.key,
      run: (ctx, ids) =>
        recordAccountabilityAction(ctx, {
          kind: a.kind,
          targetPerson: a.person ? ids.person(a.person.key) : null,
          targetUnit: a.unit ? ids.unit(a.unit.code) : null,
          findings: a.findings.map((p) => ids.finding(p.index)),
          reason: a.reason,
          decidedBy: ids.person(a.decidedBy.key),
        }),
    };
  });
}
