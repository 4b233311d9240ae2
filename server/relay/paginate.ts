import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { decodeCursor, encodeCursor, type Page } from "./connection.js";

export interface SortKey<Row> {
  /** Column sorted on; ties broken by `idColumn`. */
  column: PgColumn;
  /** SQL type the cursor value is cast to. */
  cast: "int" | "date" | "timestamptz" | "text";
  direction: "asc" | "desc";
  value: (row: Row) => string | number | Date;
}

export interface KeysetOptions<Row, Out> {
  first: number;
  after?: string | null;
  idColumn: PgColumn;
  sort: SortKey<Row>;
  /** Runs the page query with the keyset condition (if any), the ORDER BY and the LIMIT. */
  fetch: (keyset: SQL | undefined, orderBy: SQL[], limit: number) => Promise<Row[]>;
  count: () => Promise<number>;
  /** Turns a row into the GraphQL object. */
  map: (row: Row) => Out;
}

/** One keyset page: fetches first+1 rows to know whether there is a next page. */
export async function keysetPage<Row extends { id: number }, Out>(options: KeysetOptions<Row, Out>): Promise<Page<Out>> {
  const { sort, idColumn } = options;
  const key = decodeCursor(options.after);
  const cast = sql.raw(sort.cast);
  const op = sql.raw(sort.direction === "asc" ? ">" : "<");
  const keyset = key ? sql`(${sort.column}, ${idColumn}) ${op} (${key[0]}::${cast}, ${key[1]}::int)` : undefined;
  const dir = sql.raw(sort.direction);
  const orderBy = [sql`${sort.column} ${dir}`, sql`${idColumn} ${dir}`];
  const rows = options.first === 0 ? [] : await options.fetch(keyset, orderBy, options.first + 1);
  const cursors = new Map<Out, string>();
  const nodes = rows.slice(0, options.first).map((row) => {
    const node = options.map(row);
    const v = sort.value(row);
    cursors.set(node, encodeCursor([v instanceof Date ? v.toISOString() : v, row.id]));
    return node;
  });
  return {
    nodes,
    hasNextPage: rows.length > options.first,
    cursorOf: (node) => cursors.get(node)!,
    totalCount: options.count,
  };
}
