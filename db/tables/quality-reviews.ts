import { date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { qualityReviewMode, qualityReviewResult } from "./enums.js";
import { people } from "./people.js";
import { units } from "./units.js";

/**
 * 案件质量评查 quality reviews: one reviewed case of one prosecutor (承办检察官), by a reviewer unit.
 * `unit_id` / `unit_path` are the prosecutor's unit when reviewed (the reviewed unit), so scope and
 * subtree filters need no join.
 */
export const qualityReviews = pgTable(
  "quality_reviews",
  {
    id: serial("id").primaryKey(),
    caseRef: text("case_ref").notNull(),
    prosecutorId: integer("prosecutor_id").notNull().references(() => people.id),
    unitId: integer("unit_id").notNull().references(() => units.id),
    unitPath: text("unit_path").notNull(),
    reviewerUnitId: integer("reviewer_unit_id").notNull().references(() => units.id),
    mode: qualityReviewMode("mode").notNull(),
    result: qualityReviewResult("result").notNull(),
    reviewedOn: date("reviewed_on", { mode: "string" }).notNull(),
    notes: text("notes").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("quality_reviews_prosecutor_idx").on(t.prosecutorId, t.reviewedOn),
    index("quality_reviews_path_idx").on(t.unitPath.op("text_pattern_ops")),
    index("quality_reviews_day_idx").on(t.reviewedOn, t.id),
  ],
);
