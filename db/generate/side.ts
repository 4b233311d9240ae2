import { AccountabilityKind } from "../../server/accountability/accountability.type.js";
import { WORK_DAY } from "../demo/calendar.js";
import type { Rng } from "../demo/random.js";
import { accountabilityReason, bulletinTitle, HIGHLIGHTS, UNIT_TALK_REASON } from "../demo/texts.js";
import type { Timeline } from "./heap.js";
import { canonical, Json } from "./journal.js";
import type { FindingPlan } from "./lifecycle.js";
import type { Output, WorkClock } from "./output.js";
import type { Office, PersonRecord } from "./tree.js";

interface ActionPlan {
  work: number;
  kind: AccountabilityKind;
  reason: string;
  /** The handler, or null when the department itself is the target. */
  personId: number | null;
}

/**
 * 追责问责 for a finding, as the recommendations would have it: a talk when it runs late, an
 * admonishment when it stays late for a month or repeats a struck-off problem, a talk after a
 * rejected submission. Only actions decided by `now`, and never on a withdrawn finding.
 */
export function planActions(plan: FindingPlan, rng: Rng, nowWork: number): ActionPlan[] {
  const steps = plan.steps;
  const last = steps[steps.length - 1]!;
  if (last.kind === "withdrawFinding") return [];
  const actions: ActionPlan[] = [];
  const settled = last.kind === "verifyRectification" ? last.work : nowWork;
  const lateDays = (settled - plan.deadlineWork) / WORK_DAY;
  const add = (work: number, kind: AccountabilityKind, reason: string, personId: number | null = plan.handlerId) => {
    if (work < settled - 60 && work < nowWork - 60) actions.push({ work, kind, reason, personId });
  };
  if (lateDays > 5 && rng.chance(0.35)) {
    const after = rng.float(3, Math.min(lateDays, 30));
    if (rng.chance(0.1)) add(plan.deadlineWork + after * WORK_DAY, AccountabilityKind.TALK, UNIT_TALK_REASON(plan.dept.name, 1), null);
    else add(plan.deadlineWork + after * WORK_DAY, AccountabilityKind.TALK, accountabilityReason("overdue", plan.title, Math.round(after)));
    if (lateDays > 35 && rng.chance(0.3)) {
      const later = rng.float(after + 30, lateDays);
      add(plan.deadlineWork + later * WORK_DAY, AccountabilityKind.ADMONISHMENT, accountabilityReason("longOverdue", plan.title, Math.round(later)));
    }
  }
  const rejection = steps.find((s) => s.kind === "rejectRectification");
  if (rejection && rng.chance(0.15)) add(rejection.work + rng.float(1, 3) * WORK_DAY, AccountabilityKind.TALK, accountabilityReason("rejected", plan.title, 0));
  if (plan.repeatOfId !== null && rng.chance(0.4)) add(plan.foundWork + rng.float(1, 5) * WORK_DAY, AccountabilityKind.ADMONISHMENT, accountabilityReason("repeat", plan.title, 0));
  return actions.sort((a, b) => a.work - b.work);
}

/** One decided action: its row, its link to the finding and its journal entry (recordAccountabilityAction). */
export class ActionTimeline implements Timeline {
  at: number;
  constructor(
    private readonly out: Output,
    private readonly clock: WorkClock,
    readonly order: number,
    private readonly findingId: number,
    private readonly plan: FindingPlan,
    private readonly action: ActionPlan,
  ) {
    this.at = clock.ms(action.work);
  }

  step(): boolean {
    const id = ++this.out.ids.action;
    const iso = new Date(this.at).toISOString();
    const a = this.action;
    const row = {
      id,
      kind: a.kind,
      targetPersonId: a.personId,
      targetUnitId: a.personId === null ? this.plan.dept.unitId : null,
      unitPath: this.plan.dept.path,
      reason: a.reason,
      decidedById: this.plan.dept.office.leader,
      decidedOn: this.clock.day(a.work),
      createdAt: iso,
    };
    this.out.actions.add(Object.values(row));
    this.out.actionFindings.add([id, this.findingId]);
    this.out.writer.append(this.at, "recordAccountabilityAction", "AccountabilityAction", id, row.unitPath, null, new Json(canonical({ ...row, findingIds: [this.findingId] })));
    return false;
  }
}

interface BulletinRow {
  id: number;
  unitId: number;
  unitPath: string;
  kind: string;
  title: string;
  year: number | null;
  number: number | null;
  publishedAt: string | null;
  publishedById: number | null;
  createdAt: string;
}

interface ItemRow {
  id: number;
  bulletinId: number;
  position: number;
  kind: string;
  findingId: number | null;
  text: string;
  snapshot: null;
}

/** A finding a bulletin may name, with what the published item freezes. */
export interface Candidate {
  id: number;
  plan: FindingPlan;
}

/**
 * A provincial office's monthly 流程监控 bulletin: drafted on the third working day of the next
 * month (createBulletin) and published the same afternoon (publishBulletin, numbered per year).
 */
export class BulletinTimeline implements Timeline {
  at: number;
  private published = false;
  private bulletin: BulletinRow | undefined;
  private items: ItemRow[] = [];

  constructor(
    private readonly out: Output,
    private readonly clock: WorkClock,
    private readonly numbers: Map<number, number>,
    private readonly people: PersonRecord[],
    readonly order: number,
    private readonly office: Office,
    private readonly month: { year: number; month: number },
    private readonly draftWork: number,
    private readonly publishWork: number,
    private readonly picks: Candidate[],
    private readonly highlight: string | null,
  ) {
    this.at = clock.ms(draftWork);
  }

  /** Chooses the month's candidates and a highlight now and then. */
  static pickHighlight(rng: Rng): string | null {
    return rng.chance(0.3) ? rng.pick(HIGHLIGHTS) : null;
  }

  step(): boolean {
    return this.published ? this.publish() : this.draft();
  }

  private draft(): boolean {
    const iso = new Date(this.at).toISOString();
    const id = ++this.out.ids.bulletin;
    const kind = "PROCESS_MONITORING";
    this.bulletin = {
      id,
      unitId: this.office.unitId,
      unitPath: this.office.path,
      kind,
      title: bulletinTitle(kind, this.month.year, this.month.month, 0),
      year: null,
      number: null,
      publishedAt: null,
      publishedById: null,
      createdAt: iso,
    };
    const items: { kind: string; findingId: number | null; text: string }[] = this.picks.map((c) => ({ kind: "CRITICISM", findingId: c.id, text: c.plan.title }));
    if (this.highlight) items.push({ kind: "HIGHLIGHT", findingId: null, text: this.highlight });
    this.items = items.map((item, i) => ({ id: ++this.out.ids.bulletinItem, bulletinId: id, position: i + 1, ...item, snapshot: null }));
    this.out.writer.append(this.at, "createBulletin", "Bulletin", id, this.office.path, null, new Json(canonical({ ...this.bulletin, items: this.items })));
    this.published = true;
    this.at = this.clock.ms(this.publishWork);
    return true;
  }

  private publish(): boolean {
    const iso = new Date(this.at).toISOString();
    const year = Number(this.clock.day(this.publishWork).slice(0, 4));
    const number = (this.numbers.get(year) ?? 0) + 1;
    this.numbers.set(year, number);
    const before = this.bulletin!;
    const after = { ...before, year, number, publishedAt: iso, publishedById: this.office.caseSupervisors[0]! };
    const byId = new Map(this.picks.map((c) => [c.id, c.plan]));
    const items = this.items.map((item) => {
      const plan = item.findingId === null ? undefined : byId.get(item.findingId);
      const snapshot = plan
        ? {
            unitName: plan.dept.office.name,
            departmentName: plan.dept.name,
            handlerName: this.people[plan.handlerId - 1]!.name,
            caseRef: plan.caseRef,
            title: plan.title,
            description: plan.description,
          }
        : null;
      return { ...item, snapshot };
    });
    this.out.bulletins.add(Object.values(after));
    for (const item of items) this.out.bulletinItems.add([item.id, item.bulletinId, item.position, item.kind, item.findingId, item.text, item.snapshot === null ? null : canonical(item.snapshot)]);
    this.out.writer.append(this.at, "publishBulletin", "Bulletin", after.id, this.office.path, new Json(canonical(before)), new Json(canonical({ ...after, items })));
    return false;
  }
}
