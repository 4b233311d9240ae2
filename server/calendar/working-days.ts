import { addDays } from "../clock.js";

export type DayKind = "HOLIDAY" | "WORKDAY" | "NORMAL";

/** Monday–Friday work unless the calendar says otherwise (a holiday off, a 调休 weekend day on). */
export function isWorkingDayWith(day: string, override: DayKind | undefined): boolean {
  if (override === "HOLIDAY") return false;
  if (override === "WORKDAY") return true;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The working-day rules over a loaded span of calendar exceptions. Days are Asia/Shanghai calendar
 * dates (YYYY-MM-DD); asking outside the loaded span is a bug, not a guess.
 */
export class WorkingCalendar {
  constructor(
    private readonly overrides: ReadonlyMap<string, DayKind>,
    readonly from: string,
    readonly to: string,
  ) {}

  private check(day: string) {
    if (day < this.from || day > this.to) throw new Error(`working calendar loaded for ${this.from}…${this.to}, asked ${day}`);
  }

  isWorkingDay(day: string): boolean {
    this.check(day);
    return isWorkingDayWith(day, this.overrides.get(day));
  }

  /** The date `n` working days after `day` (n ≥ 1; `day` itself does not count). */
  addWorkingDays(day: string, n: number): string {
    let current = day;
    for (let left = n; left > 0; ) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) left--;
    }
    return current;
  }

  /** The working days in [from, to], in order. */
  workingDaysBetween(from: string, to: string): string[] {
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) days.push(d);
    return days;
  }
}

/** How far past `day` to load so `n` working days surely fit: weekends plus the longest holiday runs. */
export function spanFor(day: string, n: number): { from: string; to: string } {
  return { from: day, to: addDays(day, Math.ceil(n * 1.6) + 40) };
}
