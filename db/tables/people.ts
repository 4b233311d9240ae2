import { index, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { personPosition, supervisorKind } from "./enums.js";
import { units } from "./units.js";

/** 人员 people: prosecutors, heads and supervisors, each in one unit. */
export const people = pgTable(
  "people",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    unitId: integer("unit_id").notNull().references(() => units.id),
    position: personPosition("position").notNull(),
    supervisorKind: supervisorKind("supervisor_kind"),
  },
  (t) => [index("people_unit_idx").on(t.unitId)],
);
