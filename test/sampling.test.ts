import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  drawPicks,
  orderCandidates,
  projectQuotas,
  randomKey,
  SAMPLING_ALGORITHM,
  type CandidateUnit,
  type SamplingUniverse,
} from "../server/sampling/sampling.algorithm.js";
import { createPerson, createUnit, dataSnapshot, findingInput, lastJournalSeq, journalSince, MUTATIONS, RECORD_FINDING, signInAs } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";

let server: TestServer;
let city: string;
let cityDepts: Record<string, string>;
let basics: string[];
let basicDepts: Record<string, string>;
let supervisor: string;
let handler: string;
/** A second city office with four basic offices: 4 × 3 = 12 draws, more than 6 rounds hold. */
let city2: string;
let city2Basics: string[];
let headB1: Credentials;
let headC2Basic: Credentials;

const YEAR = 2026;
const PICK = "role position reason unit { id code }";
const ROUND = `id year round seed algorithm drawnAt office { id } comparedWith { id round } picks { ${PICK} }`;
const DRAW = `mutation($input: DrawSamplingRoundInput!) { drawSamplingRound(input: $input) { ${ROUND} } }`;
const PREVIEW = `query($year: Int!, $round: Int!, $seed: String!, $office: ID) {
  previewSamplingRound(year: $year, round: $round, seed: $seed, office: $office) { seed algorithm picks { ${PICK} } }
}`;
const PLAN = `query($year: Int!, $office: ID, $rounds: Int) {
  samplingPlan(year: $year, office: $office, rounds: $rounds) {
    year rounds roundsDrawn roundsRemaining nextRound feasible problems
    groups { role units perUnit perRound required met needed capacity shortfall }
    units { unit { code } role required drawn deficit shortfall feasible }
  }
}`;
const ROUNDS = `query($filter: SamplingRoundFilter) { samplingRounds(filter: $filter, first: 100) { totalCount edges { node { ${ROUND} } } } }`;
const COMPARE = `query($a: ID!, $b: ID!) {
  compareSamplingRounds(a: $a, b: $b) {
    earlier { round } later { round } resolved unresolved
    items { resolved recurred finding { id status category unit { id } } }
    laterFindings { id }
  }
}`;

interface Pick {
  role: string;
  position: number;
  reason: string;
  unit: { id: string; code: string } | null;
}
interface Round {
  id: string;
  year: number;
  round: number;
  seed: string;
  algorithm: string;
  office: { id: string } | null;
  comparedWith: { id: string; round: number } | null;
  picks: Pick[];
}

const draw = (input: Record<string, unknown>, as?: Credentials) => server.gql<{ drawSamplingRound: Round }>(DRAW, { input: { office: city, year: YEAR, ...input } }, as);
const countRounds = async () => ((await server.database.exec("select count(*)::int as n from sampling_rounds")) as [{ n: number }])[0].n;
const countPicks = async () => ((await server.database.exec("select count(*)::int as n from sampling_picks")) as [{ n: number }])[0].n;

beforeAll(async () => {
  server = await startTestServer({ now: new Date("2026-11-20T10:00:00+08:00") });
  const unit = (input: Record<string, unknown>) => createUnit(server, input);
  city = await unit({ code: "S-CITY", name: "抽样市人民检察院", kind: "OFFICE", level: "CITY" });
  const dept = (code: string, name: string, category: string, businessLine: string | null, parent: string, level = "CITY") =>
    unit({ code, name, kind: "DEPARTMENT", level, category, businessLine, parent });
  cityDepts = {
    AG: await dept("S-CITY-AG", "案件管理部", "BUSINESS", "案管", city),
    GS: await dept("S-CITY-GS", "第一检察部", "BUSINESS", "公诉", city),
    ZJ: await dept("S-CITY-ZJ", "第二检察部", "BUSINESS", "侦查监督", city),
    BGS: await dept("S-CITY-BGS", "办公室", "COMPREHENSIVE", null, city),
    ZZB: await dept("S-CITY-ZZB", "政治部", "COMPREHENSIVE", null, city),
  };
  basics = [
    await unit({ code: "S-B1", name: "东城区人民检察院", kind: "OFFICE", level: "BASIC", parent: city }),
    await unit({ code: "S-B2", name: "西城区人民检察院", kind: "OFFICE", level: "BASIC", parent: city }),
  ];
  basicDepts = {};
  for (const [k, b] of basics.entries()) {
    basicDepts[`B${k + 1}-AG`] = await dept(`S-B${k + 1}-AG`, "案件管理部", "BUSINESS", "案管", b, "BASIC");
    basicDepts[`B${k + 1}-GS`] = await dept(`S-B${k + 1}-GS`, "第一检察部", "BUSINESS", "公诉", b, "BASIC");
    basicDepts[`B${k + 1}-ZJ`] = await dept(`S-B${k + 1}-ZJ`, "第二检察部", "BUSINESS", "侦查监督", b, "BASIC");
    basicDepts[`B${k + 1}-BGS`] = await dept(`S-B${k + 1}-BGS`, "办公室", "COMPREHENSIVE", null, b, "BASIC");
  }
  supervisor = await createPerson(server, { name: "钱监管", unit: cityDepts.AG, position: "PROSECUTOR", supervisorKind: "CASE_MANAGEMENT" });
  handler = await createPerson(server, { name: "孙承办", unit: basicDepts["B1-GS"], position: "PROSECUTOR" });

  city2 = await unit({ code: "S2-CITY", name: "北岭市人民检察院", kind: "OFFICE", level: "CITY" });
  await dept("S2-CITY-AG", "案件管理部", "BUSINESS", "案管", city2);
  await dept("S2-CITY-GS", "第一检察部", "BUSINESS", "公诉", city2);
  await dept("S2-CITY-BGS", "办公室", "COMPREHENSIVE", null, city2);
  city2Basics = [];
  for (const k of [1, 2, 3, 4]) city2Basics.push(await unit({ code: `S2-B${k}`, name: `北岭第${k}区人民检察院`, kind: "OFFICE", level: "BASIC", parent: city2 }));

  headB1 = await signInAs(server, "UNIT_HEAD", basics[0]!);
  headC2Basic = await signInAs(server, "UNIT_HEAD", city2Basics[0]!);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

// ---------------------------------------------------------------------------------------------
// The pure algorithm
// ---------------------------------------------------------------------------------------------

const cu = (id: number, code: string, businessLine: string | null = null): CandidateUnit => ({ id, code, path: `/${id}/`, name: code, businessLine });
function universe(): SamplingUniverse {
  return {
    CITY_BUSINESS: [cu(1, "C-AG", "案管"), cu(2, "C-GS", "公诉"), cu(3, "C-ZJ", "侦查监督"), cu(4, "C-MX", "民行")],
    CITY_COMPREHENSIVE: [cu(5, "C-BGS"), cu(6, "C-ZZB")],
    BASIC_OFFICE: [cu(7, "B1"), cu(8, "B2"), cu(9, "B3")],
    basicDepartments: new Map([
      [7, [cu(71, "B1-GS", "公诉"), cu(72, "B1-AG", "案管"), cu(73, "B1-ZJ", "侦查监督"), cu(74, "B1-MX", "民行"), cu(75, "B1-BGS")]],
      [8, [cu(81, "B2-GS", "公诉"), cu(82, "B2-AG", "案管"), cu(83, "B2-ZJ", "侦查监督"), cu(84, "B2-MX", "民行")]],
      [9, [cu(91, "B3-GS", "公诉"), cu(92, "B3-AG", "案管"), cu(93, "B3-ZJ", "侦查监督"), cu(94, "B3-MX", "民行")]],
    ]),
  };
}

describe("the draw algorithm (sv-sampling/1)", () => {
  it("gives the same picks for the same seed, units and history", () => {
    const history = new Map([[7, 1], [1, 1]]);
    const first = drawPicks(universe(), history, "seed-42");
    const again = drawPicks(universe(), new Map(history), "seed-42");
    expect(again).toEqual(first);
    expect(first.map((p) => p.role)).toEqual(["CITY_BUSINESS", "CITY_BUSINESS", "CITY_COMPREHENSIVE", "BASIC_OFFICE", "BASIC_DEPARTMENT", "BASIC_DEPARTMENT"]);
    expect(first.map((p) => p.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("lets the seed decide among units equally far below their quota", () => {
    const outcomes = new Set<string>();
    for (let k = 0; k < 20; k++) outcomes.add(drawPicks(universe(), new Map(), `s${k}`).map((p) => p.unit.code).join(","));
    expect(outcomes.size).toBeGreaterThan(1);
    expect(randomKey("a", "B1")).toMatch(/^[0-9a-f]{16}$/);
    expect(randomKey("a", "B1")).not.toBe(randomKey("b", "B1"));
  });

  it("prefers the units furthest below their yearly quota whatever the seed", () => {
    // B1 and B2 drawn twice, B3 once: B3 (deficit 2) comes first; C-AG, C-GS, C-ZJ drawn, C-MX not.
    const history = new Map([[7, 2], [8, 2], [9, 1], [1, 1], [2, 1], [3, 1], [5, 1]]);
    for (let k = 0; k < 10; k++) {
      const picks = drawPicks(universe(), history, `pref-${k}`);
      expect(picks.find((p) => p.role === "BASIC_OFFICE")!.unit.code).toBe("B3");
      expect(picks.filter((p) => p.role === "CITY_BUSINESS").map((p) => p.unit.code)).toContain("C-MX");
      expect(picks.find((p) => p.role === "CITY_COMPREHENSIVE")!.unit.code).toBe("C-ZZB");
    }
    const ordered = orderCandidates("BASIC_OFFICE", universe().BASIC_OFFICE, history, "x");
    expect(ordered.map((c) => [c.unit.code, c.deficit])).toEqual([["B3", 2], ...ordered.slice(1).map((c) => [c.unit.code, 1])]);
  });

  it("assesses the drawn basic office's departments of the drawn business lines, and only those", () => {
    const picks = drawPicks(universe(), new Map(), "lines");
    const lines = picks.filter((p) => p.role === "CITY_BUSINESS").map((p) => p.unit.businessLine);
    const office = picks.find((p) => p.role === "BASIC_OFFICE")!.unit;
    const departments = picks.filter((p) => p.role === "BASIC_DEPARTMENT").map((p) => p.unit);
    expect(departments).toHaveLength(2);
    for (const d of departments) {
      expect(lines).toContain(d.businessLine);
      expect(Math.floor(d.id / 10)).toBe(office.id);
    }
  });

  it("projects the shortfall of the best schedule, per unit", () => {
    const u = universe();
    u.BASIC_OFFICE.push(cu(10, "B4"));
    const { groups, units } = projectQuotas(u, new Map(), 6);
    const basic = groups.find((g) => g.role === "BASIC_OFFICE")!;
    expect(basic).toMatchObject({ units: 4, perUnit: 3, required: 12, needed: 12, capacity: 6, shortfall: 6 });
    expect(units.filter((x) => x.role === "BASIC_OFFICE").map((x) => x.shortfall)).toEqual([1, 1, 2, 2]);
    // One draw a round at most: an office needing 3 with 2 rounds left falls short by 1 even with room to spare.
    const late = projectQuotas(universe(), new Map([[7, 0], [8, 3], [9, 3]]), 2);
    expect(late.units.find((x) => x.unit.code === "B1")!.shortfall).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------

describe("drawSamplingRound refusals", () => {
  it("refuses nobody with UNAUTHENTICATED and a unit head or viewer with FORBIDDEN, writing nothing", async () => {
    const viewer = await signInAs(server, "VIEWER", city);
    const before = await dataSnapshot(server);
    expect((await draw({ round: 1 }, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await draw({ round: 1 }, headB1)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await draw({ round: 1 }, viewer)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await countRounds()).toBe(0);
    expect(await dataSnapshot(server)).toEqual(before);
  });

  it.each([
    ["year", { round: 1, year: 1999 }],
    ["round", { round: 0 }],
    ["round", { round: 7 }],
    ["round", { round: 2 }],
    ["rounds", { round: 1, rounds: 0 }],
    ["seed", { round: 1, seed: "two words" }],
    ["office", { round: 1, office: "not-an-id" }],
    ["compareWith", { round: 1, compareWith: "bm90LWEtcm91bmQ" }],
  ])("names %s in BAD_USER_INPUT and writes nothing", async (field, input) => {
    const before = await dataSnapshot(server);
    const res = await draw(input);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await countRounds()).toBe(0);
    expect(await countPicks()).toBe(0);
    expect(await dataSnapshot(server)).toEqual(before);
  });

  it("refuses a unit that is not a city office, naming office", async () => {
    const res = await draw({ round: 1, office: basics[0] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "office" });
    expect(await countRounds()).toBe(0);
  });
});

describe("drawing rounds", () => {
  let first: Round;

  it("draws 2 business and 1 comprehensive city departments, 1 basic office and its departments of the same lines, storing seed and algorithm", async () => {
    const since = await lastJournalSeq(server);
    const res = await draw({ round: 1, seed: "alpha-2026" });
    expect(res.errors).toBeUndefined();
    first = res.data!.drawSamplingRound;
    expect(first).toMatchObject({ year: YEAR, round: 1, seed: "alpha-2026", algorithm: SAMPLING_ALGORITHM, office: { id: city }, comparedWith: null });
    const roles = first.picks.map((p) => p.role);
    expect(roles.filter((r) => r === "CITY_BUSINESS")).toHaveLength(2);
    expect(roles.filter((r) => r === "CITY_COMPREHENSIVE")).toHaveLength(1);
    expect(roles.filter((r) => r === "BASIC_OFFICE")).toHaveLength(1);
    const office = first.picks.find((p) => p.role === "BASIC_OFFICE")!.unit!.code;
    const lines = first.picks.filter((p) => p.role === "CITY_BUSINESS").map((p) => p.unit!.code.replace("S-CITY-", ""));
    expect(first.picks.filter((p) => p.role === "BASIC_DEPARTMENT").map((p) => p.unit!.code)).toEqual(lines.map((l) => `${office}-${l}`).sort());
    const journal = await journalSince(server, since);
    expect(journal.edges.map((e) => [e.node.action, e.node.entity])).toEqual([["drawSamplingRound", "SamplingRound"]]);
  });

  it("re-draws round 1 from its stored seed and gets the stored picks", async () => {
    const res = await server.gql<{ previewSamplingRound: { seed: string; algorithm: string; picks: Pick[] } }>(PREVIEW, { year: YEAR, round: 1, seed: first.seed, office: city });
    expect(res.errors).toBeUndefined();
    expect(res.data!.previewSamplingRound).toEqual({ seed: first.seed, algorithm: first.algorithm, picks: first.picks });
    // The same through node(id): what is stored is what the re-draw gives.
    const node = await server.ok<{ node: Round }>(`query($id: ID!) { node(id: $id) { ... on SamplingRound { ${ROUND} } } }`, { id: first.id });
    expect(node.node.picks).toEqual(first.picks);
  });

  it("refuses to draw a round twice, naming round, and writes nothing", async () => {
    const before = await dataSnapshot(server);
    const res = await draw({ round: 1, seed: "again" });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "round" });
    expect(await countRounds()).toBe(1);
    expect(await dataSnapshot(server)).toEqual(before);
  });

  it("meets every quota over six rounds by preferring the units furthest below it", async () => {
    for (const round of [2, 3, 4, 5]) expect((await draw({ round })).errors).toBeUndefined();
    const last = await draw({ round: 6, compareWith: first.id });
    expect(last.errors).toBeUndefined();
    const sixth = last.data!.drawSamplingRound;
    expect(sixth.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(sixth.comparedWith).toEqual({ id: first.id, round: 1 });
    const plan = (await server.ok<{ samplingPlan: any }>(PLAN, { year: YEAR, office: city })).samplingPlan;
    expect(plan).toMatchObject({ rounds: 6, roundsDrawn: 6, roundsRemaining: 0, nextRound: null, feasible: true, problems: [] });
    const drawn = Object.fromEntries(plan.units.map((u: any) => [u.unit.code, u.drawn]));
    expect(drawn["S-B1"]).toBe(3);
    expect(drawn["S-B2"]).toBe(3);
    for (const code of ["S-CITY-AG", "S-CITY-GS", "S-CITY-ZJ", "S-CITY-BGS", "S-CITY-ZZB"]) expect(drawn[code]).toBeGreaterThanOrEqual(1);
    expect(plan.units.every((u: any) => u.deficit === 0 && u.feasible)).toBe(true);
  });

  it("refuses a seventh round of six, naming round", async () => {
    const res = await draw({ round: 7 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "round" });
    expect(await countRounds()).toBe(6);
  });
});

describe("samplingPlan", () => {
  it("reports an infeasible plan with the numbers and the units that fall short", async () => {
    const plan = (await server.ok<{ samplingPlan: any }>(PLAN, { year: YEAR, office: city2 })).samplingPlan;
    expect(plan).toMatchObject({ rounds: 6, roundsDrawn: 0, roundsRemaining: 6, nextRound: 1, feasible: false });
    expect(plan.groups.find((g: any) => g.role === "BASIC_OFFICE")).toEqual({
      role: "BASIC_OFFICE",
      units: 4,
      perUnit: 3,
      perRound: 1,
      required: 12,
      met: 0,
      needed: 12,
      capacity: 6,
      shortfall: 6,
    });
    const short = plan.units.filter((u: any) => u.role === "BASIC_OFFICE").map((u: any) => [u.unit.code, u.shortfall, u.feasible]);
    expect(short).toEqual([["S2-B1", 1, false], ["S2-B2", 1, false], ["S2-B3", 2, false], ["S2-B4", 2, false]]);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).toContain("4 × 3 = 12");
    expect(plan.problems[0]).toContain("short by 6");
    expect(plan.problems[0]).toContain("北岭第3区人民检察院 short by 2");
    // City departments fit: 2 business need 2 of 12 places, 1 comprehensive 1 of 6.
    expect(plan.groups.filter((g: any) => g.role !== "BASIC_OFFICE").every((g: any) => g.shortfall === 0)).toBe(true);
  });

  it("is feasible when enough rounds are configured", async () => {
    const plan = (await server.ok<{ samplingPlan: any }>(PLAN, { year: YEAR, office: city2, rounds: 12 })).samplingPlan;
    expect(plan).toMatchObject({ feasible: true, problems: [] });
  });

  it("says when a round cannot be drawn at all", async () => {
    const lone = await createUnit(server, { code: "S3-CITY", name: "南湖市人民检察院", kind: "OFFICE", level: "CITY" });
    const plan = (await server.ok<{ samplingPlan: any }>(PLAN, { year: YEAR, office: lone })).samplingPlan;
    expect(plan.feasible).toBe(false);
    expect(plan.problems.join(" ")).toContain("the office has 0");
    expect((await draw({ office: lone, round: 1 })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "office" });
  });

  it("names the rounds argument when out of range", async () => {
    const res = await server.gql(PLAN, { year: YEAR, office: city, rounds: 99 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "rounds" });
  });
});

describe("findings of a round and compareSamplingRounds", () => {
  let rounds: Round[];

  const record = (overrides: Record<string, unknown>) =>
    server.gql<{ recordFinding: { id: string; status: string } }>(RECORD_FINDING, {
      input: findingInput({ basicProsecution: basicDepts["B1-GS"]!, handler, supervisor }, { source: "SAMPLING", deadline: "2026-12-20", ...overrides }),
    });

  beforeAll(async () => {
    rounds = (await server.ok<{ samplingRounds: { edges: { node: Round }[] } }>(ROUNDS, { filter: { office: city, year: YEAR } })).samplingRounds.edges.map((e) => e.node);
  });

  /** The first round that drew this unit (through a pick of the unit or of an office above it). */
  const roundDrawing = (unitId: string, after = 0) =>
    rounds.find((r) => r.round > after && r.picks.some((p) => p.unit?.id === unitId || (p.role === "BASIC_OFFICE" && p.unit?.id === basics[0])))!;

  it("links a finding to a round only with source SAMPLING and a unit the round drew", async () => {
    const notB1 = rounds.find((r) => !r.picks.some((p) => p.unit?.id === basics[0]))!;
    const before = await dataSnapshot(server);
    const wrongUnit = await record({ samplingRound: notB1.id });
    expect(wrongUnit.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "samplingRound" });
    const wrongSource = await record({ samplingRound: roundDrawing(basicDepts["B1-GS"]!).id, source: "PROCESS_MONITORING" });
    expect(wrongSource.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "source" });
    expect(await dataSnapshot(server)).toEqual(before);
  });

  it("lists the earlier round's problems, which are resolved and which recurred in the later round", async () => {
    const earlier = roundDrawing(basicDepts["B1-GS"]!);
    const later = roundDrawing(basicDepts["B1-GS"]!, earlier.round);
    const fixed = (await record({ samplingRound: earlier.id, category: "LEGAL_DOCUMENTS" })).data!.recordFinding;
    const open = (await record({ samplingRound: earlier.id, category: "CASE_PROCEDURE", title: "超期羁押未及时变更强制措施" })).data!.recordFinding;
    await server.ok(MUTATIONS.startRectification, { input: { id: fixed.id } });
    await server.ok(MUTATIONS.submitRectification, { input: { id: fixed.id } });
    await server.ok(MUTATIONS.verifyRectification, { input: { id: fixed.id, verifier: supervisor } });
    const again = (await record({ samplingRound: later.id, category: "CASE_PROCEDURE", title: "羁押期限仍未及时审查" })).data!.recordFinding;

    const res = await server.ok<{ compareSamplingRounds: any }>(COMPARE, { a: later.id, b: earlier.id });
    const c = res.compareSamplingRounds;
    expect(c.earlier.round).toBe(earlier.round);
    expect(c.later.round).toBe(later.round);
    expect(c.resolved).toBe(1);
    expect(c.unresolved).toBe(1);
    expect(c.items.map((i: any) => [i.finding.id, i.resolved, i.recurred])).toEqual([
      [fixed.id, true, false],
      [open.id, false, true],
    ]);
    expect(c.laterFindings.map((f: any) => f.id)).toEqual([again.id]);
    const findings = await server.ok<{ node: { findings: { id: string }[] } }>(`query($id: ID!) { node(id: $id) { ... on SamplingRound { findings { id } } } }`, { id: earlier.id });
    expect(findings.node.findings.map((f) => f.id)).toEqual([fixed.id, open.id]);
  });

  it("refuses to compare a round with itself or with another office's round, naming b", async () => {
    expect((await server.gql(COMPARE, { a: rounds[0]!.id, b: rounds[0]!.id })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "b" });
    const other = (await draw({ office: city2, round: 1, seed: "north" })).data!.drawSamplingRound;
    expect((await server.gql(COMPARE, { a: rounds[0]!.id, b: other.id })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "b" });
  });
});

describe("scope", () => {
  it("shows a unit head of another city's office nothing of this city's rounds", async () => {
    const list = await server.ok<{ samplingRounds: { totalCount: number; edges: { node: Round }[] } }>(ROUNDS, {}, headC2Basic);
    for (const e of list.samplingRounds.edges) expect(e.node.office).toBeNull();
    const cityRounds = (await server.ok<{ samplingRounds: { edges: { node: Round }[] } }>(ROUNDS, { filter: { office: city } })).samplingRounds.edges.map((e) => e.node);
    const visibleIds = list.samplingRounds.edges.map((e) => e.node.id);
    for (const r of cityRounds) {
      expect(visibleIds).not.toContain(r.id);
      const node = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: r.id }, headC2Basic);
      expect(node.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    expect((await server.gql(COMPARE, { a: cityRounds[0]!.id, b: cityRounds[1]!.id }, headC2Basic)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await server.gql(PLAN, { year: YEAR, office: city }, headC2Basic)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await server.gql(PREVIEW, { year: YEAR, round: 1, seed: "x", office: city }, headC2Basic)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("shows a basic office's head the rounds that drew their office, with only their own picks", async () => {
    const all = (await server.ok<{ samplingRounds: { edges: { node: Round }[] } }>(ROUNDS, { filter: { office: city } })).samplingRounds.edges.map((e) => e.node);
    const drewB1 = all.filter((r) => r.picks.some((p) => p.unit?.id === basics[0]));
    expect(drewB1.length).toBe(3);
    const mine = (await server.ok<{ samplingRounds: { totalCount: number; edges: { node: Round }[] } }>(ROUNDS, {}, headB1)).samplingRounds;
    expect(mine.totalCount).toBe(3);
    expect(mine.edges.map((e) => e.node.id)).toEqual(drewB1.map((r) => r.id));
    const ownCodes = new Set(["S-B1", ...Object.keys(basicDepts).filter((k) => k.startsWith("B1-")).map((k) => `S-${k}`)]);
    for (const e of mine.edges) {
      expect(e.node.office).toBeNull();
      expect(e.node.picks.length).toBeGreaterThan(0);
      for (const p of e.node.picks) expect(ownCodes.has(p.unit!.code)).toBe(true);
    }
  });

  it("refuses a plan without an office for a viewer who sees several city offices, naming office", async () => {
    const res = await server.gql(PLAN, { year: YEAR });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "office" });
  });
});
