import { bigint, boolean, jsonb, pgTable, text, timestamp, index } from "drizzle-orm/pg-core";

/**
 * 日志 journal: the one append-only record of every change, hash-chained.
 * seq is assigned at COMMIT under a transaction-scoped advisory lock (journal_chain), so seq order
 * is commit order.
 */
export const journal = pgTable(
  "journal",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    unitPath: text("unit_path"),
    before: jsonb("before"),
    after: jsonb("after"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("journal_entity_idx").on(t.entity, t.entityId, t.seq)],
);

/**
 * A journal row waiting for its transaction's COMMIT. appendJournal writes here; a deferred
 * constraint trigger (journal_chain, migration 0011) moves the row into `journal` at COMMIT under
 * the journal lock, so the lock is held for the commit only, never while the API goes back and
 * forth with the database. The table is empty outside an open transaction.
 */
export const journalPending = pgTable("journal_pending", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  entity: text("entity").notNull(),
  entityId: text("entity_id").notNull(),
  unitPath: text("unit_path"),
  /** JSON text; cast to jsonb once, at COMMIT. */
  before: text("before"),
  after: text("after"),
  /** Canonical JSON of the row around its seq (journalHashText): hash = sha256(prev_hash ‖ prefix ‖ seq ‖ suffix). */
  hashPrefix: text("hash_prefix").notNull(),
  hashSuffix: text("hash_suffix").notNull(),
  notify: boolean("notify").notNull(),
});
