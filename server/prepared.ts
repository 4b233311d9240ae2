import type { Db } from "../db/client.js";

/**
 * A drizzle prepared query, built once per database (or transaction) it runs on: hot loaders
 * skip building the same SQL text on every request. Everything that varies, the viewer's scope
 * included (scopeParam), is a placeholder.
 */
export function preparedPer<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}
