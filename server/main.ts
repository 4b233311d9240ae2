import "reflect-metadata";
import { DatabaseUnavailableError, openDatabase } from "../db/client.js";
import { demoLoginLines } from "../db/demo/logins.js";
import { seedIfEmpty } from "../db/seed.js";
import { startApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { setJournalNotify } from "./journal/journal.service.js";

/** `npm start`: migrate, seed the demo data once, serve. Startup failures print one line and exit 1. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  await database.migrate();
  if (config.seedDemo) {
    const seeded = await seedIfEmpty(database);
    if (seeded) console.log(`Seeded demo data: ${seeded.units} units, ${seeded.people} people, ${seeded.findings} findings.`);
  }
  setJournalNotify(config.journalNotify);
  const app = await startApp({ database, port: config.port, metrics: config.metrics });
  const where = config.database.kind === "pglite" ? `PGlite in ${config.database.dataDir}` : "PostgreSQL (DATABASE_URL)";
  const origin = new URL(app.url).origin;
  for (const line of await demoLoginLines(database, origin)) console.log(line);
  console.log(`督察整改 dashboard at ${origin}/`);
  console.log(`督察整改 API ready at ${app.url}  (database: ${where})`);
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
