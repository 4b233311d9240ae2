/** The time source; tests replace it to stand on either side of midnight in Shanghai. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const TIME_ZONE = "Asia/Shanghai";

/** Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in Asia/Shanghai at `at`, as YYYY-MM-DD (every derived flag asks: no Intl per call). */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar day (YYYY-MM-DD) starts. Shanghai has kept UTC+8 without DST since 1991. */
export function shanghaiStartOfDay(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** First day of the Shanghai month containing `at`, and of the month after it. */
export function shanghaiMonth(at: Date): { start: Date; end: Date } {
  const [y, m] = shanghaiDate(at).split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { start: shanghaiStartOfDay(`${y}-${String(m).padStart(2, "0")}-01`), end: shanghaiStartOfDay(next) };
}

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** A clock that stands still until moved; the seed replays history with it and tests use it. */
export class SettableClock implements Clock {
  constructor(private at: Date = new Date()) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date): void {
    this.at = new Date(at.getTime());
  }
}
