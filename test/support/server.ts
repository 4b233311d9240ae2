import "reflect-metadata";
import { startApp, type RunningApp } from "../../server/app.js";
import { SettableClock } from "../../server/clock.js";
import { freshDatabase, type TestDatabase } from "./database.js";
import type { Database } from "../../db/client.js";

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  database: Database;
  clock: SettableClock;
  /** POSTs one GraphQL operation over real HTTP. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns data. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** Starts the real API on a random port over a fresh database. */
export async function startTestServer(options: { now?: Date } = {}): Promise<TestServer> {
  const testDb: TestDatabase = await freshDatabase();
  const clock = new SettableClock(options.now ?? new Date());
  const app: RunningApp = await startApp({ database: testDb.database, port: 0, host: "127.0.0.1", clock });
  const url = app.url.replace("localhost", "127.0.0.1");
  const gql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };
  return {
    url,
    database: testDb.database,
    clock,
    gql,
    ok: async <T>(query: string, variables?: Record<string, unknown>) => {
      const result = await gql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}
