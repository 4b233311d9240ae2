import { and, asc, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { calendarDays } from "../../db/tables/index.js";

export type CalendarDayRow = typeof calendarDays.$inferSelect;

export function selectCalendarDays(db: Db, from: string, to: string) {
  return db.select().from(calendarDays).where(and(gte(calendarDays.day, from), lte(calendarDays.day, to))).orderBy(asc(calendarDays.day));
}

export async function selectCalendarDay(db: Db, day: string): Promise<CalendarDayRow | undefined> {
  const [row] = await db.select().from(calendarDays).where(sql`${calendarDays.day} = ${day}`);
  return row;
}

/** Inserts or replaces the exception for one day; returns the row as stored. */
export async function upsertCalendarDay(db: Db, row: CalendarDayRow): Promise<CalendarDayRow> {
  const [stored] = await db
    .insert(calendarDays)
    .values(row)
    .onConflictDoUpdate({ target: calendarDays.day, set: { kind: row.kind, name: row.name, sample: row.sample, updatedAt: row.updatedAt } })
    .returning();
  return stored!;
}
