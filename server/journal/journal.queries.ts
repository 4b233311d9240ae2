import { and, asc, desc, gt, sql } from "drizzle-orm";
import { ALL, scopeCondition, type Scope } from "../scope.js";
import type { Db } from "../../db/client.js";
import { journal, journalPending } from "../../db/tables/index.js";
import { preparedPer } from "../prepared.js";

export type JournalRow = typeof journal.$inferSelect;

export async function lastJournalRow(tx: Db): Promise<Pick<JournalRow, "seq" | "hash"> | undefined> {
  const [row] = await tx.select({ seq: journal.seq, hash: journal.hash }).from(journal).orderBy(desc(journal.seq)).limit(1);
  return row;
}

/** A journal row before the chain gives it its seq and hashes. */
export type UnchainedRow = Omit<JournalRow, "seq" | "prevHash" | "hash">;

/**
 * Queues a row for the chain: the deferred trigger journal_chain moves it into `journal` at
 * COMMIT (migration 0011), with hash = sha256(prev_hash ‖ prefix ‖ seq ‖ suffix), where prefix
 * and suffix are the canonical JSON text of the row around its seq (journalHashText). With
 * `notify`, the commit also wakes every node's LiveHub.
 */
export async function insertPendingJournalRow(tx: Db, row: UnchainedRow, text: { prefix: string; suffix: string }, notify: boolean): Promise<void> {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  await tx.execute(sql`
    insert into ${journalPending} ("at", "actor", "action", "entity", "entity_id", "unit_path", "before", "after", "hash_prefix", "hash_suffix", "notify")
    values (${row.at.toISOString()}::timestamptz, ${row.actor}::text, ${row.action}::text, ${row.entity}::text, ${row.entityId}::text,
      ${row.unitPath}::text, ${json(row.before)}::text, ${json(row.after)}::text, ${text.prefix}::text, ${text.suffix}::text, ${notify})`);
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
