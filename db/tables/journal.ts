import { bigint, jsonb, pgTable, text, timestamp, index } from "drizzle-orm/pg-core";

/**
 * 日志 journal: the one append-only record of every change, hash-chained.
 * seq is assigned under a transaction-scoped advisory lock, so seq order is commit order.
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
