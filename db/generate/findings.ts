import { defaultWarningAt } from "../../server/findings/findings.service.js";
import type { Timeline } from "./heap.js";
import { canonical, Json } from "./journal.js";
import type { FindingPlan, Step } from "./lifecycle.js";
import { FINDING_KEYS, type Output, type WorkClock } from "./output.js";

type FindingState = Record<(typeof FINDING_KEYS)[number], string | number | null>;

const NEXT_STATUS: Partial<Record<Step["kind"], string>> = {
  startRectification: "RECTIFYING",
  submitRectification: "SUBMITTED",
  verifyRectification: "VERIFIED",
  rejectRectification: "RECTIFYING",
  withdrawFinding: "WITHDRAWN",
};

/**
 * A finding's history replayed into the tables and the journal, one step per heap turn. Each step
 * writes what the service would: the row before and after (version + 1, updatedAt), the measure
 * or responsibility it adds, and — at its last step — the finding row as it stands at `now`.
 */
export class FindingTimeline implements Timeline {
  at: number;
  readonly order: number;
  private k = 0;
  private state: FindingState | undefined;
  private layouts: FindingLayouts | undefined;

  constructor(
    private readonly out: Output,
    private readonly clock: WorkClock,
    readonly id: number,
    private readonly plan: FindingPlan,
  ) {
    this.order = id;
    this.at = clock.ms(plan.steps[0]!.work);
  }

  step(): boolean {
    const step = this.plan.steps[this.k]!;
    const iso = new Date(this.at).toISOString();
    if (step.kind === "recordFinding") this.record(iso);
    else this.change(step, iso);
    this.k++;
    if (this.k < this.plan.steps.length) {
      this.at = this.clock.ms(this.plan.steps[this.k]!.work);
      return true;
    }
    const state = this.state!;
    this.out.findings.add(FINDING_KEYS.map((key) => state[key]));
    this.state = undefined;
    this.layouts = undefined;
    return false;
  }

  private record(iso: string): void {
    const p = this.plan;
    const day = this.clock.day(p.foundWork);
    this.state = {
      id: this.id,
      code: `ZG-${day.slice(0, 4)}-${String(this.id).padStart(5, "0")}`,
      title: p.title,
      description: p.description,
      unitId: p.dept.unitId,
      unitPath: p.dept.path,
      handlerId: p.handlerId,
      caseRef: p.caseRef,
      category: p.template.category,
      severity: p.severity,
      source: p.source,
      inspectionId: null,
      qualityReviewId: null,
      samplingRoundId: null,
      supervisionNoticeId: null,
      rectificationClass: p.rectificationClass,
      status: "OPEN",
      deadline: p.deadline,
      warningAt: warningAt(p.deadline, this.at),
      foundById: p.foundById,
      foundAt: iso,
      repeatOfId: p.repeatOfId,
      submittedAt: null,
      verifiedAt: null,
      verifiedById: null,
      rejectionReason: null,
      withdrawalReason: null,
      createdAt: iso,
      updatedAt: iso,
      version: 1,
    };
    this.layouts = new FindingLayouts(this.state);
    this.out.writer.append(this.at, "recordFinding", "Finding", this.id, p.dept.path, null, this.layouts.render(this.state));
  }

  private change(step: Step, iso: string): void {
    // The row before the step is rendered again rather than kept from the step before: a finding's
    // JSON held for days of generated time would be promoted to the old generation and make every
    // full collection slower (the generator's cost per row grew with the findings in progress).
    const state = this.state!;
    const before = this.layouts!.render(state);
    state.version = (state.version as number) + 1;
    state.updatedAt = iso;
    state.status = NEXT_STATUS[step.kind] ?? state.status;
    let extra: { key: "measure" | "responsibility"; value: Record<string, unknown> } | undefined;
    switch (step.kind) {
      case "submitRectification":
        state.submittedAt = iso;
        break;
      case "verifyRectification":
        state.verifiedAt = iso;
        state.verifiedById = this.plan.verifierId;
        break;
      case "rejectRectification":
        state.rejectionReason = step.reason!;
        break;
      case "withdrawFinding":
        state.withdrawalReason = step.reason!;
        break;
      case "addMeasure": {
        const m = step.measure!;
        m.id = ++this.out.ids.measure;
        m.createdAt = iso;
        const doneAt = m.doneWork === null ? null : this.clock.iso(m.doneWork);
        this.out.measures.add([m.id, this.id, m.text, m.ownerId, m.due, doneAt, iso]);
        extra = { key: "measure", value: { id: m.id, findingId: this.id, text: m.text, ownerId: m.ownerId, due: m.due, doneAt: null, createdAt: iso } };
        break;
      }
      case "completeMeasure": {
        const m = step.measure!;
        extra = { key: "measure", value: { id: m.id, findingId: this.id, text: m.text, ownerId: m.ownerId, due: m.due, doneAt: iso, createdAt: m.createdAt } };
        break;
      }
      case "assignResponsibility": {
        const r = step.responsibility!;
        const id = ++this.out.ids.responsibility;
        this.out.responsibilities.add([id, this.id, r.tier, r.personId, r.unitId, iso]);
        extra = { key: "responsibility", value: { id, findingId: this.id, tier: r.tier, personId: r.personId, unitId: r.unitId, createdAt: iso } };
        break;
      }
      default:
        break;
    }
    const after = extra ? this.layouts!.render(state, extra.key, canonical(extra.value)) : this.layouts!.render(state);
    this.out.writer.append(this.at, step.kind, "Finding", this.id, this.plan.dept.path, before, after);
  }
}

/** The columns a workflow step changes; the others are fixed when the finding is recorded. */
const CHANGING = new Set<string>(["status", "submittedAt", "verifiedAt", "verifiedById", "rejectionReason", "withdrawalReason", "updatedAt", "version"]);

/** One finding's canonical row with the changing values cut out (see Spliced), and which key goes in each cut. */
interface Layout {
  bytes: Buffer;
  cuts: number[];
  keys: readonly string[];
}

/** The keys cut out of a layout, by the extra key journalled beside the row: the same for every finding. */
const CUT_KEYS = new Map<string, readonly string[]>();

/**
 * canonical() of a finding row (plus the measure or responsibility a step journals beside it): the
 * fixed columns, and the key names of all columns, are serialised and encoded once per finding
 * into one buffer; a step renders only the changing values. One buffer and one short array per
 * layout keep the findings in progress cheap to hold (the full collections walk all of them).
 */
class FindingLayouts {
  private readonly layouts = new Map<string, Layout>();
  constructor(private readonly initial: FindingState) {}

  render(state: FindingState, extraKey = "", extraJson = ""): Json {
    const layout = this.layouts.get(extraKey) ?? this.build(extraKey);
    const values = layout.keys.map((key) => (key === extraKey ? extraJson : canonical(state[key as keyof FindingState])));
    return new Json({ bytes: layout.bytes, cuts: layout.cuts, values });
  }

  private build(extraKey: string): Layout {
    const keys = [...FINDING_KEYS, ...(extraKey ? [extraKey] : [])].sort();
    let cutKeys = CUT_KEYS.get(extraKey);
    if (!cutKeys) CUT_KEYS.set(extraKey, (cutKeys = keys.filter((key) => key === extraKey || CHANGING.has(key))));
    const runs: string[] = [];
    let run = "{";
    keys.forEach((key, i) => {
      run += (i === 0 ? "" : ",") + JSON.stringify(key) + ":";
      if (key !== extraKey && !CHANGING.has(key)) run += canonical(this.initial[key as keyof FindingState]);
      else {
        runs.push(run);
        run = "";
      }
    });
    runs.push(run + "}");
    const encoded = runs.map((r) => Buffer.byteLength(r));
    const bytes = Buffer.allocUnsafe(encoded.reduce((a, b) => a + b, 0));
    const cuts: number[] = [];
    let at = 0;
    runs.forEach((r, i) => {
      at += bytes.write(r, at);
      if (i < runs.length - 1) cuts.push(at);
    });
    const layout = { bytes, cuts, keys: cutKeys };
    this.layouts.set(extraKey, layout);
    return layout;
  }
}

/** The service's default warning time (3 days before the deadline, not before it was found), as ISO text. */
function warningAt(deadline: string, foundMs: number): string {
  return defaultWarningAt(deadline, new Date(foundMs)).toISOString();
}
