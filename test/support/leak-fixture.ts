import { mulberry32 } from "../../db/demo/random.js";
/**
 * Leak-test fixture: a generated jurisdiction (several top offices, depth ≥ 3), generated findings
 * in every status, accountability actions, bulletins (published and drafts), and one identity for
 * every role at various scope units, plus display and system tokens and an anonymous caller.
 *
 * Everything is built from one printed seed (LEAK_SEED replays it) through the server's own service
 * functions, in one outer transaction (each service's transaction becomes a savepoint). Only the
 * logins go over HTTP, once each.
 */
import type { Db } from "../../db/client.js";
import { createApiToken, createUser } from "../../server/auth/auth.service.js";
import { internalContext, type Context } from "../../server/context.js";
import { recordAccountabilityAction } from "../../server/accountability/accountability.service.js";
import { createBulletin, publishBulletin } from "../../server/bulletins/bulletins.service.js";
import {
  addMeasure,
  assignResponsibility,
  completeMeasure,
  recordFinding,
  rejectRectification,
  startRectification,
  submitRectification,
  verifyRectification,
  withdrawFinding,
} from "../../server/findings/findings.workflow.js";
import { createPerson } from "../../server/people/people.service.js";
import { createUnit } from "../../server/units/units.service.js";
import { drawSamplingRound } from "../../server/sampling/sampling.service.js";
import { selectRoundPicksUnscoped } from "../../server/sampling/sampling.queries.js";
import { addSupervisionFeedback, closeSupervisionItem, issueSupervisionNotice, openSupervisionItem } from "../../server/supervision/supervision.service.js";
import { addPlanFindings, addPlanMilestone, closePlan, completePlanMilestone, createPlan } from "../../server/plans/plans.service.js";
import { startTestServer, type Credentials, type TestServer } from "./server.js";

/** A fixed "now" (10:00 in Shanghai), so deadlines fall on both sides of today. */
export const LEAK_NOW = new Date("2026-03-16T02:00:00Z");

/** Opaque Relay id, computed here rather than borrowed from the server. */
export function gid(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`).toString("base64url");
}

export function rowIdOf(globalId: string): number {
  const m = /^[A-Za-z]+:(\d+)$/.exec(Buffer.from(globalId, "base64url").toString("utf8"));
  if (!m) throw new Error(`not a global id: ${globalId}`);
  return Number(m[1]);
}

/** mulberry32: small, fast, and the same everywhere. */
export function prng(seed: number) {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => {
    if (!xs.length) throw new Error("pick from an empty list");
    return xs[Math.floor(next() * xs.length)]!;
  };
  const chance = (p: number) => next() < p;
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, pick, chance, shuffle };
}
export type Rng = ReturnType<typeof prng>;

/** What the oracle needs to know about an identity; it derives the visible units itself, in SQL. */
export interface ViewerSpec {
  name: string;
  kind: "ADMIN" | "SUPERVISOR" | "LINE_SUPERVISOR" | "UNIT_HEAD" | "VIEWER" | "DISPLAY" | "SYSTEM_READ" | "SYSTEM_WRITE" | "ANONYMOUS";
  /** Scope unit's row id (none for ADMIN and anonymous). */
  scopeUnitId: number | null;
  businessLine: string | null;
  as: Credentials;
}

export interface FixtureUnit {
  id: number;
  gid: string;
  kind: "OFFICE" | "DEPARTMENT";
  level: "CITY" | "BASIC";
  businessLine: string | null;
  parent: FixtureUnit | null;
  /** Ancestors' ids and own id, root first: the path is "/" + ids.join("/") + "/". */
  ids: number[];
  people: number[];
}

export interface LeakFixture {
  server: TestServer;
  seed: number;
  viewers: ViewerSpec[];
  units: FixtureUnit[];
  rng: Rng;
  counts: Record<string, number>;
  /** Sampling rounds, supervision items and plans the fixture made (the oracle reads them from the tables). */
  processes: {
    rounds: { id: number; gid: string; office: FixtureUnit; year: number; round: number }[];
    items: { gid: string; unit: FixtureUnit; open: boolean; version: number }[];
    plans: { gid: string; unit: FixtureUnit; active: boolean }[];
  };
  buildMs: number;
}

export const BUSINESS_LINES = ["公诉", "侦查监督", "案件管理", "民事行政", "未成年人检察"] as const;

export function leakSeed(): number {
  const env = process.env.LEAK_SEED;
  if (env && /^\d+$/.test(env)) return Number(env);
  return Math.floor(Math.random() * 2 ** 31);
}

const PASSWORD = "leak-test-password-1";

/** Signs in over HTTP (the server keeps idle connections 65 s, so a long build cannot strand one). */
function login(server: TestServer, username: string): Promise<string> {
  return server.login(username, PASSWORD);
}

/** Fresh context per call: DataLoaders cache what they read and every call writes. */
function ctxOf(db: Db, server: TestServer, label: string, personId: number | null = null): Context {
  const ctx = internalContext(db, server.clock, label);
  ctx.actor = { label: `system:${label}`, personId };
  return ctx;
}

const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (ymd: string, n: number) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Starts a test server and builds the generated jurisdiction in it. */
export async function buildLeakFixture(options: { seed?: number; findings?: [number, number] } = {}): Promise<LeakFixture> {
  const seed = options.seed ?? leakSeed();
  console.log(`leak fixture: seed ${seed} (replay with LEAK_SEED=${seed})`);
  const rng = prng(seed);
  const started = Date.now();
  const server = await startTestServer({ now: LEAK_NOW });
  const units: FixtureUnit[] = [];
  const counts: Record<string, number> = {
    findings: 0, measures: 0, responsibilities: 0, actions: 0, bulletins: 0, published: 0,
    rounds: 0, roundFindings: 0, items: 0, feedback: 0, notices: 0, noticeFindings: 0, plans: 0, planFindings: 0, milestones: 0,
  };
  const processes: LeakFixture["processes"] = { rounds: [], items: [], plans: [] };
  const [minFindings, maxFindings] = options.findings ?? [150, 210];

  await server.database.db.transaction(async (tx) => {
    let codeNo = 0;
    const createUnitRow = async (
      parent: FixtureUnit | null,
      kind: FixtureUnit["kind"],
      level: FixtureUnit["level"],
      name: string,
      businessLine: string | null,
      sortOrder: number,
      category: "BUSINESS" | "COMPREHENSIVE" | null = kind === "DEPARTMENT" ? "BUSINESS" : null,
    ) => {
      const u = await createUnit(ctxOf(tx, server, "leak"), {
        code: `LK-${++codeNo}`,
        name,
        kind,
        level,
        category,
        businessLine,
        parent: parent?.gid ?? null,
        sortOrder,
      } as never);
      const id = rowIdOf(u.id);
      const unit: FixtureUnit = { id, gid: u.id, kind, level, businessLine, parent, ids: [...(parent?.ids ?? []), id], people: [] };
      units.push(unit);
      return unit;
    };
    const mkUnit = (parent: FixtureUnit | null, kind: FixtureUnit["kind"], level: FixtureUnit["level"], name: string, businessLine: string | null) =>
      createUnitRow(parent, kind, level, name, businessLine, rng.int(0, 5));
    const lineOf = () => (rng.chance(0.85) ? rng.pick(BUSINESS_LINES) : null);

    // The tree: cities, their departments and basic offices, the basic offices' departments, some teams.
    const cityCount = rng.int(2, 3);
    for (let c = 0; c < cityCount; c++) {
      const city = await mkUnit(null, "OFFICE", "CITY", `第${c + 1}市人民检察院`, null);
      for (let d = 0, n = rng.int(2, 3); d < n; d++) await mkUnit(city, "DEPARTMENT", "CITY", `市院第${d + 1}部`, lineOf());
      for (let b = 0, nb = rng.int(2, 3); b < nb; b++) {
        const basic = await mkUnit(city, "OFFICE", "BASIC", `第${c + 1}市第${b + 1}区院`, null);
        for (let d = 0, nd = rng.int(2, 3); d < nd; d++) {
          const dept = await mkUnit(basic, "DEPARTMENT", "BASIC", `区院第${d + 1}部`, lineOf());
          if (rng.chance(0.3)) await mkUnit(dept, "DEPARTMENT", "BASIC", `第${d + 1}部办案组`, rng.chance(0.5) ? lineOf() : null);
        }
      }
    }

    // People: 2–4 per unit, the first its head.
    const positions = ["LEADER", "DEPT_HEAD", "PROSECUTOR", "ASSISTANT", "CLERK"] as const;
    let personNo = 0;
    for (const unit of units) {
      for (let i = 0, n = rng.int(2, 4); i < n; i++) {
        const p = await createPerson(ctxOf(tx, server, "leak"), {
          name: `人员${++personNo}`,
          unit: unit.gid,
          position: i === 0 ? (unit.kind === "OFFICE" ? "LEADER" : "DEPT_HEAD") : rng.pick(positions.slice(2)),
          supervisorKind: rng.chance(0.15) ? rng.pick(["CASE_MANAGEMENT", "BUSINESS"]) : null,
          head: i === 0 && rng.chance(0.9),
        } as never);
        unit.people.push(rowIdOf(p.id));
      }
    }
    const allPeople = units.flatMap((u) => u.people);
    const subtreeOf = (u: FixtureUnit) => units.filter((x) => x.ids.includes(u.id));
    const peopleUnder = (u: FixtureUnit) => subtreeOf(u).flatMap((x) => x.people);

    // Findings, each driven through the workflow to a target status.
    const findingIds: { id: number; unit: FixtureUnit; status: string }[] = [];
    const nFindings = rng.int(minFindings, maxFindings);
    for (let i = 0; i < nFindings; i++) {
      const unit = rng.chance(0.8) ? rng.pick(units.filter((u) => u.kind === "DEPARTMENT")) : rng.pick(units);
      const handler = rng.chance(0.9) ? rng.pick(rng.chance(0.8) ? unit.people : peopleUnder(unit)) : null;
      const foundAt = new Date(LEAK_NOW.getTime() - rng.int(1, 90) * 86_400_000 - rng.int(0, 86_000) * 1000);
      const deadline = plusDays(day(foundAt), rng.int(0, 100));
      const repeatOf = findingIds.length && rng.chance(0.1) ? rng.pick(findingIds).id : null;
      const f = await recordFinding(ctxOf(tx, server, "leak"), {
        title: `问题${i + 1}`,
        description: `第${i + 1}个生成的问题`,
        unit: unit.gid,
        handler: handler ? gid("Person", handler) : null,
        caseRef: rng.chance(0.7) ? `检〔2026〕${i + 1}号` : null,
        category: rng.pick(["CASE_PROCEDURE", "LEGAL_DOCUMENTS", "CASE_INFORMATION", "CONDUCT_DISCIPLINE"]),
        severity: rng.pick(["FLAW", "IRREGULAR", "UNQUALIFIED"]),
        source: rng.pick(["PROCESS_MONITORING", "SAMPLING", "QUALITY_REVIEW", "SUPERVISION"]),
        rectificationClass: rng.pick(["IMMEDIATE", "GRADUAL", "ESCALATE"]),
        deadline,
        foundAt,
        foundBy: rng.chance(0.85) ? gid("Person", rng.pick(allPeople)) : null,
        repeatOf: repeatOf ? gid("Finding", repeatOf) : null,
      } as never);
      counts.findings!++;
      const fid = f.id;
      const step = <T>(fn: (ctx: Context, input: never) => Promise<T>, input: Record<string, unknown>) => fn(ctxOf(tx, server, "leak"), { id: fid, ...input } as never);
      const target = rng.pick(["OPEN", "OPEN", "RECTIFYING", "RECTIFYING", "SUBMITTED", "VERIFIED", "VERIFIED", "WITHDRAWN"]);
      const measures: string[] = [];
      const someone = () => gid("Person", rng.chance(0.6) ? rng.pick(unit.people) : rng.pick(allPeople));
      const measure = async () => {
        const m = await step(addMeasure, { text: "整改措施", owner: rng.chance(0.9) ? someone() : null, due: plusDays(day(foundAt), rng.int(0, 60)) });
        measures.push(m.id);
        counts.measures!++;
      };
      const responsibility = async () => {
        await step(assignResponsibility, rng.chance(0.6)
          ? { tier: rng.pick(["PRIMARY", "MAIN", "DIRECT"]), person: someone() }
          : { tier: rng.pick(["PRIMARY", "MAIN", "DIRECT"]), unit: gid("Unit", rng.chance(0.5) ? unit.id : rng.pick(units).id) });
        counts.responsibilities!++;
      };
      if (rng.chance(0.5)) await measure();
      if (rng.chance(0.25)) await responsibility();
      let status = "OPEN";
      if (target !== "OPEN" && !(target === "WITHDRAWN" && rng.chance(0.4))) {
        await step(startRectification, {});
        status = "RECTIFYING";
        if (rng.chance(0.5)) await measure();
        if (measures.length && rng.chance(0.5)) await completeMeasure(ctxOf(tx, server, "leak"), { measure: rng.pick(measures) } as never);
        if (target === "SUBMITTED" || target === "VERIFIED" || (target === "WITHDRAWN" && rng.chance(0.5))) {
          await step(submitRectification, {});
          status = "SUBMITTED";
          if (rng.chance(0.3)) {
            await step(rejectRectification, { reason: "整改不到位" });
            await step(submitRectification, {});
          }
          if (rng.chance(0.2)) await responsibility();
          if (target === "VERIFIED") {
            const verifier = rng.pick(allPeople.filter((p) => p !== (handler ?? -1)));
            await step(verifyRectification, { verifier: gid("Person", verifier) });
            status = "VERIFIED";
          }
        }
      }
      if (target === "WITHDRAWN") {
        await step(withdrawFinding, { reason: "重复记录" });
        status = "WITHDRAWN";
      }
      findingIds.push({ id: rowIdOf(fid), unit, status });
    }

    // Accountability actions: against a person or a unit, for findings near or far from the target.
    const linkable = findingIds.filter((f) => f.status !== "WITHDRAWN");
    for (let i = 0, n = rng.int(15, 25); i < n; i++) {
      const targetUnit = rng.pick(units);
      const near = linkable.filter((f) => f.unit.ids.includes(targetUnit.id));
      const chosen = new Set<number>();
      for (let k = 0, nk = rng.int(1, 3); k < nk; k++) chosen.add(rng.pick(near.length && rng.chance(0.6) ? near : linkable).id);
      const byPerson = targetUnit.people.length > 0 && rng.chance(0.6);
      await recordAccountabilityAction(ctxOf(tx, server, "leak"), {
        kind: rng.pick(["TALK", "ADMONISHMENT", "BULLETIN_CRITICISM"]),
        targetPerson: byPerson ? gid("Person", rng.pick(targetUnit.people)) : null,
        targetUnit: byPerson ? null : targetUnit.gid,
        findings: [...chosen].map((id) => gid("Finding", id)),
        reason: `问责${i + 1}`,
        decidedBy: rng.chance(0.8) ? gid("Person", rng.pick(allPeople)) : null,
        decidedOn: plusDays(day(LEAK_NOW), -rng.int(0, 60)),
      } as never);
      counts.actions!++;
    }

    // Bulletins from offices (and now and then a department), about findings in their jurisdiction.
    for (let i = 0, n = rng.int(12, 18); i < n; i++) {
      const unit = rng.chance(0.85) ? rng.pick(units.filter((u) => u.kind === "OFFICE")) : rng.pick(units);
      const inJurisdiction = findingIds.filter((f) => f.unit.ids.includes(unit.id));
      const items: Record<string, unknown>[] = [];
      for (const f of rng.shuffle(inJurisdiction).slice(0, rng.int(0, 4))) items.push({ kind: "CRITICISM", finding: gid("Finding", f.id) });
      if (!items.length || rng.chance(0.4)) items.push({ kind: "HIGHLIGHT", text: `亮点${i + 1}` });
      const b = await createBulletin(ctxOf(tx, server, "leak"), { unit: unit.gid, kind: rng.pick(["PROCESS_MONITORING", "SAMPLING_ASSESSMENT", "GOVERNANCE"]), title: `通报${i + 1}`, items } as never);
      counts.bulletins!++;
      if (rng.chance(0.65)) {
        await publishBulletin(ctxOf(tx, server, "leak", rng.pick(allPeople)), b.id);
        counts.published!++;
      }
    }

    // Sampling rounds, supervision items and improvement plans, from a random stream of their own so
    // everything above stays the same for a seed.
    await buildProcesses({ tx, server, rng: prng(seed ^ 0x51a7e), units, findingIds, allPeople, subtreeOf, counts, processes, mkUnit: createUnitRow });
  });

  // Identities: one login per role at various scope units, then the tokens.
  const cities = units.filter((u) => u.level === "CITY" && u.kind === "OFFICE");
  const basics = units.filter((u) => u.level === "BASIC" && u.kind === "OFFICE");
  const depts = units.filter((u) => u.kind === "DEPARTMENT");
  const linesUnder = (u: FixtureUnit) => [...new Set(units.filter((x) => x.ids.includes(u.id) && x.businessLine).map((x) => x.businessLine!))];
  const someLine = (u: FixtureUnit) => (linesUnder(u).length ? rng.pick(linesUnder(u)) : BUSINESS_LINES[0]);
  const absentLine = (u: FixtureUnit) => BUSINESS_LINES.find((l) => !linesUnder(u).includes(l)) ?? "无此条线";
  const users: { name: string; role: ViewerSpec["kind"]; unit: FixtureUnit; line?: string }[] = [
    { name: "sup-city", role: "SUPERVISOR", unit: cities[0]! },
    { name: "sup-basic", role: "SUPERVISOR", unit: rng.pick(basics) },
    { name: "line-city", role: "LINE_SUPERVISOR", unit: cities[0]!, line: someLine(cities[0]!) },
    { name: "line-city2", role: "LINE_SUPERVISOR", unit: cities[1]!, line: someLine(cities[1]!) },
    { name: "line-basic", role: "LINE_SUPERVISOR", unit: rng.pick(basics), line: "" },
    { name: "line-none", role: "LINE_SUPERVISOR", unit: rng.pick(basics), line: "" },
    { name: "head-dept", role: "UNIT_HEAD", unit: rng.pick(depts.filter((d) => d.level === "BASIC")) },
    { name: "head-basic", role: "UNIT_HEAD", unit: rng.pick(basics) },
    { name: "head-citydept", role: "UNIT_HEAD", unit: rng.pick(depts.filter((d) => d.level === "CITY")) },
    { name: "viewer-city", role: "VIEWER", unit: cities[1]! },
    { name: "viewer-deep", role: "VIEWER", unit: rng.pick(units.filter((u) => u.ids.length >= 3)) },
  ];
  users[4]!.line = someLine(users[4]!.unit);
  users[5]!.line = absentLine(users[5]!.unit);

  const viewers: ViewerSpec[] = [{ name: "admin", kind: "ADMIN", scopeUnitId: null, businessLine: null, as: { cookie: server.adminCookie } }];
  for (const u of users) {
    await createUser(ctxOf(server.database.db, server, "leak"), {
      username: u.name,
      password: PASSWORD,
      role: u.role as never,
      personId: u.unit.people[0] ?? null,
      scopeUnitId: u.unit.id,
      businessLine: u.line ?? null,
    });
    viewers.push({ name: u.name, kind: u.role, scopeUnitId: u.unit.id, businessLine: u.line ?? null, as: { cookie: await login(server, u.name) } });
  }
  const tokens: { name: string; kind: "DISPLAY" | "SYSTEM_READ" | "SYSTEM_WRITE"; unit: FixtureUnit }[] = [
    { name: "display-city", kind: "DISPLAY", unit: cities[0]! },
    { name: "display-basic", kind: "DISPLAY", unit: rng.pick(basics) },
    { name: "system-read-city", kind: "SYSTEM_READ", unit: cities[1]! },
    { name: "system-write-basic", kind: "SYSTEM_WRITE", unit: rng.pick(basics) },
    { name: "system-write-dept", kind: "SYSTEM_WRITE", unit: rng.pick(depts) },
  ];
  for (const t of tokens) {
    const { secret } = await createApiToken(ctxOf(server.database.db, server, "leak"), {
      name: t.name,
      kind: t.kind === "DISPLAY" ? "DISPLAY" : "SYSTEM",
      scopeUnitId: t.unit.id,
      canWrite: t.kind === "SYSTEM_WRITE",
    });
    viewers.push({ name: t.name, kind: t.kind, scopeUnitId: t.unit.id, businessLine: null, as: { bearer: secret } });
  }
  viewers.push({ name: "anonymous", kind: "ANONYMOUS", scopeUnitId: null, businessLine: null, as: {} });

  const buildMs = Date.now() - started;
  console.log(
    `leak fixture: ${units.length} units, ${units.reduce((n, u) => n + u.people.length, 0)} people, ${counts.findings} findings, ${counts.measures} measures, ` +
      `${counts.responsibilities} responsibilities, ${counts.actions} actions, ${counts.bulletins} bulletins (${counts.published} published), ` +
      `${counts.rounds} sampling rounds (${counts.roundFindings} findings), ${counts.items} supervision items (${counts.feedback} feedback, ${counts.notices} notices, ${counts.noticeFindings} findings), ` +
      `${counts.plans} plans (${counts.planFindings} findings, ${counts.milestones} milestones), ${viewers.length} viewers, built in ${buildMs} ms`,
  );
  return { server, seed, viewers, units, rng, counts, processes, buildMs };
}

type CreateUnitRow = (
  parent: FixtureUnit | null,
  kind: FixtureUnit["kind"],
  level: FixtureUnit["level"],
  name: string,
  businessLine: string | null,
  sortOrder: number,
  category?: "BUSINESS" | "COMPREHENSIVE" | null,
) => Promise<FixtureUnit>;

/**
 * 特别抽样评估 rounds (with findings linked to them), 检务督察 items (feedback, notices that open
 * findings, some closed) and 一院一策 plans (findings, milestones, some done, some closed), spread over
 * the generated tree. Everything through the services, inside the fixture's transaction.
 */
async function buildProcesses(a: {
  tx: Db;
  server: TestServer;
  rng: Rng;
  units: FixtureUnit[];
  findingIds: { id: number; unit: FixtureUnit; status: string }[];
  allPeople: number[];
  subtreeOf: (u: FixtureUnit) => FixtureUnit[];
  counts: Record<string, number>;
  processes: LeakFixture["processes"];
  mkUnit: CreateUnitRow;
}): Promise<void> {
  const { tx, server, rng, units, findingIds, allPeople, subtreeOf, counts, processes } = a;
  const today = day(LEAK_NOW);
  const ctx = (personId: number | null = null) => ctxOf(tx, server, "leak", personId);
  const somebody = () => (rng.chance(0.85) ? rng.pick(allPeople) : null);
  const enums = {
    category: ["CASE_PROCEDURE", "LEGAL_DOCUMENTS", "CASE_INFORMATION", "CONDUCT_DISCIPLINE"],
    severity: ["FLAW", "IRREGULAR", "UNQUALIFIED"],
    rectificationClass: ["IMMEDIATE", "GRADUAL", "ESCALATE"],
  } as const;

  // Sampling: a round needs 2 business and 1 comprehensive department under the city office and a
  // basic office; the generated tree has no comprehensive departments, so most cities get one.
  const cities = units.filter((u) => u.kind === "OFFICE" && u.level === "CITY");
  for (const [c, city] of cities.entries()) {
    if (c > 0 && !rng.chance(0.6)) continue;
    const dept = await a.mkUnit(city, "DEPARTMENT", "CITY", `市院综合部${c + 1}`, null, rng.int(0, 5), "COMPREHENSIVE");
    // Every unit has people (the head first), as in the tree above.
    for (let i = 0, n = rng.int(1, 2); i < n; i++) {
      const p = await createPerson(ctx(), { name: `综合部人员${c + 1}-${i + 1}`, unit: dept.gid, position: i === 0 ? "DEPT_HEAD" : "CLERK", head: i === 0 } as never);
      dept.people.push(rowIdOf(p.id));
      allPeople.push(rowIdOf(p.id));
    }
    const drawn: { id: number; gid: string }[] = [];
    for (let r = 1, n = rng.int(1, 3); r <= n; r++) {
      const round = await drawSamplingRound(ctx(somebody()), {
        office: city.gid,
        year: 2026,
        round: r,
        rounds: 6,
        seed: `lk-${c}-${r}-${rng.int(0, 9999)}`,
        compareWith: r > 1 && rng.chance(0.6) ? drawn[0]!.gid : null,
      } as never);
      const id = rowIdOf(round.id);
      drawn.push({ id, gid: round.id });
      processes.rounds.push({ id, gid: round.id, office: city, year: 2026, round: r });
      counts.rounds!++;
      // Problems the round found, in units it drew (a drawn office covers its departments).
      const picks = await selectRoundPicksUnscoped(tx, id);
      for (let k = 0, nk = rng.int(1, 4); k < nk; k++) {
        const pick = rng.pick(picks);
        const unit = rng.pick(units.filter((u) => u.ids.includes(pick.unitId)));
        const handler = unit.people.length && rng.chance(0.7) ? rng.pick(unit.people) : null;
        const foundAt = new Date(LEAK_NOW.getTime() - rng.int(1, 20) * 86_400_000);
        const f = await recordFinding(ctx(), {
          title: `抽样问题${r}-${k + 1}`,
          description: "特别抽样评估发现",
          unit: unit.gid,
          handler: handler === null ? null : gid("Person", handler),
          category: rng.pick(enums.category),
          severity: rng.pick(enums.severity),
          source: "SAMPLING",
          rectificationClass: rng.pick(enums.rectificationClass),
          deadline: plusDays(day(foundAt), rng.int(0, 40)),
          foundAt,
          samplingRound: round.id,
        } as never);
        counts.roundFindings!++;
        let status = "OPEN";
        if (rng.chance(0.5)) {
          await startRectification(ctx(), { id: f.id } as never);
          status = "RECTIFYING";
          if (rng.chance(0.5)) {
            await submitRectification(ctx(), { id: f.id } as never);
            await verifyRectification(ctx(), { id: f.id, verifier: gid("Person", rng.pick(allPeople.filter((p) => p !== handler))) } as never);
            status = "VERIFIED";
          }
        } else if (rng.chance(0.15)) {
          await withdrawFinding(ctx(), { id: f.id, reason: "抽样误记" } as never);
          status = "WITHDRAWN";
        }
        findingIds.push({ id: rowIdOf(f.id), unit, status });
      }
    }
  }

  // Supervision items on offices and departments all over the tree.
  for (let i = 0, n = rng.int(3, 5); i < n; i++) {
    const unit = rng.pick(units);
    const startedOn = plusDays(today, -rng.int(0, 45));
    const item = await openSupervisionItem(ctx(somebody()), {
      title: `督察事项${i + 1}`,
      source: rng.pick(["LEADER_ASSIGNED", "HIGHER_OFFICE", "COMPLAINT", "ROUTINE", "SPECIAL"]),
      requirements: "一周内办结并反馈",
      unit: unit.gid,
      startedOn,
      deadline: rng.chance(0.6) ? plusDays(startedOn, rng.int(0, 30)) : null,
    } as never);
    counts.items!++;
    for (let k = 0, nk = rng.int(0, 2); k < nk; k++) {
      await addSupervisionFeedback(ctx(somebody()), { item: item.id, text: `反馈${i + 1}-${k + 1}` } as never);
      counts.feedback!++;
    }
    for (let k = 0, nk = rng.chance(0.8) ? rng.int(1, 2) : 0; k < nk; k++) {
      const problems = [];
      for (let p = 0, np = rng.int(k === 0 ? 1 : 0, 3); p < np; p++) {
        const at = rng.chance(0.5) ? unit : rng.pick(subtreeOf(unit));
        problems.push({
          title: `督察问题${i + 1}-${k + 1}-${p + 1}`,
          description: "督察发现的问题",
          unit: at === unit && rng.chance(0.5) ? null : at.gid,
          handler: at.people.length && rng.chance(0.6) ? gid("Person", rng.pick(at.people)) : null,
          category: rng.pick(enums.category),
          severity: rng.pick(enums.severity),
          rectificationClass: rng.pick(enums.rectificationClass),
          deadline: plusDays(today, rng.int(0, 40)),
        });
      }
      await issueSupervisionNotice(ctx(somebody()), {
        item: item.id,
        kind: problems.length && rng.chance(0.6) ? "RECTIFICATION_NOTICE" : "SUGGESTION",
        text: `督察通知${i + 1}-${k + 1}`,
        problems,
      } as never);
      counts.notices!++;
      counts.noticeFindings! += problems.length;
    }
    const close = rng.chance(0.35);
    if (close) await closeSupervisionItem(ctx(somebody()), { id: item.id, version: item.version, summary: "已办结" } as never);
    processes.items.push({ gid: item.id, unit, open: !close, version: item.version + (close ? 1 : 0) });
  }

  // Improvement plans for units with findings below them.
  const candidates = units.filter((u) => findingIds.some((f) => f.status !== "WITHDRAWN" && f.unit.ids.includes(u.id)));
  for (let i = 0, n = rng.int(1, 3); i < n; i++) {
    const unit = rng.pick(candidates);
    const own = rng.shuffle(findingIds.filter((f) => f.status !== "WITHDRAWN" && f.unit.ids.includes(unit.id))).slice(0, rng.int(1, 6));
    const split = rng.int(1, own.length);
    const startsOn = plusDays(today, -rng.int(0, 90));
    const endsOn = plusDays(today, rng.int(10, 200));
    const owner = () => (rng.chance(0.8) ? gid("Person", rng.chance(0.6) && unit.people.length ? rng.pick(unit.people) : rng.pick(allPeople)) : null);
    const milestones = [];
    for (let k = 0, nk = rng.int(0, 3); k < nk; k++) milestones.push({ title: `节点${i + 1}-${k + 1}`, owner: owner(), dueOn: plusDays(startsOn, rng.int(0, 60)) });
    const plan = await createPlan(ctx(somebody()), {
      unit: unit.gid,
      title: `一院一策${i + 1}`,
      summary: "整改思路",
      startsOn,
      endsOn,
      findings: own.slice(0, split).map((f) => gid("Finding", f.id)),
      milestones,
    } as never);
    counts.plans!++;
    counts.planFindings! += own.length;
    counts.milestones! += milestones.length;
    if (split < own.length) await addPlanFindings(ctx(), { id: plan.id, findings: own.slice(split).map((f) => gid("Finding", f.id)) } as never);
    if (rng.chance(0.7)) {
      const m = await addPlanMilestone(ctx(), { id: plan.id, title: `追加节点${i + 1}`, owner: owner(), dueOn: plusDays(startsOn, rng.int(0, 10)) } as never);
      counts.milestones!++;
      if (rng.chance(0.6)) await completePlanMilestone(ctx(), { milestone: m.id } as never);
    }
    const close = rng.chance(0.3);
    if (close) await closePlan(ctx(), { id: plan.id } as never);
    processes.plans.push({ gid: plan.id, unit, active: !close });
  }
}
