import { sql } from "drizzle-orm";
import { type AnyPgColumn, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { findingCategory, findingSeverity, findingSource, findingStatus, rectificationClass, responsibilityTier } from "./enums.js";
import { people } from "./people.js";
import { units } from "./units.js";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * 问题 findings. `unit_path` copies the unit's materialised path (units never move) so that
 * subtree filters and board counts need no join. overdue / warning / flag are derived, never stored.
 */
export const findings = pgTable(
  "findings",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    unitId: integer("unit_id").notNull().references(() => units.id),
    unitPath: text("unit_path").notNull(),
    handlerId: integer("handler_id").references(() => people.id),
    caseRef: text("case_ref"),
    category: findingCategory("category").notNull(),
    severity: findingSeverity("severity").notNull(),
    source: findingSource("source").notNull(),
    inspectionId: integer("inspection_id"),
    qualityReviewId: integer("quality_review_id"),
    /** The sampling round (特别抽样评估) that found it, for comparing rounds. */
    samplingRoundId: integer("sampling_round_id"),
    /** The 督察建议 / 整改通知书 that produced it. */
    supervisionNoticeId: integer("supervision_notice_id"),
    rectificationClass: rectificationClass("rectification_class").notNull(),
    status: findingStatus("status").notNull().default("OPEN"),
    deadline: date("deadline", { mode: "string" }).notNull(),
    warningAt: tstz("warning_at").notNull(),
    foundById: integer("found_by").references(() => people.id),
    foundAt: tstz("found_at").notNull(),
    repeatOfId: integer("repeat_of").references((): AnyPgColumn => findings.id),
    submittedAt: tstz("submitted_at"),
    verifiedAt: tstz("verified_at"),
    verifiedById: integer("verified_by").references(() => people.id),
    rejectionReason: text("rejection_reason"),
    withdrawalReason: text("withdrawal_reason"),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("findings_code_key").on(t.code),
    index("findings_unit_path_idx").using("btree", sql`${t.unitPath} text_pattern_ops`),
    // The ledger's usual filter, a unit subtree and some statuses: findings of other statuses are
    // skipped in the index, not fetched from the heap (migration 0012 also refines unit_path's
    // statistics, so the planner sees how few rows a deep subtree holds).
    index("findings_status_unit_path_idx").using("btree", t.status, sql`${t.unitPath} text_pattern_ops`),
    index("findings_status_deadline_idx").on(t.status, t.deadline),
    index("findings_unit_idx").on(t.unitId),
    index("findings_handler_idx").on(t.handlerId),
    index("findings_found_at_idx").on(t.foundAt, t.id),
    index("findings_updated_at_idx").on(t.updatedAt, t.id),
    index("findings_deadline_idx").on(t.deadline, t.id),
    index("findings_quality_review_idx").on(t.qualityReviewId),
    index("findings_sampling_round_idx").on(t.samplingRoundId),
    index("findings_supervision_notice_idx").on(t.supervisionNoticeId),
    // The ledger's text filter (ILIKE '%…%' on each column) through trigram indexes (pg_trgm).
    index("findings_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
    index("findings_description_trgm_idx").using("gin", sql`${t.description} gin_trgm_ops`),
    index("findings_case_ref_trgm_idx").using("gin", sql`${t.caseRef} gin_trgm_ops`),
  ],
);

/** 整改措施 measures: concrete steps, each with an owner and a due date. */
export const measures = pgTable(
  "measures",
  {
    id: serial("id").primaryKey(),
    findingId: integer("finding_id").notNull().references(() => findings.id),
    text: text("text").notNull(),
    ownerId: integer("owner_id").references(() => people.id),
    due: date("due", { mode: "string" }).notNull(),
    doneAt: tstz("done_at"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [index("measures_finding_idx").on(t.findingId)],
);

/** 责任 responsibilities: who answers for a finding, by tier (首要/主要/直接), a person or a unit. */
export const responsibilities = pgTable(
  "responsibilities",
  {
    id: serial("id").primaryKey(),
    findingId: integer("finding_id").notNull().references(() => findings.id),
    tier: responsibilityTier("tier").notNull(),
    personId: integer("person_id").references(() => people.id),
    unitId: integer("unit_id").references(() => units.id),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [index("responsibilities_finding_idx").on(t.findingId)],
);
