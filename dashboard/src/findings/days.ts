import { shanghaiToday } from "../lib/i18n.svelte";

const DAY_MS = 86_400_000;

/** Whole days from today (Asia/Shanghai) to a YYYY-MM-DD day; negative when it is past. */
export function daysUntil(day: string, today = shanghaiToday()): number {
  const at = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((at(day) - at(today)) / DAY_MS);
}

/** A YYYY-MM-DD day moved by `days`. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An instant as the value of a datetime-local input, in Asia/Shanghai (UTC+8, no daylight saving). */
export function toShanghaiLocal(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** A datetime-local value read as Asia/Shanghai time, as an ISO instant. */
export function fromShanghaiLocal(value: string): string {
  return new Date(`${value}:00+08:00`).toISOString();
}
