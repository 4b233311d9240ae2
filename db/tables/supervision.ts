import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { supervisionNoticeKind, supervisionSource, supervisionStatus } from "./enums.js";
import { people } from "./people.js";
import { units } from "./units.js";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * 检务督察 supervision items (项目化督察, 立项): a matter the supervision office takes on for a
 * responsible unit, due in a week by default ("一周办结"). Overdue and warning are derived from
 * status, deadline, warning time and the clock, like findings.
 */
export const supervisionItems = pgTable(
  "supervision_items",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    source: supervisionSource("source").notNull(),
    requirements: text("requirements").notNull(),
    unitId: integer("unit_id").notNull().references(() => units.id),
    unitPath: text("unit_path").notNull(),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    deadline: date("deadline", { mode: "string" }).notNull(),
    warningAt: tstz("warning_at").notNull(),
    status: supervisionStatus("status").notNull().default("OPEN"),
    closedAt: tstz("closed_at"),
    closingSummary: text("closing_summary"),
    openedById: integer("opened_by").references(() => people.id),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("supervision_items_code_key").on(t.code),
    index("supervision_items_path_idx").on(t.unitPath.op("text_pattern_ops")),
    index("supervision_items_started_idx").on(t.startedOn, t.id),
  ],
);

/** 反馈 feedback entries on a supervision item, in order. */
export const supervisionFeedback = pgTable(
  "supervision_feedback",
  {
    id: serial("id").primaryKey(),
    itemId: integer("item_id").notNull().references(() => supervisionItems.id),
    authorId: integer("author_id").references(() => people.id),
    text: text("text").notNull(),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [index("supervision_feedback_item_idx").on(t.itemId, t.id)],
);

/** 督察建议 / 整改通知书 issued from an item; the findings it produces link back through `findings.supervision_notice_id`. */
export const supervisionNotices = pgTable(
  "supervision_notices",
  {
    id: serial("id").primaryKey(),
    itemId: integer("item_id").notNull().references(() => supervisionItems.id),
    kind: supervisionNoticeKind("kind").notNull(),
    code: text("code").notNull(),
    text: text("text").notNull(),
    unitPath: text("unit_path").notNull(),
    issuedById: integer("issued_by").references(() => people.id),
    issuedAt: tstz("issued_at").notNull(),
  },
  (t) => [uniqueIndex("supervision_notices_code_key").on(t.code), index("supervision_notices_item_idx").on(t.itemId)],
);
