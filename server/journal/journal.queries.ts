import { and, asc, desc, gt, sql } from "drizzle-orm";
import { ALL, scopeCondition, type Scope } from "../scope.js";
import type { Db } from "../../db/client.js";
import { journal } from "../../db/tables/index.js";

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

export async function insertJournalRow(tx: Db, row: JournalRow): Promise<void> {
  await tx.insert(journal).values(row);
}

/** Inserts the row and wakes every node's LiveHub in one statement (one round trip less under the journal lock). */
export async function insertJournalRowAndNotify(tx: Db, row: JournalRow): Promise<void> {
  const insert = tx.insert(journal).values(row).returning({ seq: journal.seq });
  await tx.execute(sql`with ins as (${insert.getSQL()}) select pg_notify('journal', ins.seq::text) from ins`);
}

export async function journalAfter(db: Db, since: number, limit: number, scope: Scope = ALL): Promise<JournalRow[]> {
  return db
    .select()
    .from(journal)
    .where(and(gt(journal.seq, since), scopeCondition(journal.unitPath, scope)))
    .orderBy(asc(journal.seq))
    .limit(limit);
}

/** seq, entity and action of the rows after `since` (LiveHub when no subscription needs whole rows). */
export async function journalHeadsAfter(db: Db, since: number, limit: number): Promise<Pick<JournalRow, "seq" | "entity" | "action">[]> {
  return db.select({ seq: journal.seq, entity: journal.entity, action: journal.action }).from(journal).where(gt(journal.seq, since)).orderBy(asc(journal.seq)).limit(limit);
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
