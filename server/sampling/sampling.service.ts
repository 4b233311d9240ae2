import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { samplingRounds } from "../../db/tables/index.js";
import { requirePermission } from "../auth/permissions.js";
import type { Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { FindingSource } from "../findings/finding.enums.js";
import { toFinding } from "../findings/findings.service.js";
import { appendJournal } from "../journal/journal.service.js";
import { checkYear } from "../quality-reviews/veto-watch.service.js";
import type { Page } from "../relay/connection.js";
import { parseId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { inScope } from "../scope.js";
import { Unit, type UnitRow } from "../units/unit.type.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import {
  DEFAULT_ROUNDS_PER_YEAR,
  drawPicks,
  explainQuotas,
  MAX_ROUNDS_PER_YEAR,
  projectQuotas,
  SAMPLING_ALGORITHM,
  shortGroups,
  type CandidateUnit,
  type PlannedPick,
  type SamplingUniverse,
} from "./sampling.algorithm.js";
import type { DrawSamplingRoundInput, SamplingRoundsArgs } from "./sampling.inputs.js";
import {
  countRounds,
  insertPicks,
  insertRound,
  selectCityOffices,
  selectEarlierPicks,
  selectFindingsOfRounds,
  selectOfficeRounds,
  selectRoundPicksUnscoped,
  selectRoundsByIds,
  selectRoundsPage,
  selectRoundUnscoped,
  selectSamplingUnits,
  type SamplingRoundWhere,
} from "./sampling.queries.js";
import {
  SamplingComparison,
  SamplingComparisonItem,
  SamplingDraw,
  SamplingPick,
  SamplingPickRole,
  SamplingPlan,
  SamplingQuotaGroup,
  SamplingQuotaUnit,
  SamplingRound,
} from "./sampling.type.js";

/**
 * The city office (市院) a draw or plan is about: the given one, which must be a CITY office in the
 * viewer's scope, or else the only city office the viewer sees.
 */
async function resolveOffice(ctx: Context, globalId: string | null | undefined, db: Db = ctx.db): Promise<UnitRow> {
  if (globalId) {
    const office = await selectUnitUnscoped(db, parseId("office", globalId, "Unit"));
    if (!office || !inScope(office.path, ctx.scope)) throw notFound("Unit", globalId);
    if (office.kind !== "OFFICE" || office.level !== "CITY") throw badInput("office", "is not a city office (市院); rounds draw within a city office's jurisdiction");
    return office;
  }
  const offices = await selectCityOffices(db, ctx.scope, 2);
  if (offices.length !== 1) throw badInput("office", offices.length === 0 ? "you see no city office (市院)" : "you see several city offices; say which one");
  return offices[0]!;
}

function candidate(row: UnitRow): CandidateUnit {
  return { id: row.id, code: row.code, path: row.path, name: row.name, businessLine: row.businessLine };
}

/** The units a round of `office` draws from (sampling.algorithm.ts step 1). */
async function loadUniverse(db: Db, office: UnitRow): Promise<SamplingUniverse> {
  const rows = await selectSamplingUnits(db, office.id);
  const universe: SamplingUniverse = { CITY_BUSINESS: [], CITY_COMPREHENSIVE: [], BASIC_OFFICE: [], basicDepartments: new Map() };
  for (const row of rows) {
    if (row.parentId === office.id) {
      if (row.kind === "OFFICE" && row.level === "BASIC") universe.BASIC_OFFICE.push(candidate(row));
      else if (row.kind === "DEPARTMENT" && row.category === "BUSINESS") universe.CITY_BUSINESS.push(candidate(row));
      else if (row.kind === "DEPARTMENT" && row.category === "COMPREHENSIVE") universe.CITY_COMPREHENSIVE.push(candidate(row));
    } else if (row.parentId !== null) {
      const list = universe.basicDepartments.get(row.parentId) ?? [];
      list.push(candidate(row));
      universe.basicDepartments.set(row.parentId, list);
    }
  }
  return universe;
}

/** Times each unit was drawn in its role in `office`'s rounds of `year` numbered below `beforeRound`. */
async function drawnCounts(db: Db, officeId: number, year: number, beforeRound: number): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const pick of await selectEarlierPicks(db, officeId, year, beforeRound)) counts.set(pick.unitId, (counts.get(pick.unitId) ?? 0) + 1);
  return counts;
}

/** Above any round number, to count a whole year. */
const ALL_ROUNDS = 10_000;

function checkRound(round: number, rounds: number): void {
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS_PER_YEAR) throw badInput("rounds", `must be between 1 and ${MAX_ROUNDS_PER_YEAR}`);
  if (!Number.isInteger(round) || round < 1 || round > rounds) throw badInput("round", `must be between 1 and ${rounds}, the rounds configured for the year`);
}

function checkDrawable(universe: SamplingUniverse): void {
  const short = shortGroups(universe);
  if (short.length) {
    const what = short.map((s) => `${s.need} ${s.role} needed, ${s.have} present`).join("; ");
    throw badInput("office", `has too few units for a round (${what})`);
  }
}

const toPick = (p: PlannedPick) => SamplingPick.from({ unitId: p.unit.id, unitPath: p.unit.path, role: p.role, position: p.position, reason: p.reason });

/**
 * 特别抽样评估: draws round `round` of `year` for a city office and stores the seed, the algorithm
 * name and the picks with one journal row. Rounds are drawn in order (1, 2, …), so the history an
 * earlier round saw never changes and every round can be re-drawn (previewSamplingRound).
 */
export async function drawSamplingRound(ctx: Context, input: DrawSamplingRoundInput): Promise<SamplingRound> {
  requirePermission(ctx.viewer, "drawSampling");
  checkYear(input.year);
  checkRound(input.round, input.rounds);
  const compareWithId = input.compareWith ? parseId("compareWith", input.compareWith, "SamplingRound") : undefined;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const office = await resolveOffice(ctx, input.office, tx);
    // Serialises draws of one office, so two requests cannot both take the same round.
    await tx.execute(sql`select id from units where id = ${office.id} for update`);
    const existing = await selectOfficeRounds(tx, office.id, input.year);
    const taken = existing.find((r) => r.round === input.round);
    if (taken) throw badInput("round", `round ${input.round} of ${input.year} is already drawn (seed ${taken.seed})`);
    if (input.round !== existing.length + 1) throw badInput("round", `rounds are drawn in order; draw round ${existing.length + 1} first`);
    if (compareWithId !== undefined) {
      const earlier = await selectRoundUnscoped(tx, compareWithId);
      if (!earlier || earlier.officeId !== office.id) throw badInput("compareWith", "must be an earlier round of the same office");
      if (earlier.year > input.year || (earlier.year === input.year && earlier.round >= input.round)) throw badInput("compareWith", "must be an earlier round");
    }
    const universe = await loadUniverse(tx, office);
    checkDrawable(universe);
    const seed = input.seed ?? randomBytes(8).toString("hex");
    const planned = drawPicks(universe, await drawnCounts(tx, office.id, input.year, input.round), seed);
    const row = await insertRound(tx, {
      officeId: office.id,
      officePath: office.path,
      year: input.year,
      round: input.round,
      seed,
      algorithm: SAMPLING_ALGORITHM,
      comparedWithId: compareWithId ?? null,
      drawnById: ctx.actor.personId,
      drawnAt: now,
    });
    const picks = await insertPicks(
      tx,
      planned.map((p) => ({ roundId: row.id, unitId: p.unit.id, unitPath: p.unit.path, role: p.role, position: p.position, reason: p.reason })),
    );
    await appendJournal(tx, ctx.actor, now, {
      action: "drawSamplingRound",
      entity: "SamplingRound",
      entityId: row.id,
      unitPath: row.officePath,
      before: null,
      after: { ...row, picks: picks.map(({ unitId, role, position, reason }) => ({ unitId, role, position, reason })) },
    });
    return SamplingRound.from(row);
  });
}

/**
 * What round `round` of `year` draws with `seed`, computed and not stored. For a round already
 * drawn, pass its stored seed: the picks equal the stored ones as long as the units are unchanged.
 */
export async function previewSamplingRound(ctx: Context, officeId: string | null | undefined, year: number, round: number, seed: string): Promise<SamplingDraw> {
  checkYear(year);
  checkRound(round, MAX_ROUNDS_PER_YEAR);
  const office = await resolveOffice(ctx, officeId);
  const universe = await loadUniverse(ctx.db, office);
  checkDrawable(universe);
  const planned = drawPicks(universe, await drawnCounts(ctx.db, office.id, year, round), seed);
  return Object.assign(new SamplingDraw(), { year, round, seed, algorithm: SAMPLING_ALGORITHM, picks: planned.map(toPick) });
}

/** 抽样计划: can the configured rounds of `year` still meet every quota? Shortfalls are named with numbers. */
export async function samplingPlan(ctx: Context, year: number, officeId: string | null | undefined, rounds = DEFAULT_ROUNDS_PER_YEAR): Promise<SamplingPlan> {
  checkYear(year);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_ROUNDS_PER_YEAR) throw badInput("rounds", `must be between 1 and ${MAX_ROUNDS_PER_YEAR}`);
  const office = await resolveOffice(ctx, officeId);
  const universe = await loadUniverse(ctx.db, office);
  const drawnRounds = (await selectOfficeRounds(ctx.db, office.id, year)).length;
  const remaining = Math.max(0, rounds - drawnRounds);
  const projection = projectQuotas(universe, await drawnCounts(ctx.db, office.id, year, ALL_ROUNDS), remaining);
  const problems = explainQuotas(universe, projection.units, projection.groups, rounds, remaining);
  const rows = new Map((await selectSamplingUnits(ctx.db, office.id)).map((u) => [u.id, u]));
  return Object.assign(new SamplingPlan(), {
    office: Unit.from(office),
    year,
    rounds,
    roundsDrawn: drawnRounds,
    roundsRemaining: remaining,
    nextRound: drawnRounds < rounds ? drawnRounds + 1 : null,
    feasible: problems.length === 0,
    groups: projection.groups.map((g) => Object.assign(new SamplingQuotaGroup(), { ...g, role: g.role as SamplingPickRole })),
    units: projection.units.map((u) =>
      Object.assign(new SamplingQuotaUnit(), {
        unitRowId: u.unit.id,
        unit: Unit.from(rows.get(u.unit.id)!),
        role: u.role as SamplingPickRole,
        required: u.required,
        drawn: u.drawn,
        deficit: u.deficit,
        shortfall: u.shortfall,
        feasible: u.shortfall === 0,
      }),
    ),
    problems,
  });
}

export async function listSamplingRounds(ctx: Context, args: SamplingRoundsArgs): Promise<Page<SamplingRound>> {
  const f = args.filter ?? {};
  const where: SamplingRoundWhere = {};
  if (f.year != null) {
    checkYear(f.year);
    where.year = f.year;
  }
  if (f.office) {
    const office = await ctx.loaders.unit.load(parseId("filter.office", f.office, "Unit"));
    if (!office) throw notFound("Unit", f.office);
    where.officeId = office.rowId;
  }
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: samplingRounds.id,
    sort: { column: samplingRounds.id, cast: "int", direction: "asc", value: (row) => row.id },
    fetch: (keyset, orderBy, limit) => selectRoundsPage(ctx.db, ctx.findingScope, where, keyset, orderBy, limit),
    count: () => countRounds(ctx.db, ctx.findingScope, where),
    map: SamplingRound.from,
  });
}

/** 两次评估互相对照: the earlier round's problems, each resolved (verified) or not, and whether it recurred. */
export async function compareRounds(ctx: Context, a: string, b: string): Promise<SamplingComparison> {
  const aId = parseId("a", a, "SamplingRound");
  const bId = parseId("b", b, "SamplingRound");
  if (aId === bId) throw badInput("b", "must be another round than a");
  const rows = await selectRoundsByIds(ctx.db, ctx.findingScope, [aId, bId]);
  const ra = rows.find((r) => r.id === aId);
  if (!ra) throw notFound("SamplingRound", a);
  const rb = rows.find((r) => r.id === bId);
  if (!rb) throw notFound("SamplingRound", b);
  if (ra.officeId !== rb.officeId) throw badInput("b", "must be a round of the same city office as a");
  const [earlier, later] = ra.year * 100 + ra.round <= rb.year * 100 + rb.round ? [ra, rb] : [rb, ra];
  const found = (await selectFindingsOfRounds(ctx.db, ctx.findingScope, [earlier.id, later.id])).filter((f) => f.status !== "WITHDRAWN");
  const now = ctx.clock.now();
  const laterRows = found.filter((f) => f.samplingRoundId === later.id);
  const again = new Set(laterRows.map((f) => `${f.unitId}|${f.category}`));
  const items = found
    .filter((f) => f.samplingRoundId === earlier.id)
    .map((f) =>
      Object.assign(new SamplingComparisonItem(), { finding: toFinding(f, now), resolved: f.status === "VERIFIED", recurred: again.has(`${f.unitId}|${f.category}`) }),
    );
  const resolved = items.filter((i) => i.resolved).length;
  return Object.assign(new SamplingComparison(), {
    earlier: SamplingRound.from(earlier),
    later: SamplingRound.from(later),
    items,
    resolved,
    unresolved: items.length - resolved,
    laterFindings: laterRows.map((f) => toFinding(f, now)),
  });
}

/**
 * For recordFinding's `samplingRound`: the round must be visible, the finding's source SAMPLING,
 * and its unit drawn in the round (a drawn office covers its departments). Returns the row id.
 */
export async function checkSamplingLink(tx: Db, ctx: Context, globalId: string, unitPath: string, source: FindingSource): Promise<number> {
  const id = parseId("samplingRound", globalId, "SamplingRound");
  const round = await selectRoundUnscoped(tx, id);
  const picks = round ? await selectRoundPicksUnscoped(tx, id) : [];
  if (!round || !(inScope(round.officePath, ctx.findingScope) || picks.some((p) => inScope(p.unitPath, ctx.findingScope)))) throw notFound("SamplingRound", globalId);
  if (source !== FindingSource.SAMPLING) throw badInput("source", "a finding of a sampling round (特别抽样评估) has source SAMPLING");
  if (!picks.some((p) => unitPath.startsWith(p.unitPath))) throw badInput("samplingRound", "the finding's unit was not drawn in this round");
  return id;
}
