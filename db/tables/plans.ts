import { date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { planStatus } from "./enums.js";
import { findings } from "./findings.js";
import { people } from "./people.js";
import { units } from "./units.js";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** 一院一策 improvement plans (挂图作战): one plan for one weak unit over a period. */
export const plans = pgTable(
  "plans",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id").notNull().references(() => units.id),
    unitPath: text("unit_path").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    status: planStatus("status").notNull().default("ACTIVE"),
    createdById: integer("created_by").references(() => people.id),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("plans_path_idx").on(t.unitPath.op("text_pattern_ops"))],
);

/** The findings a plan takes on (its problems; their measures carry owners and dates). */
export const planFindings = pgTable(
  "plan_findings",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id").notNull().references(() => plans.id),
    findingId: integer("finding_id").notNull().references(() => findings.id),
    addedAt: tstz("added_at").notNull(),
  },
  (t) => [uniqueIndex("plan_findings_plan_finding_key").on(t.planId, t.findingId), index("plan_findings_finding_idx").on(t.findingId)],
);

/** 时间表 the plan's timetable: milestones with an owner and a date. */
export const planMilestones = pgTable(
  "plan_milestones",
  {
    id: serial("id").primaryKey(),
    planId: integer("plan_id").notNull().references(() => plans.id),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    ownerId: integer("owner_id").references(() => people.id),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    doneAt: tstz("done_at"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [index("plan_milestones_plan_idx").on(t.planId, t.position)],
);
