import type { Database, Db } from "../db/client.js";
import type { CookieJar } from "./auth/auth.service.js";
import { can } from "./auth/permissions.js";
import { actorOf, scopeOf, type Viewer } from "./auth/viewer.js";
import type { Clock } from "./clock.js";
import type { Actor } from "./journal/journal.service.js";
import { createLoaders, type Loaders } from "./loaders.js";
import { ALL, NOTHING, type Scope } from "./scope.js";

/** Per-request state: who asks, what they may see, and the request's DataLoaders. */
export interface Context {
  db: Db;
  /** Where the DataLoaders read (Database.keyed); `db` inside a transaction. */
  keyed: Db;
  viewer: Viewer;
  /** Units, people, accountability actions, bulletins and board counts the viewer may see. */
  scope: Scope;
  /** Finding rows (and their measures, history, journal entries): none for a wall display. */
  findingScope: Scope;
  actor: Actor;
  clock: Clock;
  loaders: Loaders;
  requestId: string;
  /** Present on HTTP requests, so login/logout can set the session cookie. */
  cookies?: CookieJar;
}

export interface ContextBase {
  db: Db;
  /**
   * Where the DataLoaders read by key: Database.keyed, whose statements are planned once. Unset,
   * `db`: a context inside a transaction reads inside it.
   */
  keyed?: Db;
  viewer: Viewer;
  scope: Scope;
  findingScope: Scope;
  clock: Clock;
  requestId: string;
  cookies?: CookieJar;
  /** Defaults to the viewer's actor. */
  actor?: Actor;
}

export function createContext(base: ContextBase): Context {
  const keyed = base.keyed ?? base.db;
  return {
    ...base,
    keyed,
    actor: base.actor ?? actorOf(base.viewer),
    loaders: createLoaders(keyed, base.scope, base.findingScope, can(base.viewer, "readDrafts")),
  };
}

/** The context of a request or socket: scope from the one scope function. */
export async function contextFor(database: Pick<Database, "db" | "keyed">, viewer: Viewer, clock: Clock, requestId: string, cookies?: CookieJar): Promise<Context> {
  const { db, keyed } = database;
  const scope = await scopeOf(db, viewer);
  const findingScope = viewer.kind === "TOKEN" && viewer.tokenKind === "DISPLAY" ? NOTHING : scope;
  return createContext({ db, keyed, viewer, scope, findingScope, clock, requestId, cookies });
}

/** For the server's own tools (seed, CLIs, tests that call services directly): whole tree, every permission. */
export function internalContext(db: Db, clock: Clock, label: string): Context {
  return createContext({ db, viewer: { kind: "INTERNAL", label }, scope: ALL, findingScope: ALL, clock, requestId: label });
}
