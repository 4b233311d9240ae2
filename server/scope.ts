import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * What part of the jurisdiction a viewer may see. Every read builds its WHERE clause through
 * `scopeCondition`, so there is one place that decides visibility.
 */
export type Scope = { kind: "ALL" } | { kind: "SUBTREES"; paths: string[] };

export const ALL: Scope = { kind: "ALL" };
export const NOTHING: Scope = { kind: "SUBTREES", paths: [] };

/** SQL condition limiting a materialised-path column to the scope; undefined when unlimited. */
export function scopeCondition(pathColumn: PgColumn | SQL, scope: Scope): SQL | undefined {
  if (scope.kind === "ALL") return undefined;
  if (scope.paths.length === 0) return sql`false`;
  const each = scope.paths.map((p) => sql`${pathColumn} like ${escapeLike(p) + "%"}`);
  return sql`(${sql.join(each, sql` or `)})`;
}

export function inScope(path: string | null, scope: Scope): boolean {
  if (scope.kind === "ALL") return true;
  return path !== null && scope.paths.some((p) => path.startsWith(p));
}

/** Whether a published bulletin issued at `path` reaches the scope: inside it, or issued above it (its jurisdiction). */
export function inJurisdiction(path: string | null, scope: Scope): boolean {
  if (scope.kind === "ALL") return true;
  return path !== null && scope.paths.some((p) => p.startsWith(path) || path.startsWith(p));
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => "\\" + c);
}

/**
 * The scope as parameters of a prepared statement (see scopeParam), so one statement text serves
 * every viewer: `all` for the whole tree, else the LIKE patterns of the subtrees (none: nothing).
 */
export interface ScopeParams {
  all: boolean;
  paths: string[];
}

export function scopeParams(scope: Scope): ScopeParams {
  return scope.kind === "ALL" ? { all: true, paths: [] } : { all: false, paths: scope.paths.map((p) => escapeLike(p) + "%") };
}

/**
 * scopeCondition with the scope as two placeholders, `${name}All` and `${name}Paths`, filled from
 * scopeParams: true for the whole tree, else the path matches one of the subtrees.
 */
export function scopeParam(pathColumn: PgColumn | SQL, name: string): SQL<boolean> {
  return sql<boolean>`(${sql.placeholder(`${name}All`)}::boolean or ${pathColumn} like any(${sql.placeholder(`${name}Paths`)}::text[]))`;
}
