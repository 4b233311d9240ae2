import { date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { findingSource, inspectionResult } from "./enums.js";
import { people } from "./people.js";
import { units } from "./units.js";

/**
 * 检查登记 inspections: every check a supervisor makes, problem or not (《流程监控检查情况登记表》).
 * `unit_path` is the inspected unit's path, so scope and subtree filters need no join.
 */
export const inspections = pgTable(
  "inspections",
  {
    id: serial("id").primaryKey(),
    supervisorId: integer("supervisor_id").notNull().references(() => people.id),
    unitId: integer("unit_id").notNull().references(() => units.id),
    unitPath: text("unit_path").notNull(),
    caseRef: text("case_ref").notNull(),
    inspectedOn: date("inspected_on", { mode: "string" }).notNull(),
    source: findingSource("source").notNull(),
    result: inspectionResult("result").notNull(),
    notes: text("notes").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("inspections_supervisor_idx").on(t.supervisorId, t.inspectedOn),
    index("inspections_path_idx").on(t.unitPath.op("text_pattern_ops")),
    index("inspections_day_idx").on(t.inspectedOn, t.id),
  ],
);
