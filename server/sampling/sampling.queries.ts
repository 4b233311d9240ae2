import { and, asc, count, eq, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { findings, samplingPicks, samplingRounds, units } from "../../db/tables/index.js";
import { scopeCondition, type Scope } from "../scope.js";
import type { SamplingPickRow, SamplingRoundRow } from "./sampling.type.js";

/**
 * A round is visible when its city office is in scope, or when one of its picks is (a basic
 * office's head sees the rounds that drew their office, but only their own picks: see
 * selectPicksByRounds). Callers pass the finding scope: a round is assessment detail, so a wall
 * display sees none.
 */
export function roundVisible(scope: Scope): SQL | undefined {
  if (scope.kind === "ALL") return undefined;
  const office = scopeCondition(samplingRounds.officePath, scope)!;
  const pick = scopeCondition(samplingPicks.unitPath, scope)!;
  return sql`(${office} or exists (select 1 from ${samplingPicks} where ${samplingPicks.roundId} = ${samplingRounds.id} and ${pick}))`;
}

export interface SamplingRoundWhere {
  officeId?: number;
  year?: number;
}

function roundConditions(scope: Scope, where: SamplingRoundWhere): SQL | undefined {
  return and(
    roundVisible(scope),
    where.officeId !== undefined ? eq(samplingRounds.officeId, where.officeId) : undefined,
    where.year !== undefined ? eq(samplingRounds.year, where.year) : undefined,
  );
}

export function selectRoundsPage(db: Db, scope: Scope, where: SamplingRoundWhere, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(samplingRounds).where(and(roundConditions(scope, where), keyset)).orderBy(...orderBy).limit(limit);
}

export async function countRounds(db: Db, scope: Scope, where: SamplingRoundWhere): Promise<number> {
  const [row] = await db.select({ n: count() }).from(samplingRounds).where(roundConditions(scope, where));
  return row?.n ?? 0;
}

export function selectRoundsByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<SamplingRoundRow[]> {
  return db.select().from(samplingRounds).where(and(inArray(samplingRounds.id, [...ids]), roundVisible(scope)));
}

/** Picks of these rounds within the scope, in draw order. */
export function selectPicksByRounds(db: Db, scope: Scope, roundIds: readonly number[]): Promise<SamplingPickRow[]> {
  return db
    .select()
    .from(samplingPicks)
    .where(and(inArray(samplingPicks.roundId, [...roundIds]), scopeCondition(samplingPicks.unitPath, scope)))
    .orderBy(samplingPicks.roundId, samplingPicks.position);
}

/** Rounds of one office and year, by round number; unscoped (the caller checked the office). */
export function selectOfficeRounds(db: Db, officeId: number, year: number): Promise<SamplingRoundRow[]> {
  return db.select().from(samplingRounds).where(and(eq(samplingRounds.officeId, officeId), eq(samplingRounds.year, year))).orderBy(asc(samplingRounds.round));
}

/** Drawn-role picks (not BASIC_DEPARTMENT) of an office's rounds of a year before `beforeRound`; unscoped. */
export function selectEarlierPicks(db: Db, officeId: number, year: number, beforeRound: number) {
  return db
    .select({ unitId: samplingPicks.unitId, role: samplingPicks.role })
    .from(samplingPicks)
    .innerJoin(samplingRounds, eq(samplingRounds.id, samplingPicks.roundId))
    .where(
      and(
        eq(samplingRounds.officeId, officeId),
        eq(samplingRounds.year, year),
        lt(samplingRounds.round, beforeRound),
        ne(samplingPicks.role, "BASIC_DEPARTMENT"),
      ),
    );
}

/** Every unit directly under the office and every department directly under its basic offices; unscoped. */
export function selectSamplingUnits(db: Db, officeId: number) {
  const basicOffices = db.select({ id: units.id }).from(units).where(and(eq(units.parentId, officeId), eq(units.kind, "OFFICE"), eq(units.level, "BASIC")));
  return db
    .select()
    .from(units)
    .where(or(eq(units.parentId, officeId), and(eq(units.kind, "DEPARTMENT"), inArray(units.parentId, basicOffices))))
    .orderBy(units.code);
}

/** City offices in the scope (at most `limit`), for the default office. */
export function selectCityOffices(db: Db, scope: Scope, limit: number) {
  return db
    .select()
    .from(units)
    .where(and(eq(units.kind, "OFFICE"), eq(units.level, "CITY"), scopeCondition(units.path, scope)))
    .orderBy(units.sortOrder, units.id)
    .limit(limit);
}

export async function selectRoundUnscoped(db: Db, id: number): Promise<SamplingRoundRow | undefined> {
  const [row] = await db.select().from(samplingRounds).where(eq(samplingRounds.id, id));
  return row;
}

/** Picks of one round, unscoped (for the link check of a finding). */
export function selectRoundPicksUnscoped(db: Db, roundId: number): Promise<SamplingPickRow[]> {
  return db.select().from(samplingPicks).where(eq(samplingPicks.roundId, roundId)).orderBy(samplingPicks.position);
}

export async function insertRound(db: Db, values: typeof samplingRounds.$inferInsert): Promise<SamplingRoundRow> {
  const [row] = await db.insert(samplingRounds).values(values).returning();
  return row!;
}

export function insertPicks(db: Db, values: (typeof samplingPicks.$inferInsert)[]): Promise<SamplingPickRow[]> {
  return db.insert(samplingPicks).values(values).returning();
}

/** Findings of these rounds within the finding scope, oldest first. */
export function selectFindingsOfRounds(db: Db, scope: Scope, roundIds: readonly number[]) {
  return db
    .select()
    .from(findings)
    .where(and(inArray(findings.samplingRoundId, [...roundIds]), scopeCondition(findings.unitPath, scope)))
    .orderBy(findings.id);
}
