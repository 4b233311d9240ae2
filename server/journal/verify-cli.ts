import "reflect-metadata";
import { DatabaseUnavailableError, openDatabase } from "../../db/client.js";
import { ConfigError, loadConfig } from "../config.js";
import { verifyJournal } from "./journal.service.js";

/** `npm run journal:verify`: recomputes the hash chain; exit 1 naming the first bad seq. */
async function main(): Promise<number> {
  const database = await openDatabase(loadConfig().database);
  try {
    const result = await verifyJournal(database.db);
    if (result.ok) {
      console.log(`journal OK: ${result.rows} entries, hash chain intact`);
      return 0;
    }
    console.error(`journal BROKEN at seq ${result.badSeq}: ${result.reason}`);
    return 1;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError;
    console.error(`journal:verify failed: ${known || error instanceof Error ? (error as Error).message : String(error)}`);
    process.exit(2);
  },
);
