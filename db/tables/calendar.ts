import { boolean, date, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { calendarDayKind } from "./enums.js";

/**
 * 工作日历 calendar days: the exceptions to "Monday–Friday work" — statutory holidays and make-up
 * working days (调休). Admin-maintained data; no year's holidays live in code.
 */
export const calendarDays = pgTable("calendar_days", {
  day: date("day", { mode: "string" }).primaryKey(),
  kind: calendarDayKind("kind").notNull(),
  name: text("name").notNull().default(""),
  /** Sample data shipped with the demo, to be replaced by the real published schedule. */
  sample: boolean("sample").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
});
