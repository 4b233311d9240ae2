import { date, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/*
 * 曝光台 tallies: the board's counts per unit SUBTREE, kept exact by a trigger on findings (migration
 * 0008_board_tally_trigger) in the same transaction as every change, so the board reads a few hundred
 * rows instead of scanning every finding under a unit. A finding counts once for its own unit and
 * once for each unit above it (every id on its unit path). Time-dependent counts (overdue, in
 * warning) stay exact because active findings are tallied by deadline and warning time, and the
 * board applies the clock when it reads.
 */

/** Active findings (OPEN, RECTIFYING, SUBMITTED) under a unit, by deadline and warning time. */
export const boardActive = pgTable(
  "board_active",
  {
    unitId: integer("unit_id").notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    warningAt: timestamp("warning_at", { withTimezone: true, mode: "date" }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.deadline, t.warningAt] })],
);

/** Per unit and Shanghai month (YYYY-MM): findings found (not withdrawn) and findings verified. */
export const boardMonths = pgTable(
  "board_months",
  {
    unitId: integer("unit_id").notNull(),
    month: text("month").notNull(),
    opened: integer("opened").notNull(),
    verified: integer("verified").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.month] })],
);
