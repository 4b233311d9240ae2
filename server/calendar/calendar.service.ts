import { requirePermission } from "../auth/permissions.js";
import { isValidDay } from "../clock.js";
import type { Context } from "../context.js";
import type { Db } from "../../db/client.js";
import { badInput } from "../errors.js";
import { appendJournal } from "../journal/journal.service.js";
import { CSV_MAX_LINES, YEAR_MAX, YEAR_MIN, type ImportCalendarInput, type SetCalendarDayInput } from "./calendar.inputs.js";
import { selectCalendarDay, selectCalendarDays, upsertCalendarDay, type CalendarDayRow } from "./calendar.queries.js";
import { CalendarDay, CalendarDayKind, WorkingDayAnswer } from "./calendar.type.js";
import { isWorkingDayWith, spanFor, WorkingCalendar, type DayKind } from "./working-days.js";

/** The working calendar over [from, to], with the exceptions stored for that span. */
export async function loadWorkingCalendar(db: Db, from: string, to: string): Promise<WorkingCalendar> {
  const rows = await selectCalendarDays(db, from, to);
  return new WorkingCalendar(new Map(rows.map((r) => [r.day, r.kind as DayKind])), from, to);
}

/** The date `n` working days after `day` (Asia/Shanghai), by the stored calendar. */
export async function addWorkingDays(db: Db, day: string, n: number): Promise<string> {
  const { from, to } = spanFor(day, n);
  return (await loadWorkingCalendar(db, from, to)).addWorkingDays(day, n);
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) throw badInput("year", `must be between ${YEAR_MIN} and ${YEAR_MAX}`);
}

export async function listCalendarDays(ctx: Context, year: number): Promise<CalendarDay[]> {
  checkYear(year);
  const rows = await selectCalendarDays(ctx.db, `${year}-01-01`, `${year}-12-31`);
  return rows.map((r) => CalendarDay.from(r, isWorkingDayWith(r.day, r.kind as DayKind)));
}

export async function workingDay(ctx: Context, day: string): Promise<WorkingDayAnswer> {
  const row = await selectCalendarDay(ctx.db, day);
  const kind = row && row.kind !== "NORMAL" ? (row.kind as CalendarDayKind) : null;
  return { day, workingDay: isWorkingDayWith(day, row?.kind as DayKind | undefined), kind, name: kind ? row!.name : null };
}

export async function workingDaysAfter(ctx: Context, day: string, days: number): Promise<string> {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw badInput("days", "must be between 1 and 366");
  return addWorkingDays(ctx.db, day, days);
}

async function storeDays(ctx: Context, entries: Array<Omit<CalendarDayRow, "updatedAt">>, action: string): Promise<CalendarDay[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const stored: CalendarDay[] = [];
    for (const entry of entries) {
      const before = (await selectCalendarDay(tx, entry.day)) ?? null;
      const row = await upsertCalendarDay(tx, { ...entry, updatedAt: now });
      await appendJournal(tx, ctx.actor, now, { action, entity: "CalendarDay", entityId: row.day, unitPath: null, before, after: row });
      stored.push(CalendarDay.from(row, isWorkingDayWith(row.day, row.kind as DayKind)));
    }
    return stored;
  });
}

/** ADMIN: sets one day's exception (journaled). */
export async function setCalendarDay(ctx: Context, input: SetCalendarDayInput): Promise<CalendarDay> {
  requirePermission(ctx.viewer, "administer");
  const [day] = await storeDays(ctx, [{ day: input.day, kind: input.kind, name: input.name.trim(), sample: false }], "setCalendarDay");
  return day!;
}

const KIND_WORDS: Record<string, CalendarDayKind> = {
  HOLIDAY: CalendarDayKind.HOLIDAY,
  WORKDAY: CalendarDayKind.WORKDAY,
  NORMAL: CalendarDayKind.NORMAL,
  休: CalendarDayKind.HOLIDAY,
  班: CalendarDayKind.WORKDAY,
};

/** Parses `date,kind,name` lines; the first bad line refuses the whole file, naming its number. */
export function parseCalendarCsv(csv: string): Array<{ day: string; kind: CalendarDayKind; name: string }> {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.length > CSV_MAX_LINES) throw badInput("csv", `at most ${CSV_MAX_LINES} lines`);
  const seen = new Set<string>();
  const entries: Array<{ day: string; kind: CalendarDayKind; name: string }> = [];
  lines.forEach((line, index) => {
    const text = line.trim();
    if (!text || text.startsWith("#") || (index === 0 && /^date\s*,/i.test(text))) return;
    const [day = "", kind = "", ...rest] = text.split(",").map((cell) => cell.trim());
    const where = `line ${index + 1}`;
    if (!isValidDay(day)) throw badInput("csv", `${where}: "${day}" is not a date (YYYY-MM-DD)`);
    const parsed = KIND_WORDS[kind.toUpperCase()] ?? KIND_WORDS[kind];
    if (!parsed) throw badInput("csv", `${where}: kind must be HOLIDAY, WORKDAY, NORMAL, 休 or 班`);
    if (seen.has(day)) throw badInput("csv", `${where}: ${day} appears twice`);
    const name = rest.join(",").trim();
    if (name.length > 40) throw badInput("csv", `${where}: the name is longer than 40 characters`);
    seen.add(day);
    entries.push({ day, kind: parsed, name });
  });
  if (entries.length === 0) throw badInput("csv", "no calendar lines");
  return entries;
}

/** ADMIN: imports a CSV calendar, all lines or none (journaled per day). */
export async function importCalendar(ctx: Context, input: ImportCalendarInput): Promise<CalendarDay[]> {
  requirePermission(ctx.viewer, "administer");
  const entries = parseCalendarCsv(input.csv);
  return storeDays(ctx, entries.map((e) => ({ ...e, sample: input.sample })), "importCalendar");
}
