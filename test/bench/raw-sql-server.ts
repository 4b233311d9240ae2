/**
 * The L1 baseline of `npm run bench`: a minimal HTTP server that answers each read workload with
 * its one hand-written SQL statement (test/bench/workloads.ts) through the same driver and pool
 * size as the API. No GraphQL, no authorization, no validation: the floor the API is measured
 * against. DATABASE_URL selects PostgreSQL, PGLITE_DIR an embedded PGlite data folder.
 */
import { createServer } from "node:http";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { PGLITE_EXTENSIONS } from "../../db/client.js";
import { L1_SQL, type ReadWorkload } from "./workloads.js";

type Run = (text: string, params: unknown[]) => Promise<unknown>;

async function connect(): Promise<{ run: Run; close(): Promise<void> }> {
  if (process.env.PGLITE_DIR) {
    const db = new PGlite({ dataDir: process.env.PGLITE_DIR, extensions: PGLITE_EXTENSIONS });
    await db.waitReady;
    return { run: async (text, params) => (await db.query<{ data: unknown }>(text, params)).rows[0]?.data, close: () => db.close() };
  }
  // The API's pool: postgres.js, max 10 (db/client.ts).
  const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
  return { run: async (text, params) => (await sql.unsafe(text, params as never[], { prepare: true }))[0]?.data, close: () => sql.end({ timeout: 5 }) };
}

async function main(): Promise<void> {
  const db = await connect();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const workload = req.url!.slice(1) as ReadWorkload;
        const text = L1_SQL[workload];
        if (!text) {
          res.writeHead(404).end();
          return;
        }
        const params = JSON.parse(Buffer.concat(chunks).toString() || "[]") as unknown[];
        const data = await db.run(text, params);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
      } catch (error) {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: (error as Error).message }));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    const address = server.address() as { port: number };
    console.log(`raw SQL baseline at http://127.0.0.1:${address.port}/`);
  });
  process.once("SIGTERM", () => {
    server.close();
    void db.close().then(() => process.exit(0));
  });
}

void main();
