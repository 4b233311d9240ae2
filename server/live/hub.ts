import type { Database } from "../../db/client.js";
import { journalAfter, journalHeadsAfter, lastJournalRow, type JournalRow } from "../journal/journal.queries.js";
import { log } from "../log.js";

export type RowListener = (row: JournalRow) => void;
/** What a light listener sees of each row: enough to react to its kind, not its content. */
export type RowHead = Pick<JournalRow, "seq" | "entity" | "action">;
export type HeadListener = (row: RowHead) => void;

const BATCH = 500;

/**
 * The node's one link to the journal: a single LISTEN connection whose notifications (the seq
 * only) wake a reader that fetches every new journal row once, in seq order, and hands it to the
 * listeners. Each (re)connect of the LISTEN connection triggers the same catch-up, so a lost
 * notification loses nothing: the journal, not NOTIFY, is the source of truth.
 */
export class LiveHub {
  private lastSeq = 0;
  private readonly listeners = new Set<RowListener>();
  private readonly headListeners = new Set<HeadListener>();
  private reading: Promise<void> | null = null;
  private again = false;
  private unlisten: (() => Promise<void>) | null = null;
  private stopped = false;

  constructor(private readonly database: Database) {}

  /** The seq of the last row handed out; a subscriber reads its backlog up to here. */
  get seq(): number {
    return this.lastSeq;
  }

  async start(): Promise<void> {
    this.lastSeq = (await lastJournalRow(this.database.db))?.seq ?? 0;
    this.unlisten = await this.database.listen("journal", () => this.wake(), () => this.wake());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.unlisten?.().catch(() => {});
    await this.reading;
  }

  subscribe(listener: RowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Listens to each row's seq, entity and action only (the credential cache). While no live
   * subscription needs whole rows, the hub reads just these columns, so a node with no subscribers
   * does not fetch every change's before/after JSON.
   */
  subscribeHeads(listener: HeadListener): () => void {
    this.headListeners.add(listener);
    return () => this.headListeners.delete(listener);
  }

  /** Reads what is new; concurrent wake-ups fold into one more pass. */
  wake(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.readNew().finally(() => {
      this.reading = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.wake();
      }
    });
    return this.reading;
  }

  private async readNew(): Promise<void> {
    try {
      for (;;) {
        const whole = this.listeners.size > 0;
        const rows: RowHead[] = whole ? await journalAfter(this.database.db, this.lastSeq, BATCH) : await journalHeadsAfter(this.database.db, this.lastSeq, BATCH);
        // A subscription that arrived during a heads-only read starts at lastSeq, which has not
        // moved: read the same rows again whole so it misses none.
        if (!whole && this.listeners.size > 0) continue;
        for (const row of rows) {
          this.lastSeq = row.seq;
          for (const listener of this.headListeners) listener(row);
          if (whole) for (const listener of this.listeners) listener(row as JournalRow);
        }
        if (rows.length < BATCH || this.stopped) return;
      }
    } catch (error) {
      // The next notification or reconnect retries from lastSeq.
      if (!this.stopped) log.warn("live hub could not read the journal", { error: String(error) });
    }
  }
}
