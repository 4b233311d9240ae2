import { addDays } from "../clock.js";
import type { WorkingCalendar } from "../calendar/working-days.js";

export const WEEKLY_QUOTA = 2;

export interface QuotaCount {
  required: number;
  done: number;
  met: number;
  missingDays: string[];
  shortWeeks: Array<{ weekStart: string; required: number; done: number }>;
}

/** Monday of the ISO week holding `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * 每日一案: every working day in [from, to] needs an inspection on that day. Extra inspections on
 * one day do not cover another, and days that are not worked require nothing.
 */
export function dailyQuota(calendar: WorkingCalendar, from: string, to: string, inspectedOn: readonly string[]): QuotaCount {
  const covered = new Set(inspectedOn);
  const workingDays = calendar.workingDaysBetween(from, to);
  const missingDays = workingDays.filter((d) => !covered.has(d));
  return { required: workingDays.length, done: inspectedOn.length, met: workingDays.length - missingDays.length, missingDays, shortWeeks: [] };
}

/**
 * 每周两案: two inspections in each week — or as many as the week has working days inside the
 * period, so a holiday week (or a period cut mid-week) asks only what can be done.
 */
export function weeklyQuota(calendar: WorkingCalendar, from: string, to: string, inspectedOn: readonly string[]): QuotaCount {
  const requiredByWeek = new Map<string, number>();
  for (const day of calendar.workingDaysBetween(from, to)) {
    const week = weekStart(day);
    requiredByWeek.set(week, Math.min(WEEKLY_QUOTA, (requiredByWeek.get(week) ?? 0) + 1));
  }
  const doneByWeek = new Map<string, number>();
  for (const day of inspectedOn) doneByWeek.set(weekStart(day), (doneByWeek.get(weekStart(day)) ?? 0) + 1);
  let required = 0;
  let met = 0;
  const shortWeeks: QuotaCount["shortWeeks"] = [];
  for (const [week, need] of requiredByWeek) {
    const done = doneByWeek.get(week) ?? 0;
    required += need;
    met += Math.min(need, done);
    if (done < need) shortWeeks.push({ weekStart: week, required: need, done });
  }
  return { required, done: inspectedOn.length, met, missingDays: [], shortWeeks };
}
