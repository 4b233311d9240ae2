import type postgres from "postgres";

/** True when any table of the public schema holds a row. */
export async function hasData(sql: postgres.Sql): Promise<string | null> {
  const tables = await sql<{ name: string }[]>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`;
  if (tables.length === 0) return null;
  const probe = tables.map((t) => `select ${quoteLiteral(t.name)} as name where exists (select 1 from ${quoteIdent(t.name)})`).join(" union all ");
  const [hit] = await sql.unsafe<{ name: string }[]>(`${probe} limit 1`);
  return hit?.name ?? null;
}

/** --reset: drops the public schema (and drizzle's migration record) and creates it empty. */
export async function resetSchema(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;`);
}

export interface Deferred {
  foreignKeys: { table: string; name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/**
 * Bulk loading: drops the secondary indexes and foreign keys of the loaded tables (primary keys
 * stay) and returns their definitions; `restoreDeferred` builds them again in one pass each,
 * which also checks every reference and unique key of the generated data.
 */
export async function deferIndexes(sql: postgres.Sql, tables: string[]): Promise<Deferred> {
  const foreignKeys = await sql<{ table: string; name: string; definition: string }[]>`
    select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.relname = any(${tables}) order by 1, 2`;
  const indexes = await sql<{ name: string; definition: string }[]>`
    select indexname as name, indexdef as definition from pg_indexes
    where schemaname = 'public' and tablename = any(${tables})
      and indexname not in (select conname from pg_constraint where contype in ('p', 'u', 'x')) order by 1`;
  for (const fk of foreignKeys) await sql.unsafe(`alter table ${quoteIdent(fk.table)} drop constraint ${quoteIdent(fk.name)}`);
  for (const index of indexes) await sql.unsafe(`drop index ${quoteIdent(index.name)}`);
  return { foreignKeys, indexes };
}

/** Index builds run on this many connections at once (a large btree build uses one core at a time). */
const INDEX_CONNECTIONS = 2;

export async function restoreDeferred(sql: postgres.Sql, deferred: Deferred, phase: (name: string) => void): Promise<void> {
  const queue = [...deferred.indexes];
  await Promise.all(
    Array.from({ length: INDEX_CONNECTIONS }, async () => {
      const conn = await sql.reserve();
      try {
        await conn.unsafe(`set maintenance_work_mem = '256MB'`);
        for (let index = queue.shift(); index; index = queue.shift()) await conn.unsafe(index.definition);
      } finally {
        conn.release();
      }
    }),
  );
  phase("indexes");
  const conn = await sql.reserve();
  try {
    for (const fk of deferred.foreignKeys) await conn.unsafe(`alter table ${quoteIdent(fk.table)} add constraint ${quoteIdent(fk.name)} ${fk.definition}`);
    phase("foreign keys");
  } finally {
    conn.release();
  }
}

/** Moves each serial sequence past the ids the generator wrote, so the API's inserts continue after them. */
export async function setSequences(sql: postgres.Sql, tables: string[]): Promise<void> {
  const serials = await sql<{ table: string; column: string }[]>`
    select table_name as table, column_name as column from information_schema.columns
    where table_schema = 'public' and table_name = any(${tables}) and column_default like 'nextval(%'`;
  for (const { table, column } of serials) {
    const t = quoteIdent(table);
    const c = quoteIdent(column);
    await sql.unsafe(`select setval(pg_get_serial_sequence(${quoteLiteral(t)}, ${quoteLiteral(column)}), coalesce(max(${c}), 1), max(${c}) is not null) from ${t}`);
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;
