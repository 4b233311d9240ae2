import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Logger } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { projectPath } from "./paths.js";
import * as schema from "./tables/index.js";

export type Schema = typeof schema;
/** The drizzle database or a transaction in it; both drivers share this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Counts the SQL statements sent through drizzle, for the constant-cost tests and benchmarks. */
export class StatementCounter implements Logger {
  count = 0;
  logQuery(_query: string, _params: unknown[]): void {
    this.count++;
  }
}

export interface Database {
  db: Db;
  /**
   * For lookups by key (the DataLoaders): on PostgreSQL a second pool whose statements are planned
   * once per connection (generic plans), since a lookup by id has one best plan whatever the id.
   * `db` plans each statement for its actual parameters instead, which the list queries need (a
   * unit-subtree LIKE prefix) and which cost most of a lookup's database time. PGlite: `db`.
   */
  keyed: Db;
  /** The embedded engine, when kind is "pglite" (tests dump it as a template). */
  pglite?: PGlite;
  /** Runs plain SQL (tests use it to act behind the API's back). */
  exec(sqlText: string): Promise<Record<string, unknown>[]>;
  kind: "pglite" | "postgres";
  statements: StatementCounter;
  /**
   * LISTENs on a channel over one connection; `onListen` runs each time listening (re)starts, so
   * the caller can catch up on what it missed while disconnected. Returns the unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void, onListen: () => void): Promise<() => Promise<void>>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob }
  | { kind: "postgres"; url: string; max?: number };

const migrationsFolder = projectPath("db/migrations");

/** Extensions the migrations create (PGlite bundles them; PostgreSQL ships them in contrib). */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** Thrown when the database cannot be reached; main.ts prints its message as one line. */
export class DatabaseUnavailableError extends Error {}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  if (options.kind === "pglite") {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const client = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: PGLITE_EXTENSIONS });
    await client.waitReady;
    const db = drizzlePglite(client, { schema, logger: statements }) as unknown as Db;
    return {
      db,
      keyed: db,
      pglite: client,
      exec: async (text) => (await client.query<Record<string, unknown>>(text)).rows,
      kind: "pglite",
      statements,
      listen: async (channel, onPayload, onListen) => {
        // Embedded: one in-process connection that never drops.
        const unlisten = await client.listen(channel, onPayload);
        onListen();
        return unlisten;
      },
      migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
      close: () => client.close(),
    };
  }

  const connect = (planCacheMode: string) =>
    postgres(options.url, {
      max: options.max ?? 10,
      connect_timeout: 10,
      onnotice: () => {},
      connection: { plan_cache_mode: planCacheMode },
    });
  let client: postgres.Sql;
  try {
    // Statements are prepared (see preparing) but planned for their actual parameters each time:
    // a generic plan cannot use a LIKE prefix it does not know, and PostgreSQL may still pick one
    // (a scope's subtree query went from under 1 ms to 48 ms that way).
    client = connect("force_custom_plan");
  } catch {
    throw new DatabaseUnavailableError("DATABASE_URL is not a valid postgres:// URL");
  }
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseUnavailableError(describeConnectError(options.url, error));
  }
  // Lookups by key, planned once per connection: their plan is the primary or foreign key index
  // whatever the ids, and planning a four-table join for each lookup cost more than running it.
  // Connects on first use.
  const keyedClient = connect("force_generic_plan");
  const db = drizzlePostgres(preparing(client), { schema, logger: statements }) as unknown as Db;
  const keyed = drizzlePostgres(preparing(keyedClient), { schema, logger: statements }) as unknown as Db;
  return {
    db,
    keyed,
    exec: async (text) => [...(await client.unsafe(text))] as Record<string, unknown>[],
    kind: "postgres",
    statements,
    listen: async (channel, onPayload, onListen) => {
      // postgres.js keeps one dedicated LISTEN connection and reconnects it; onlisten runs each time.
      const { unlisten } = await client.listen(channel, onPayload, onListen);
      return unlisten;
    },
    migrate: async () => {
      // Advisory lock: several nodes starting together migrate once.
      await client`select pg_advisory_lock(7262001)`;
      try {
        await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder });
      } finally {
        await client`select pg_advisory_unlock(7262001)`;
      }
    },
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), keyedClient.end({ timeout: 5 })]);
    },
  };
}

/**
 * The client as drizzle should see it: every statement prepared. drizzle runs its queries through
 * `unsafe`, which postgres.js does not prepare by default; unprepared, a statement with parameters
 * costs two round trips (Parse + Describe to learn the parameter types, then Bind + Execute) and a
 * fresh parse and plan each time. Prepared, postgres.js keeps it per connection by its text, so a
 * repeat is one round trip (Bind + Execute). Transactions and savepoints get their own `sql`
 * objects, wrapped the same way.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === "unsafe") {
        return (text: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(text, args as never, { ...options, prepare: true });
      }
      if (key === "begin" || key === "savepoint") {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const body = args[last] as (tx: postgres.TransactionSql) => unknown;
          args[last] = (tx: postgres.TransactionSql) => body(preparing(tx));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function describeConnectError(url: string, error: unknown): string {
  let where = "the database";
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL is not a valid postgres:// URL";
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `cannot connect to PostgreSQL at ${where}: ${reason}`;
}
