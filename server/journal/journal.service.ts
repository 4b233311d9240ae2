import type { Db } from "../../db/client.js";
import type { Context } from "../context.js";
import { decodeCursor, encodeCursor, type Page } from "../relay/connection.js";
import type { JournalArgs } from "./journal.inputs.js";
import { JournalEntry } from "./journal.type.js";
import { GENESIS_HASH, journalHash, journalHashText } from "./canonical.js";
import { countJournal, insertPendingJournalRow, journalAfter } from "./journal.queries.js";

/** Who made a change, as written in the journal. */
export interface Actor {
  /** e.g. "person:12", "system:seed", "anonymous". */
  label: string;
  personId: number | null;
}

export interface JournalChange {
  action: string;
  entity: string;
  entityId: number | string;
  unitPath: string | null;
  before: unknown;
  after: unknown;
}

let notifyEnabled = true;

/** JOURNAL_NOTIFY=off (benchmark only): appends without waking live nodes. */
export function setJournalNotify(enabled: boolean): void {
  notifyEnabled = enabled;
}

/**
 * Appends the journal row for a change: writes it to journal_pending, and a deferred trigger
 * (journal_chain, migration 0011) gives it its seq and hashes at COMMIT, under the journal lock,
 * and wakes every node's LiveHub. The lock is held for the commit alone, so one slow request never
 * holds up every other change in the country. Call it as the last write of the change: its row
 * is chained after the change's own rows are final.
 */
export async function appendJournal(tx: Db, actor: Actor, at: Date, entry: JournalChange): Promise<void> {
  const row = {
    at: new Date(at.getTime()),
    actor: actor.label,
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    unitPath: entry.unitPath,
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
  await insertPendingJournalRow(tx, row, journalHashText(row), notifyEnabled);
}

/** Plain JSON as jsonb will store it (dates as ISO strings), so the hash survives a round trip. */
function toJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; badSeq: number; reason: string };

/** Recomputes the whole chain; reports the first row that was edited, removed or moved. */
export async function verifyJournal(db: Db, batch = 5000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    const page = await journalAfter(db, expectedSeq - 1, batch);
    for (const row of page) {
      rows++;
      if (row.seq !== expectedSeq) return { ok: false, rows, badSeq: expectedSeq, reason: `row ${expectedSeq} is missing (next is ${row.seq})` };
      if (row.prevHash !== prevHash) return { ok: false, rows, badSeq: row.seq, reason: "prev_hash does not match the previous row" };
      if (journalHash(row) !== row.hash) return { ok: false, rows, badSeq: row.seq, reason: "hash does not match the row's content" };
      prevHash = row.hash;
      expectedSeq++;
    }
    if (page.length < batch) return { ok: true, rows };
  }
}

/** Journal entries the viewer may see, after `since` (or after the cursor), in seq order. */
export async function listJournal(ctx: Context, args: JournalArgs): Promise<Page<JournalEntry>> {
  const since = args.after ? (decodeCursor(args.after)![1]) : args.since;
  const rows = args.first === 0 ? [] : await journalAfter(ctx.db, since, args.first + 1, ctx.findingScope);
  const nodes = rows.slice(0, args.first).map(JournalEntry.from);
  return {
    nodes,
    hasNextPage: rows.length > args.first,
    cursorOf: (entry) => encodeCursor([entry.seq, entry.seq]),
    totalCount: () => countJournal(ctx.db, since, ctx.findingScope),
  };
}
