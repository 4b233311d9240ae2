import { addDays, shanghaiDate, shanghaiStartOfDay } from "../../server/clock.js";

/** Sample holidays and make-up working days (marked sample) the seed imports, so quotas have a calendar to read. */
export const SAMPLE_CALENDAR = "db/demo/calendar-2026-sample.csv";

/** Seconds of one working day, 09:00–17:30 Shanghai. */
export const WORK_DAY = 8.5 * 3600;
const OPENS = 9 * 3600;

export function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * "Work time": seconds counted only on weekdays between 09:00 and 17:30 Shanghai. The demo plans
 * its history in work time so every replayed step happens in office hours, and interpolating
 * between two steps never lands on a night or a weekend. Holidays are data (calendar_days), so
 * the demo does not guess them.
 */
export class WorkCalendar {
  readonly days: string[] = [];
  readonly today: string;
  /** The latest work time that is not after `now`. */
  readonly nowWork: number;

  constructor(first: string, readonly now: Date) {
    this.today = shanghaiDate(now);
    for (let day = first; day <= this.today; day = addDays(day, 1)) if (!isWeekend(day)) this.days.push(day);
    const last = this.days.length - 1;
    if (this.days[last] === this.today) {
      const secs = (now.getTime() - shanghaiStartOfDay(this.today).getTime()) / 1000 - OPENS;
      this.nowWork = secs < 0 ? last * WORK_DAY - 1 : last * WORK_DAY + Math.min(secs, WORK_DAY - 1);
    } else {
      this.nowWork = (last + 1) * WORK_DAY - 1;
    }
  }

  /** The instant of a work time. */
  toDate(work: number): Date {
    const index = Math.min(Math.floor(work / WORK_DAY), this.days.length - 1);
    const secs = work - index * WORK_DAY;
    return new Date(shanghaiStartOfDay(this.days[index]!).getTime() + (OPENS + secs) * 1000);
  }

  /** Index of the last working day on or before `day` (0 when before the calendar). */
  indexOnOrBefore(day: string): number {
    let lo = 0;
    let hi = this.days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.days[mid]! <= day) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Index of the first working day on or after `day` (may be past the last day). */
  indexOnOrAfter(day: string): number {
    const i = this.indexOnOrBefore(day);
    return this.days[i]! >= day ? i : i + 1;
  }

  dayOf(work: number): string {
    return this.days[Math.min(Math.floor(work / WORK_DAY), this.days.length - 1)]!;
  }

  /** Work time at the start of working day `index`. */
  startOf(index: number): number {
    return index * WORK_DAY;
  }
}
