import { ApiError, request } from "../../lib/api";
import { onConnectionState, subscribe } from "../../lib/live";
import { session } from "../../lib/session.svelte";
import type { FindingDetailFieldsFragment } from "../../gql/graphql";
import { FindingChangedDocument, FindingDetailDocument } from "../findings.operations";

export type FindingDetail = FindingDetailFieldsFragment;

/** Which permission each workflow step needs (mirrors server/findings/findings.service.ts). */
const STEP_PERMISSION: Record<string, string> = {
  startRectification: "rectify",
  submitRectification: "rectify",
  addMeasure: "rectify",
  completeMeasure: "rectify",
  verifyRectification: "verify",
  rejectRectification: "verify",
  withdrawFinding: "withdraw",
  updateFinding: "editFinding",
  assignResponsibility: "assignResponsibility",
  recordAccountabilityAction: "recordAccountabilityAction",
};

/** The outcome of one step: null on success, else the error for the form to show. */
export type StepOutcome = unknown;

/**
 * One finding as the detail page shows it: loaded once, then kept current by `findingChanged`.
 * Steps run through `run`, which passes the version read and re-reads on success; a failure
 * (CONFLICT included) goes back to the form, which shows it and offers a reload.
 */
export class FindingDetailState {
  finding = $state<FindingDetail | null>(null);
  loading = $state(true);
  notFound = $state(false);
  error = $state<unknown>(null);
  busy = $state(false);

  constructor(readonly id: string) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.finding = (await request(FindingDetailDocument, { id: this.id })).finding;
      this.notFound = false;
      this.error = null;
    } catch (e) {
      if (e instanceof ApiError && e.has("NOT_FOUND")) {
        this.notFound = true;
        this.finding = null;
      } else this.error = e;
    } finally {
      this.loading = false;
    }
  }

  /** Follows changes made by anyone; returns the unsubscribe function. */
  follow(): () => void {
    const stop = subscribe(FindingChangedDocument, { id: this.id }, (data) => {
      this.finding = data.findingChanged;
    });
    let wasOffline = false;
    const stopState = onConnectionState((state) => {
      if (state === "offline") wasOffline = true;
      else if (state === "online" && wasOffline) {
        wasOffline = false;
        void this.load();
      }
    });
    return () => {
      stop();
      stopState();
    };
  }

  /** Whether the viewer may take `step` now: the status allows it and their role does. */
  may(step: string): boolean {
    return !!this.finding?.availableSteps.includes(step) && session.can(STEP_PERMISSION[step] ?? "administer");
  }

  get version(): number {
    return this.finding?.version ?? 0;
  }

  /** Runs a mutation; on success re-reads the finding and returns null, else returns the error. */
  async run(mutation: (version: number) => Promise<unknown>): Promise<StepOutcome> {
    if (this.busy) return null;
    this.busy = true;
    try {
      await mutation(this.version);
      await this.load();
      return null;
    } catch (e) {
      return e;
    } finally {
      this.busy = false;
    }
  }
}
