import type { Context } from "../../server/context.js";

/** Global ids of what the replay has created so far, by the plan's keys. */
export class SeedIds {
  readonly units = new Map<string, string>();
  readonly people = new Map<string, string>();
  readonly personRows = new Map<string, number>();
  readonly findings = new Map<number, string>();
  readonly measures = new Map<string, string>();
  readonly bulletins = new Map<number, string>();

  unit(code: string): string {
    return must(this.units.get(code), `unit ${code}`);
  }
  person(key: string): string {
    return must(this.people.get(key), `person ${key}`);
  }
  finding(index: number): string {
    return must(this.findings.get(index), `finding ${index}`);
  }
  measure(key: string): string {
    return must(this.measures.get(key), `measure ${key}`);
  }
  bulletin(index: number): string {
    return must(this.bulletins.get(index), `bulletin ${index}`);
  }
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: ${what} was not created before it was used`);
  return value;
}

/**
 * One planned mutation: exactly one service call at work time `at` (see WorkCalendar), made by
 * the person `actor` (a key of the demo org) when there is one.
 */
export interface SeedEvent {
  at: number;
  actor: string | null;
  /** Journal rows the call writes: 1, or 2 when it also opens a finding (a flawed quality review). */
  journalRows?: number;
  run(ctx: Context, ids: SeedIds): Promise<unknown>;
}
