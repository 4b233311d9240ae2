import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Migrates one PGlite database and dumps it, so each test file starts from a copy in about a
 * second instead of running initdb and the migrations again.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "sv-test-"));
  const database = await openDatabase({ kind: "pglite" });
  await database.migrate();
  const template = join(dir, "template.tar.gz");
  const client = database.pglite!;
  await writeFile(template, Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer()));
  await database.close();
  project.provide("pgliteTemplate", template);
  if (process.env.TEST_DATABASE_URL) console.log(`Tests use PostgreSQL: ${process.env.TEST_DATABASE_URL.replace(/:[^:@/]*@/, ":***@")}`);
  else console.log("Tests use PGlite (set TEST_DATABASE_URL to also run them on PostgreSQL).");
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
