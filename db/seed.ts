import { readFileSync } from "node:fs";
import { count } from "drizzle-orm";
import { importCalendar } from "../server/calendar/calendar.service.js";
import type { Viewer } from "../server/auth/viewer.js";
import { SettableClock } from "../server/clock.js";
import { createContext } from "../server/context.js";
import { seedDemoLogins } from "./demo/logins.js";
import { AppError } from "../server/errors.js";
import { ALL } from "../server/scope.js";
import type { Database } from "./client.js";
import { projectPath } from "./paths.js";
import { SAMPLE_CALENDAR } from "./demo/calendar.js";
import { SeedIds } from "./demo/events.js";
import { planDemo } from "./demo/plan.js";
import { accountabilityActions, bulletins, findings, inspections, measures, people, responsibilities, units } from "./tables/index.js";

export interface SeedSummary {
  units: number;
  people: number;
  findings: number;
  measures: number;
  responsibilities: number;
  accountabilityActions: number;
  bulletins: number;
  inspections: number;
  /** Journal rows written: one per service call, two for a review that also opens a finding. */
  mutations: number;
  /** Wall-clock time the seeding took. */
  ms: number;
}

export interface SeedOptions {
  /** The demo's "now": history is laid out over the twelve months before it. Default: the real time. */
  now?: Date;
  /** Seed of the PRNG; the same seed and `now` give the same demo. */
  seed?: number;
}

export const DEMO_SEED = 20_260_305;

/** The seed acts as the server's own tool; the journal names it "system:seed". */
const SEED_VIEWER: Viewer = { kind: "INTERNAL", label: "seed" };

/** Thrown when another node created the first unit while this one was about to seed. */
class SeedRaceLost extends Error {}

/** Seeds the demo into an empty database (no units); returns null when there is data already. */
export async function seedIfEmpty(database: Database, options: SeedOptions = {}): Promise<SeedSummary | null> {
  if (await countRows(database, units)) return null;
  try {
    return await seedDemo(database, options);
  } catch (error) {
    if (error instanceof SeedRaceLost) return null;
    throw error;
  }
}

/**
 * Replays the planned demo history through the same service functions as the API, one event at
 * a time with the clock set to its moment, so the journal records it like any other change.
 */
export async function seedDemo(database: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const plan = planDemo(now, options.seed ?? DEMO_SEED);
  const clock = new SettableClock(now);
  const ids = new SeedIds();
  let mutations = 0;
  // One outer transaction: the demo lands whole or not at all, and each service's own
  // transaction becomes a savepoint, which spares a commit (a WAL flush) per call.
  await database.db.transaction(async (tx) => {
    // The working calendar first: quotas and working-day deadlines of the replayed history read it.
    clock.set(plan.calendar.toDate(plan.events[0]!.at));
    const calendarDays = await importCalendar(
      createContext({ db: tx, viewer: SEED_VIEWER, scope: ALL, findingScope: ALL, actor: { label: "system:seed", personId: null }, clock, requestId: "seed" }),
      { csv: readFileSync(projectPath(SAMPLE_CALENDAR), "utf8"), sample: true },
    );
    mutations += calendarDays.length;
    for (const [index, event] of plan.events.entries()) {
      const at = plan.calendar.toDate(event.at);
      if (at > now) throw new Error(`demo seed: an event at ${at.toISOString()} is after now`);
      clock.set(at);
      // A fresh context per call: DataLoaders cache what they read, and every call writes.
      const ctx = createContext({
        db: tx,
        viewer: SEED_VIEWER,
        scope: ALL,
        findingScope: ALL,
        actor: { label: "system:seed", personId: event.actor ? (ids.personRows.get(event.actor) ?? null) : null },
        clock,
        requestId: "seed",
      });
      try {
        await event.run(ctx, ids);
      } catch (error) {
        if (index === 0 && error instanceof AppError && error.code === "BAD_USER_INPUT") throw new SeedRaceLost();
        throw error;
      }
      mutations += event.journalRows ?? 1;
    }
  });
  clock.set(now);
  mutations += await seedDemoLogins(database, clock);
  return {
    units: await countRows(database, units),
    people: await countRows(database, people),
    findings: await countRows(database, findings),
    measures: await countRows(database, measures),
    responsibilities: await countRows(database, responsibilities),
    accountabilityActions: await countRows(database, accountabilityActions),
    bulletins: await countRows(database, bulletins),
    inspections: await countRows(database, inspections),
    mutations,
    ms: Date.now() - started,
  };
}

/** `npm run seed -- --reset`: empties every table, the journal included, and seeds again. */
export async function resetDemo(database: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const tables = await database.exec(`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const names = tables.map((row) => `"${String(row.tablename).replace(/"/g, '""')}"`);
  if (names.length > 0) await database.exec(`truncate table ${names.join(", ")} restart identity cascade`);
  return seedDemo(database, options);
}

type CountedTable = typeof units | typeof people | typeof findings | typeof measures | typeof responsibilities | typeof accountabilityActions | typeof bulletins | typeof inspections;

async function countRows(database: Database, table: CountedTable): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}
