import type { Db } from "../db/client.js";

/**
 * A drizzle prepared query, built once: hot statements skip building the same SQL text on every
 * request. Everything that varies, the viewer's scope included (scopeParam), is a placeholder.
 *
 * Built on the first database of a driver that asks; every other database or transaction of that
 * driver gets a view of it that runs on its own connection (drizzle's prepared queries execute
 * through their `client`), so a statement inside a transaction — a new Db each time — is not
 * built again either. test/workflow.test.ts and test/journal.test.ts run these inside
 * transactions on both drivers.
 */
export function preparedPer<Q extends object>(build: (db: Db) => Q): (db: Db) => Q {
  const views = new WeakMap<Db, Q>();
  const built = new Map<unknown, Q>();
  return (db) => {
    let query = views.get(db);
    if (query) return query;
    const session = (db as unknown as { session: { client: unknown } }).session;
    const original = built.get(session.constructor);
    if (original) query = Object.create(original, { client: { value: session.client } }) as Q;
    else built.set(session.constructor, (query = build(db)));
    views.set(db, query);
    return query;
  };
}
