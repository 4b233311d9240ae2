import "reflect-metadata";
import { startApp, type RunningApp } from "../../server/app.js";
import { createUser } from "../../server/auth/auth.service.js";
import { SettableClock } from "../../server/clock.js";
import { internalContext } from "../../server/context.js";
import { freshDatabase, type TestDatabase } from "./database.js";
import type { Database } from "../../db/client.js";

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  /** Cookie header of the ADMIN session every request sends unless `as` says otherwise. */
  adminCookie: string;
  database: Database;
  clock: SettableClock;
  /** The running app (live engine counters for tests). */
  app: RunningApp;
  /** POSTs one GraphQL operation over real HTTP. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: Credentials): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns data. */
  ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: Credentials): Promise<T>;
  /** Signs in over HTTP and returns the session cookie header. */
  login(username: string, password: string): Promise<string>;
  /** Stops the HTTP/WebSocket server (the database stays), as a crash or deploy would. */
  stopApp(): Promise<void>;
  /** Starts the server again on the same port and database after stopApp. */
  restartApp(): Promise<void>;
  close(): Promise<void>;
}

/** Who a request claims to be: a session cookie, a bearer token, or nobody ({}). */
export interface Credentials {
  cookie?: string;
  bearer?: string;
}

export const ADMIN_USERNAME = "test-admin";
export const ADMIN_PASSWORD = "test-admin-password";

/** Starts the real API on a random port over a fresh database, with an ADMIN login. */
export async function startTestServer(options: { now?: Date; wsRecheckMs?: number } = {}): Promise<TestServer> {
  const testDb: TestDatabase = await freshDatabase();
  const clock = new SettableClock(options.now ?? new Date());
  let app: RunningApp | null = await startApp({ database: testDb.database, port: 0, host: "127.0.0.1", clock, wsRecheckMs: options.wsRecheckMs });
  const url = app.url.replace("localhost", "127.0.0.1");
  const port = Number(new URL(url).port);
  await createUser(internalContext(testDb.database.db, clock, "test"), { username: ADMIN_USERNAME, password: ADMIN_PASSWORD, role: "ADMIN" });
  let adminCookie = "";
  const gql = async <T>(query: string, variables?: Record<string, unknown>, as?: Credentials): Promise<GraphQLResponse<T>> => {
    const who = as ?? { cookie: adminCookie };
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };
    if (who.cookie) headers.cookie = who.cookie;
    if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
    const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GraphQLResponse<T>;
  };
  const login = async (username: string, password: string): Promise<string> => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { kind } }", variables: { u: username, p: password } }),
    });
    const body = (await res.json()) as GraphQLResponse;
    const setCookie = res.headers.get("set-cookie");
    if (body.errors?.length || !setCookie) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
    return setCookie.split(";")[0]!;
  };
  adminCookie = await login(ADMIN_USERNAME, ADMIN_PASSWORD);
  return {
    url,
    adminCookie,
    login,
    get app() {
      if (!app) throw new Error("the app is stopped");
      return app;
    },
    stopApp: async () => {
      await app?.close();
      app = null;
    },
    restartApp: async () => {
      if (app) throw new Error("the app is running");
      app = await startApp({ database: testDb.database, port, host: "127.0.0.1", clock, wsRecheckMs: options.wsRecheckMs });
    },
    database: testDb.database,
    clock,
    gql,
    ok: async <T>(query: string, variables?: Record<string, unknown>, as?: Credentials) => {
      const result = await gql<T>(query, variables, as);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    close: async () => {
      await app?.close();
      await testDb.drop();
    },
  };
}
