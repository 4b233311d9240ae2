import type { Db } from "../db/client.js";
import type { Clock } from "./clock.js";
import type { Actor } from "./journal/journal.service.js";
import { createLoaders, type Loaders } from "./loaders.js";
import type { Scope } from "./scope.js";

/** Per-request state: who asks, what they may see, and the request's DataLoaders. */
export interface Context {
  db: Db;
  scope: Scope;
  actor: Actor;
  clock: Clock;
  loaders: Loaders;
  requestId: string;
}

export function createContext(base: Omit<Context, "loaders">): Context {
  return { ...base, loaders: createLoaders(base.db, base.scope) };
}
