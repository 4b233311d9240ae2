import { and, asc, desc, gt, sql } from "drizzle-orm";
import { ALL, scopeCondition, type Scope } from "../scope.js";
import type { Db } from "../../db/client.js";
import { journal } from "../../db/tables/index.js";
import { GENESIS_HASH } from "./canonical.js";
import { preparedPer } from "../prepared.js";

export type JournalRow = typeof journal.$inferSelect;

/** Transaction-scoped lock that serialises journal appends, so seq order is commit order. */
const JOURNAL_LOCK = 7262002;

export async function lockJournal(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${JOURNAL_LOCK})`);
}

export async function lastJournalRow(tx: Db): Promise<Pick<JournalRow, "seq" | "hash"> | undefined> {
  const [row] = await tx.select({ seq: journal.seq, hash: journal.hash }).from(journal).orderBy(desc(journal.seq)).limit(1);
  return row;
}

/** A journal row before the chain gives it its seq and hashes. */
export type UnchainedRow = Omit<JournalRow, "seq" | "prevHash" | "hash">;

/**
 * Appends a row to the chain in one statement: it reads the last row, takes the next seq, and
 * computes hash = sha256(prev_hash ‖ prefix ‖ seq ‖ suffix) in the database, where prefix and
 * suffix are the canonical JSON text of the row around its seq (journalHashText). The caller holds
 * the journal lock, taken by a statement sent just before this one (this statement's snapshot is
 * then taken after the lock is granted). With `notify`, it also wakes every node's LiveHub.
 */
export async function insertChainedJournalRow(tx: Db, row: UnchainedRow, text: { prefix: string; suffix: string }, notify: boolean) {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const result: unknown = await tx.execute(sql`
    with prev as (select ${journal.seq} as seq, ${journal.hash} as hash from ${journal} order by ${journal.seq} desc limit 1),
    next as (select coalesce((select seq from prev), 0) + 1 as seq, coalesce((select hash from prev), ${GENESIS_HASH}::text) as prev_hash),
    ins as (
      insert into ${journal} ("seq", "at", "actor", "action", "entity", "entity_id", "unit_path", "before", "after", "prev_hash", "hash")
      select next.seq, ${row.at.toISOString()}::timestamptz, ${row.actor}::text, ${row.action}::text, ${row.entity}::text, ${row.entityId}::text,
        ${row.unitPath}::text, ${json(row.before)}::jsonb, ${json(row.after)}::jsonb, next.prev_hash,
        encode(sha256(convert_to(next.prev_hash || ${text.prefix}::text || next.seq::text || ${text.suffix}::text, 'UTF8')), 'hex')
      from next
      returning "seq", "prev_hash", "hash")
    select "seq", "prev_hash", "hash"${notify ? sql`, pg_notify('journal', "seq"::text)` : sql``} from ins`);
  // postgres.js answers with the rows, PGlite with { rows }.
  const [chained] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { seq: string | number; prev_hash: string; hash: string }[];
  return { seq: Number(chained!.seq), prevHash: chained!.prev_hash, hash: chained!.hash };
}

export async function journalAfter(db: Db, since: number, limit: number, scope: Scope = ALL): Promise<JournalRow[]> {
  return db
    .select()
    .from(journal)
    .where(and(gt(journal.seq, since), scopeCondition(journal.unitPath, scope)))
    .orderBy(asc(journal.seq))
    .limit(limit);
}

const headsAfter = preparedPer((db) =>
  db
    .select({ seq: journal.seq, entity: journal.entity, action: journal.action })
    .from(journal)
    .where(gt(journal.seq, sql.placeholder("since")))
    .orderBy(asc(journal.seq))
    .limit(sql.placeholder("limit"))
    .prepare("journal_heads_after"),
);

/** seq, entity and action of the rows after `since` (LiveHub, on every NOTIFY, when no subscription needs whole rows). */
export async function journalHeadsAfter(db: Db, since: number, limit: number): Promise<Pick<JournalRow, "seq" | "entity" | "action">[]> {
  return headsAfter(db).execute({ since, limit });
}

export async function journalForEntities(db: Db, entity: string, entityIds: readonly string[]): Promise<JournalRow[]> {
  if (entityIds.length === 0) return [];
  return db
    .select()
    .from(journal)
    .where(sql`${journal.entity} = ${entity} and ${journal.entityId} in ${entityIds}`)
    .orderBy(asc(journal.seq));
}

export async function countJournal(db: Db, since: number, scope: Scope): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(journal)
    .where(and(gt(journal.seq, since), scopeCondition(journal.unitPath, scope)));
  return row?.n ?? 0;
}
