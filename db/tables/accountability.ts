import { date, index, integer, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { accountabilityKind } from "./enums.js";
import { findings } from "./findings.js";
import { people } from "./people.js";
import { units } from "./units.js";

/** 追责问责 accountability actions against a person or a unit; `unit_path` is the target's unit path. */
export const accountabilityActions = pgTable(
  "accountability_actions",
  {
    id: serial("id").primaryKey(),
    kind: accountabilityKind("kind").notNull(),
    targetPersonId: integer("target_person_id").references(() => people.id),
    targetUnitId: integer("target_unit_id").references(() => units.id),
    unitPath: text("unit_path").notNull(),
    reason: text("reason").notNull(),
    decidedById: integer("decided_by").references(() => people.id),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("accountability_actions_decided_idx").on(t.decidedOn, t.id)],
);

export const accountabilityActionFindings = pgTable(
  "accountability_action_findings",
  {
    actionId: integer("action_id").notNull().references(() => accountabilityActions.id),
    findingId: integer("finding_id").notNull().references(() => findings.id),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.findingId] }), index("accountability_action_findings_finding_idx").on(t.findingId)],
);
