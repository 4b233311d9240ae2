import { createHash } from "node:crypto";

/**
 * 特别抽样评估 draw algorithm, pure (no database, no clock), so a round can be re-drawn and checked.
 *
 * "sv-sampling/1", stated precisely:
 * 1. Candidates, from the unit tree of one city office (市院) O:
 *    - CITY_BUSINESS: departments directly under O with category BUSINESS;
 *    - CITY_COMPREHENSIVE: departments directly under O with category COMPREHENSIVE;
 *    - BASIC_OFFICE: offices of level BASIC directly under O.
 * 2. History: for each candidate, how many times it was drawn (in its role) in O's rounds of the
 *    same year with a smaller round number. Rounds are drawn in order, so this never changes later.
 * 3. Random key of a unit: the first 16 hex digits of sha256("sv-sampling/1|" + seed + "|" + unit code).
 * 4. Each group is sorted by: quota deficit (yearly quota − drawn, at least 0) descending, then
 *    drawn ascending, then random key ascending, then unit code ascending. So units furthest below
 *    their yearly quota come first and ties are broken by the seed.
 * 5. The round takes the first 2 CITY_BUSINESS, the first 1 CITY_COMPREHENSIVE and the first 1
 *    BASIC_OFFICE, then BASIC_DEPARTMENT: the departments directly under the drawn basic office whose
 *    business line (业务条线) equals that of a drawn city business department, by unit code.
 * Positions run 1, 2, 3 … in that order. The same seed, the same unit set and the same earlier
 * rounds give the same picks.
 */
export const SAMPLING_ALGORITHM = "sv-sampling/1";

/** Rounds a year when nothing else is said: one every two months (每两个月一次). */
export const DEFAULT_ROUNDS_PER_YEAR = 6;
export const MAX_ROUNDS_PER_YEAR = 24;

export type DrawnRole = "CITY_BUSINESS" | "CITY_COMPREHENSIVE" | "BASIC_OFFICE";
export type PickRole = DrawnRole | "BASIC_DEPARTMENT";

/** Per role: how many a round draws and the yearly minimum per unit (每个基层院每年至少3次, 市院各部门至少1次). */
export const ROLE_RULES: Record<DrawnRole, { perRound: number; quota: number }> = {
  CITY_BUSINESS: { perRound: 2, quota: 1 },
  CITY_COMPREHENSIVE: { perRound: 1, quota: 1 },
  BASIC_OFFICE: { perRound: 1, quota: 3 },
};
export const DRAWN_ROLES: readonly DrawnRole[] = ["CITY_BUSINESS", "CITY_COMPREHENSIVE", "BASIC_OFFICE"];

export interface CandidateUnit {
  id: number;
  code: string;
  path: string;
  name: string;
  businessLine: string | null;
}

export interface SamplingUniverse {
  CITY_BUSINESS: CandidateUnit[];
  CITY_COMPREHENSIVE: CandidateUnit[];
  BASIC_OFFICE: CandidateUnit[];
  /** Departments of each basic office, by the office's unit id. */
  basicDepartments: Map<number, CandidateUnit[]>;
}

export interface PlannedPick {
  unit: CandidateUnit;
  role: PickRole;
  position: number;
  reason: string;
}

/** A seeded random key in [0, 2^64) as 16 hex digits; compare as strings. */
export function randomKey(seed: string, unitCode: string): string {
  return createHash("sha256").update(`${SAMPLING_ALGORITHM}|${seed}|${unitCode}`, "utf8").digest("hex").slice(0, 16);
}

/** Which groups have too few units for one round; empty when a round can be drawn. */
export function shortGroups(universe: SamplingUniverse): { role: DrawnRole; have: number; need: number }[] {
  return DRAWN_ROLES.filter((role) => universe[role].length < ROLE_RULES[role].perRound).map((role) => ({
    role,
    have: universe[role].length,
    need: ROLE_RULES[role].perRound,
  }));
}

/** Candidates of one role in draw order (step 4 above). */
export function orderCandidates(role: DrawnRole, units: readonly CandidateUnit[], drawn: ReadonlyMap<number, number>, seed: string) {
  const quota = ROLE_RULES[role].quota;
  return units
    .map((unit) => {
      const times = drawn.get(unit.id) ?? 0;
      return { unit, drawn: times, deficit: Math.max(0, quota - times), key: randomKey(seed, unit.code) };
    })
    .sort((a, b) => b.deficit - a.deficit || a.drawn - b.drawn || cmp(a.key, b.key) || cmp(a.unit.code, b.unit.code));
}

/**
 * Draws one round. `drawn` counts earlier picks per unit id (in the units' own roles). Throws
 * nothing: call `shortGroups` first; a group with too few units yields fewer picks.
 */
export function drawPicks(universe: SamplingUniverse, drawn: ReadonlyMap<number, number>, seed: string): PlannedPick[] {
  const picks: PlannedPick[] = [];
  const add = (unit: CandidateUnit, role: PickRole, reason: string) => picks.push({ unit, role, position: picks.length + 1, reason });
  for (const role of DRAWN_ROLES) {
    const quota = ROLE_RULES[role].quota;
    for (const c of orderCandidates(role, universe[role], drawn, seed).slice(0, ROLE_RULES[role].perRound)) {
      add(c.unit, role, `drawn ${c.drawn} of ${quota} this year before this round, deficit ${c.deficit}, key ${c.key}`);
    }
  }
  const office = picks.find((p) => p.role === "BASIC_OFFICE");
  if (office) {
    const lines = new Set(picks.filter((p) => p.role === "CITY_BUSINESS" && p.unit.businessLine).map((p) => p.unit.businessLine));
    const departments = (universe.basicDepartments.get(office.unit.id) ?? []).filter((d) => d.businessLine && lines.has(d.businessLine));
    for (const d of [...departments].sort((a, b) => cmp(a.code, b.code))) add(d, "BASIC_DEPARTMENT", "same business line as a drawn city business department");
  }
  return picks;
}

export interface QuotaUnit {
  unit: CandidateUnit;
  role: DrawnRole;
  required: number;
  drawn: number;
  /** Draws still needed to reach the quota. */
  deficit: number;
  /** Draws the remaining rounds cannot give this unit, under the best schedule. */
  shortfall: number;
}

export interface QuotaGroup {
  role: DrawnRole;
  units: number;
  perUnit: number;
  perRound: number;
  /** units × perUnit: draws the whole year needs. */
  required: number;
  /** Draws already counting toward quotas. */
  met: number;
  /** Draws still needed (sum of deficits). */
  needed: number;
  /** Draws the remaining rounds hold (remaining × perRound). */
  capacity: number;
  shortfall: number;
}

/**
 * Whether the remaining rounds can still meet every quota. Per role, the best schedule gives each
 * remaining round's draws to the units with the largest remaining deficit (one draw per unit and
 * round); that greedy schedule is optimal, so its leftover deficit is the true shortfall. Which of
 * equally placed units falls short is decided here by unit code; the real draws break such ties by
 * the seed, so the names may differ but the numbers do not.
 */
export function projectQuotas(universe: SamplingUniverse, drawn: ReadonlyMap<number, number>, remainingRounds: number): { units: QuotaUnit[]; groups: QuotaGroup[] } {
  const units: QuotaUnit[] = [];
  const groups: QuotaGroup[] = [];
  for (const role of DRAWN_ROLES) {
    const { quota, perRound } = ROLE_RULES[role];
    const rows = [...universe[role]]
      .sort((a, b) => cmp(a.code, b.code))
      .map((unit) => {
        const times = drawn.get(unit.id) ?? 0;
        return { unit, role, required: quota, drawn: times, deficit: Math.max(0, quota - times), shortfall: 0 };
      });
    const left = new Map(rows.map((r) => [r.unit.id, r.deficit]));
    for (let r = 0; r < remainingRounds; r++) {
      const take = rows
        .filter((row) => left.get(row.unit.id)! > 0)
        .sort((a, b) => left.get(b.unit.id)! - left.get(a.unit.id)! || cmp(a.unit.code, b.unit.code))
        .slice(0, perRound);
      if (take.length === 0) break;
      for (const row of take) left.set(row.unit.id, left.get(row.unit.id)! - 1);
    }
    for (const row of rows) row.shortfall = left.get(row.unit.id)!;
    units.push(...rows);
    groups.push({
      role,
      units: rows.length,
      perUnit: quota,
      perRound,
      required: rows.length * quota,
      met: rows.reduce((s, r) => s + Math.min(r.drawn, quota), 0),
      needed: rows.reduce((s, r) => s + r.deficit, 0),
      capacity: remainingRounds * perRound,
      shortfall: rows.reduce((s, r) => s + r.shortfall, 0),
    });
  }
  return { units, groups };
}

const ROLE_WORDS: Record<DrawnRole, string> = {
  CITY_BUSINESS: "city business departments (市院业务部门)",
  CITY_COMPREHENSIVE: "city comprehensive departments (市院综合部门)",
  BASIC_OFFICE: "basic-level offices (基层院)",
};

/** One English sentence per problem of a plan, with the numbers; empty when every quota can be met. */
export function explainQuotas(universe: SamplingUniverse, units: readonly QuotaUnit[], groups: readonly QuotaGroup[], rounds: number, remaining: number): string[] {
  const out: string[] = [];
  for (const short of shortGroups(universe)) {
    out.push(`A round draws ${short.need} ${ROLE_WORDS[short.role]}, but the office has ${short.have}; no round can be drawn.`);
  }
  for (const g of groups) {
    if (g.shortfall === 0) continue;
    const who = units
      .filter((u) => u.role === g.role && u.shortfall > 0)
      .map((u) => `${u.unit.name} short by ${u.shortfall}`)
      .join(", ");
    out.push(
      `${ROLE_WORDS[g.role]}: ${g.units} × ${g.perUnit} = ${g.required} draws needed this year, ${g.met} done; ` +
        `${remaining} of ${rounds} rounds left hold ${g.capacity} (${g.perRound} a round) for the ${g.needed} still needed; short by ${g.shortfall}: ${who}.`,
    );
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
