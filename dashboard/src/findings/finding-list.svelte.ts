import { request } from "../lib/api";
import { onConnectionState, subscribe } from "../lib/live";
import type { FindingFilter, FindingOrder, LedgerChangedSubscription, LedgerRowFragment } from "../gql/graphql";
import { LedgerChangedDocument, LedgerFindingsDocument } from "./findings.operations";

export type LedgerRow = LedgerRowFragment;

export interface ListArgs {
  filter: FindingFilter;
  orderBy: FindingOrder;
  first: number;
  after: string | null;
}

/**
 * One page of findings that follows `ledgerChanged` for the same filter: rows on the page update
 * in place, rows that leave the filter drop out, and matching findings not on the page are
 * counted in `pending` until the viewer refreshes.
 */
export class FindingList {
  rows = $state<LedgerRow[]>([]);
  total = $state(0);
  hasNextPage = $state(false);
  endCursor = $state<string | null>(null);
  loading = $state(true);
  error = $state<unknown>(null);
  pending = $state(0);

  #args: ListArgs | null = null;
  #request = 0;
  #stale = false;

  /** Loads the page for `args` (dropping any answer to an earlier load). */
  async load(args: ListArgs = this.#args!): Promise<void> {
    this.#args = args;
    const ticket = ++this.#request;
    this.loading = true;
    this.#stale = false;
    try {
      const data = await request(LedgerFindingsDocument, { ...args, after: args.after || null });
      if (ticket !== this.#request) return;
      this.rows = data.findings.edges.map((e) => e.node);
      this.total = data.findings.totalCount;
      this.hasNextPage = data.findings.pageInfo.hasNextPage;
      this.endCursor = data.findings.pageInfo.endCursor ?? null;
      this.pending = 0;
      this.error = null;
    } catch (e) {
      if (ticket === this.#request) this.error = e;
    } finally {
      if (ticket === this.#request) {
        this.loading = false;
        // A change that arrived while the page was loading may be missing from it.
        if (this.#stale) void this.load();
      }
    }
  }

  /** Follows live changes for the current filter; returns the unsubscribe function. */
  follow(filter: FindingFilter): () => void {
    const stop = subscribe(LedgerChangedDocument, { filter }, (data) => this.#apply(data.ledgerChanged));
    let wasOffline = false;
    // Changes made while the socket was down are not replayed: re-read the page on reconnect.
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

  #apply(change: LedgerChangedSubscription["ledgerChanged"]) {
    if (this.loading) {
      this.#stale = true;
      return;
    }
    const index = this.rows.findIndex((r) => r.id === change.finding.id);
    if (!change.matches) {
      if (index >= 0) this.rows.splice(index, 1);
      this.total = Math.max(0, this.total - 1);
    } else if (index >= 0) {
      this.rows[index] = change.finding;
    } else {
      if (change.action === "recordFinding") this.total += 1;
      this.pending += 1;
    }
  }
}
