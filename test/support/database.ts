import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../db/client.js";

export interface TestDatabase {
  database: Database;
  /** The PostgreSQL URL of this database (unset on PGlite). */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a copy of the PGlite template, or — when
 * TEST_DATABASE_URL is set — a new PostgreSQL database created for the file and dropped after it.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = await readFile(inject("pgliteTemplate"));
    const database = await openDatabase({ kind: "pglite", loadDataDir: new Blob([template]) });
    return { database, drop: () => database.close() };
  }
  const name = `sv_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: target.toString(), max: 10 });
  await database.migrate();
  return {
    database,
    url: target.toString(),
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
