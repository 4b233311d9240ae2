import { type AnyPgColumn, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { samplingPickRole } from "./enums.js";
import { people } from "./people.js";
import { units } from "./units.js";

/**
 * 特别抽样评估 sampling rounds: one draw in a city office's jurisdiction for (year, round). The seed
 * and the algorithm's name are stored so anyone can re-draw and get the same picks. `office_path`
 * is the city office's path, for scope filters without a join.
 */
export const samplingRounds = pgTable(
  "sampling_rounds",
  {
    id: serial("id").primaryKey(),
    officeId: integer("office_id").notNull().references(() => units.id),
    officePath: text("office_path").notNull(),
    year: integer("year").notNull(),
    round: integer("round").notNull(),
    seed: text("seed").notNull(),
    algorithm: text("algorithm").notNull(),
    comparedWithId: integer("compared_with").references((): AnyPgColumn => samplingRounds.id),
    drawnById: integer("drawn_by").references(() => people.id),
    drawnAt: timestamp("drawn_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [uniqueIndex("sampling_rounds_office_year_round_key").on(t.officeId, t.year, t.round)],
);

/** The units one round drew, in draw order, with the reason the algorithm gives for each. */
export const samplingPicks = pgTable(
  "sampling_picks",
  {
    id: serial("id").primaryKey(),
    roundId: integer("round_id").notNull().references(() => samplingRounds.id),
    unitId: integer("unit_id").notNull().references(() => units.id),
    unitPath: text("unit_path").notNull(),
    role: samplingPickRole("role").notNull(),
    position: integer("position").notNull(),
    reason: text("reason").notNull().default(""),
  },
  (t) => [uniqueIndex("sampling_picks_round_unit_key").on(t.roundId, t.unitId), index("sampling_picks_unit_idx").on(t.unitId)],
);
