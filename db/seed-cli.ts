import "reflect-metadata";
import { loadConfig } from "../server/config.js";
import { openDatabase, type Database } from "./client.js";
import { resetDemo, seedIfEmpty, type SeedSummary } from "./seed.js";

const USAGE = "usage: npm run seed [-- --reset]";

/** `npm run seed`: seeds the demo into an empty database; `-- --reset` empties every table first. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--reset");
  if (unknown.length > 0) throw new UsageError(`unknown argument ${unknown[0]} (${USAGE})`);
  const reset = args.includes("--reset");

  const config = loadConfig();
  let database: Database | undefined;
  try {
    database = await openDatabase(config.database);
    await database.migrate();
    const summary = reset ? await resetDemo(database) : await seedIfEmpty(database);
    const where = config.database.kind === "pglite" ? `PGlite in ${config.database.dataDir}` : "PostgreSQL (DATABASE_URL)";
    console.log(summary ? describe(summary, reset, where) : `The database already has data; nothing seeded (${where}). Use: npm run seed -- --reset`);
  } finally {
    await database?.close();
  }
}

function describe(s: SeedSummary, reset: boolean, where: string): string {
  return (
    `${reset ? "Reset and seeded" : "Seeded"} demo data in ${(s.ms / 1000).toFixed(1)} s (${where}): ` +
    `${s.units} units, ${s.people} people, ${s.findings} findings, ${s.measures} measures, ${s.responsibilities} responsibilities, ` +
    `${s.accountabilityActions} accountability actions, ${s.bulletins} bulletins; ${s.mutations} journal entries.`
  );
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  // ConfigError, DatabaseUnavailableError and UsageError carry a ready line; others get their first line.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Cannot seed: ${message.split("\n")[0]}`);
  process.exit(1);
});
