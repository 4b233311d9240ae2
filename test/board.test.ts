import { mulberry32 } from "../db/demo/random.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPerson, createUnit, findingInput, MUTATIONS, RECORD_FINDING, rowIdOf } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

const START = new Date("2026-10-20T01:00:00Z");
const SEED = Number(process.env.TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
const OPERATIONS = 120;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with TEST_SEED. */
function prng(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const DAY = 86_400_000;
const shanghaiDay = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");

interface Tracked {
  id: string;
  status: string;
  version: number;
  foundDay: string;
}

let server: TestServer;
const units: Record<string, string> = {};
const handlers: Record<string, string[]> = {};
let supervisor: string;

beforeAll(async () => {
  server = await startTestServer({ now: START });
  console.log(`board test seed: ${SEED} (replay with TEST_SEED=${SEED})`);
  const unit = async (key: string, input: Record<string, unknown>) => (units[key] = await createUnit(server, { code: `B-${key}`, ...input }));
  await unit("city", { name: "示范市人民检察院", kind: "OFFICE", level: "CITY" });
  await unit("cityCase", { name: "案件管理部", kind: "DEPARTMENT", level: "CITY", category: "BUSINESS", parent: units.city });
  await unit("b1", { name: "东城区人民检察院", kind: "OFFICE", level: "BASIC", parent: units.city });
  await unit("b1a", { name: "第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", parent: units.b1 });
  await unit("b1b", { name: "办公室", kind: "DEPARTMENT", level: "BASIC", category: "COMPREHENSIVE", parent: units.b1 });
  await unit("b2", { name: "西城区人民检察院", kind: "OFFICE", level: "BASIC", parent: units.city });
  await unit("b2a", { name: "第二检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", parent: units.b2 });
  supervisor = await createPerson(server, { name: "周监管", unit: units.cityCase, position: "PROSECUTOR", supervisorKind: "CASE_MANAGEMENT" });
  for (const key of ["cityCase", "b1", "b1a", "b1b", "b2a"]) {
    handlers[key] = [];
    for (const name of ["甲", "乙"]) handlers[key]!.push(await createPerson(server, { name: `${key}${name}`, unit: units[key], position: "PROSECUTOR" }));
  }
});
afterAll(() => server?.close());

/** The board's numbers counted straight from the tables, independently of the server's SQL. */
async function countedBySql(underUnit: string, at: Date) {
  const now = `timestamptz '${at.toISOString()}'`;
  const today = `(${now} at time zone 'Asia/Shanghai')::date`;
  const active = `f.status in ('OPEN', 'RECTIFYING', 'SUBMITTED')`;
  const counters = `
    count(f.id) filter (where ${active})::int as open,
    count(f.id) filter (where ${active} and f.deadline < ${today})::int as overdue,
    count(f.id) filter (where ${active} and f.deadline >= ${today} and f.warning_at <= ${now})::int as "inWarning",
    count(f.id) filter (where f.status = 'VERIFIED')::int as red,
    count(f.id) filter (where ${active} and f.deadline >= ${today})::int as yellow,
    count(f.id) filter (where ${active} and f.deadline < ${today})::int as black`;
  const id = rowIdOf(underUnit);
  const [totals] = await server.database.exec(`
    select ${counters},
      count(f.id) filter (where f.status = 'VERIFIED'
        and date_trunc('month', f.verified_at at time zone 'Asia/Shanghai') = date_trunc('month', ${now} at time zone 'Asia/Shanghai'))::int as "verifiedThisMonth",
      count(f.id) filter (where f.status <> 'WITHDRAWN')::int as "notWithdrawn"
    from findings f join units u on u.id = ${id} and f.unit_path like u.path || '%'`);
  const rows = await server.database.exec(`
    select c.id, ${counters}
    from units c left join findings f on f.unit_path like c.path || '%'
    where c.parent_id = ${id} group by c.id order by c.id`);
  return { totals: totals!, rows };
}

const BOARD_FIELDS = `unit { id } open overdue inWarning verified verifiedThisMonth rectificationRate asOf
  units { unit { id } open overdue inWarning red yellow black }`;
const BOARD = `query($unit: ID) { board(unit: $unit) { ${BOARD_FIELDS} } }`;

/** The board and the ledger's counts for the same subtree, in one request. */
const BOARD_AND_LEDGER = `query($unit: ID, $ledgerUnit: ID!) {
  board(unit: $unit) { ${BOARD_FIELDS} }
  black: findings(filter: { unit: $ledgerUnit, flag: [BLACK] }, first: 0) { totalCount }
  yellow: findings(filter: { unit: $ledgerUnit, flag: [YELLOW] }, first: 0) { totalCount }
  red: findings(filter: { unit: $ledgerUnit, flag: [RED] }, first: 0) { totalCount }
  redOrBlack: findings(filter: { unit: $ledgerUnit, flag: [RED, BLACK] }, first: 0) { totalCount }
  overdue: findings(filter: { unit: $ledgerUnit, overdue: true }, first: 0) { totalCount }
  inWarning: findings(filter: { unit: $ledgerUnit, inWarning: true }, first: 0) { totalCount }
  open: findings(filter: { unit: $ledgerUnit, status: [OPEN, RECTIFYING, SUBMITTED] }, first: 0) { totalCount }
}`;

const seen = { open: 0, overdue: 0, inWarning: 0, verified: 0, verifiedThisMonth: 0, olderVerified: 0 };

/** Compares the board and the ledger's counts with SQL for one unit's subtree at the clock's time. */
async function compare(unitKey: "city" | "b1", boardArg: string | null, label: string) {
  const at = server.clock.now();
  const { board, ...ledger } = await server.ok(BOARD_AND_LEDGER, { unit: boardArg, ledgerUnit: units[unitKey] });
  const { totals, rows } = await countedBySql(units[unitKey]!, at);
  const context = `${label} at ${at.toISOString()} (seed ${SEED})`;
  expect(board.asOf, context).toBe(at.toISOString());
  expect(board.unit.id, context).toBe(units[unitKey]);
  expect(
    { open: board.open, overdue: board.overdue, inWarning: board.inWarning, verified: board.verified, verifiedThisMonth: board.verifiedThisMonth },
    context,
  ).toEqual({ open: totals.open, overdue: totals.overdue, inWarning: totals.inWarning, verified: totals.red, verifiedThisMonth: totals.verifiedThisMonth });
  const notWithdrawn = totals.notWithdrawn as number;
  expect(board.rectificationRate, context).toBeCloseTo(notWithdrawn === 0 ? 0 : (totals.red as number) / notWithdrawn, 10);
  const boardRows = Object.fromEntries(
    board.units.map((r: Record<string, any>) => [rowIdOf(r.unit.id), { open: r.open, overdue: r.overdue, inWarning: r.inWarning, red: r.red, yellow: r.yellow, black: r.black }]),
  );
  const sqlRows = Object.fromEntries(rows.map(({ id, ...counts }) => [Number(id), counts]));
  expect(boardRows, context).toEqual(sqlRows);
  const order = board.units.map((r: { black: number; open: number }) => [r.black, r.open]);
  expect(order, `${context}: most overdue first`).toEqual([...order].sort((x, y) => y[0] - x[0] || y[1] - x[1]));

  const ledgerCounts = Object.fromEntries(Object.entries(ledger).map(([key, value]) => [key, (value as { totalCount: number }).totalCount]));
  expect(ledgerCounts, `${context}: ledger counts`).toEqual({
    black: totals.black,
    yellow: totals.yellow,
    red: totals.red,
    redOrBlack: (totals.red as number) + (totals.black as number),
    overdue: totals.overdue,
    inWarning: totals.inWarning,
    open: totals.open,
  });

  for (const key of ["open", "overdue", "inWarning", "verifiedThisMonth"] as const) if ((totals[key] as number) > 0) seen[key]++;
  if ((totals.red as number) > 0) seen.verified++;
  if ((totals.red as number) > (totals.verifiedThisMonth as number)) seen.olderVerified++;
}

/**
 * Both boards now, either side of the next midnight in Shanghai, and at the start of the next
 * Shanghai month (8 hours before the UTC one); the clock is restored after.
 */
async function checkpoint(label: string) {
  const at = server.clock.now();
  const midnight = Date.parse(`${shanghaiDay(at.getTime() + DAY)}T00:00:00+08:00`);
  const [year, month] = shanghaiDay(at.getTime()).split("-").map(Number) as [number, number];
  const monthStart = Date.parse(`${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, "0")}-01T00:00:00+08:00`);
  for (const probe of [at.getTime(), midnight - 1, midnight, monthStart]) {
    server.clock.set(new Date(probe));
    await compare("city", null, `${label} (whole tree)`);
    await compare("b1", units.b1!, `${label} (东城区)`);
  }
  server.clock.set(at);
}

describe("board", () => {
  it("rejects an unknown unit with NOT_FOUND and a malformed one with BAD_USER_INPUT", async () => {
    const unknown = await server.gql(BOARD, { unit: globalId("Unit", 999_999) });
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const malformed = await server.gql(BOARD, { unit: globalId("Finding", 1) });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "unit" });
  });

  it("shows zeros for an empty tree", async () => {
    await checkpoint("empty");
    const { board } = await server.ok(BOARD, { unit: null });
    expect(board).toMatchObject({ open: 0, overdue: 0, inWarning: 0, verified: 0, verifiedThisMonth: 0, rectificationRate: 0 });
    expect(board.units).toHaveLength(3);
  });

  it("agrees with a direct SQL count after a random series of mutations, for the whole tree and a sub-unit", async () => {
    const rnd = prng(SEED);
    const tracked: Tracked[] = [];
    const inStatus = (...statuses: string[]) => tracked.filter((f) => statuses.includes(f.status));
    const apply = async (f: Tracked, mutation: keyof typeof MUTATIONS, input: Record<string, unknown>) => {
      const data = await server.ok(MUTATIONS[mutation], { input: { id: f.id, ...input } });
      const result = data[mutation] as { status: string; version: number };
      f.status = result.status;
      f.version = result.version;
    };
    const counts: Record<string, number> = {};

    // One finding verified in October whatever the seed, so a November board has an older one.
    const october = await server.ok(RECORD_FINDING, {
      input: findingInput({ basicProsecution: units.b1a!, handler: handlers.b1a![0]!, supervisor }, { title: "十月销号", deadline: "2026-10-30" }),
    });
    const early: Tracked = { id: october.recordFinding.id, status: "OPEN", version: 1, foundDay: "2026-10-20" };
    for (const step of ["startRectification", "submitRectification", "verifyRectification"] as const) {
      await apply(early, step, step === "verifyRectification" ? { verifier: supervisor } : {});
    }
    await checkpoint("after a verification in October");

    for (let op = 1; op <= OPERATIONS; op++) {
      // 3–8 hours a step (so the series always crosses 1 November in Shanghai), sometimes a
      // jump across days, so deadlines pass.
      const now = server.clock.now().getTime() + (rnd.next() < 0.05 ? rnd.int(24, 48) : rnd.int(3, 8)) * 3_600_000 + rnd.int(0, 59) * 60_000;
      server.clock.set(new Date(now));
      const possible = {
        record: 30,
        start: inStatus("OPEN").length ? 15 : 0,
        submit: inStatus("RECTIFYING").length ? 15 : 0,
        verify: inStatus("SUBMITTED").length ? 12 : 0,
        reject: inStatus("SUBMITTED").length ? 5 : 0,
        withdraw: inStatus("OPEN", "RECTIFYING", "SUBMITTED").length ? 4 : 0,
        moveDeadline: inStatus("OPEN", "RECTIFYING").length ? 8 : 0,
        wait: 5,
      };
      let roll = rnd.next() * Object.values(possible).reduce((a, b) => a + b, 0);
      const kind = (Object.keys(possible) as (keyof typeof possible)[]).find((k) => (roll -= possible[k]) < 0) ?? "wait";
      if (kind === "record") {
        const unitKey = rnd.pick(["cityCase", "b1", "b1a", "b1a", "b1b", "b2a"] as const);
        const foundAt = now - rnd.int(0, 12 * 24) * 3_600_000;
        const foundDay = shanghaiDay(foundAt);
        const deadline = shanghaiDay(Date.parse(`${foundDay}T12:00:00+08:00`) + rnd.int(0, 20) * DAY);
        const lastInstant = Date.parse(`${deadline}T00:00:00+08:00`) + DAY - 1;
        const input = findingInput({ basicProsecution: units[unitKey]!, handler: rnd.pick(handlers[unitKey]!), supervisor }, {
          title: `随机问题 ${op}`,
          foundAt: new Date(foundAt).toISOString(),
          deadline,
          severity: rnd.pick(["FLAW", "IRREGULAR", "UNQUALIFIED"]),
          ...(rnd.next() < 0.4 ? { warningAt: new Date(foundAt + Math.floor(rnd.next() * (lastInstant - foundAt))).toISOString() } : {}),
        });
        const { recordFinding } = await server.ok(RECORD_FINDING, { input });
        tracked.push({ id: recordFinding.id, status: recordFinding.status, version: recordFinding.version, foundDay });
      } else if (kind === "start") {
        await apply(rnd.pick(inStatus("OPEN")), "startRectification", {});
      } else if (kind === "submit") {
        await apply(rnd.pick(inStatus("RECTIFYING")), "submitRectification", {});
      } else if (kind === "verify") {
        await apply(rnd.pick(inStatus("SUBMITTED")), "verifyRectification", { verifier: supervisor });
      } else if (kind === "reject") {
        await apply(rnd.pick(inStatus("SUBMITTED")), "rejectRectification", { reason: "整改不彻底" });
      } else if (kind === "withdraw") {
        await apply(rnd.pick(inStatus("OPEN", "RECTIFYING", "SUBMITTED")), "withdrawFinding", { reason: "重复登记" });
      } else if (kind === "moveDeadline") {
        const f = rnd.pick(inStatus("OPEN", "RECTIFYING"));
        const candidate = shanghaiDay(now + rnd.int(-4, 10) * DAY);
        await apply(f, "updateFinding", { version: f.version, deadline: candidate < f.foundDay ? f.foundDay : candidate });
      }
      counts[kind] = (counts[kind] ?? 0) + 1;
      if (op % 12 === 0) await checkpoint(`after ${op} operations`);
    }

    console.log(`board test seed ${SEED}: ${JSON.stringify(counts)}; end ${server.clock.now().toISOString()}; ${JSON.stringify(seen)}`);
    // The trigger-kept tallies are exactly what a rebuild from the findings gives, with no empty rows left.
    const tallies = async () => ({
      active: await server.database.exec(`select unit_id, deadline::text as deadline, warning_at::text as warning_at, n from board_active order by 1, 2, 3`),
      months: await server.database.exec(`select unit_id, month, opened, verified from board_months where opened <> 0 or verified <> 0 order by 1, 2`),
    });
    const kept = await tallies();
    expect(kept.active.every((r) => Number(r.n) > 0), "no empty or negative active tallies").toBe(true);
    await server.database.exec(`select board_tally_rebuild()`);
    expect(kept, `seed ${SEED}: tallies equal a rebuild`).toEqual(await tallies());
    // The series must have exercised every counter, or the comparison proves little.
    expect(seen.open, `seed ${SEED}`).toBeGreaterThan(0);
    expect(seen.overdue, `seed ${SEED}`).toBeGreaterThan(0);
    expect(seen.inWarning, `seed ${SEED}`).toBeGreaterThan(0);
    expect(seen.verifiedThisMonth, `seed ${SEED}`).toBeGreaterThan(0);
    expect(seen.olderVerified, `seed ${SEED}: verified in an earlier month`).toBeGreaterThan(0);
  });
});

describe("board trend", () => {
  const TREND = `query($unit: ID, $months: Int) { board(unit: $unit) { trend(months: $months) { month opened verified } } }`;

  it("refuses a month count outside 1–36 with BAD_USER_INPUT naming months", async () => {
    for (const months of [0, 37]) {
      const result = await server.gql(TREND, { unit: null, months });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "months" });
    }
  });

  it("counts findings opened and verified per Shanghai month, oldest first, as SQL does", async () => {
    // Runs after the random series above, so October and November both hold findings.
    const at = server.clock.now();
    for (const [unitKey, arg] of [["city", null], ["b1", units.b1!]] as const) {
      const { board } = await server.ok(TREND, { unit: arg, months: 12 });
      const months = board.trend.map((p: { month: string }) => p.month);
      expect(months).toHaveLength(12);
      expect(months.at(-1)).toBe(shanghaiDay(at.getTime()).slice(0, 7));
      expect(months).toEqual([...months].sort());
      const byMonth = (column: string, condition: string) =>
        server.database.exec(`
          select to_char(f.${column} at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as n
          from findings f join units u on u.id = ${rowIdOf(units[unitKey]!)} and f.unit_path like u.path || '%'
          where ${condition} group by 1`);
      const opened = Object.fromEntries((await byMonth("found_at", "f.status <> 'WITHDRAWN'")).map((r) => [r.month, r.n]));
      const verified = Object.fromEntries((await byMonth("verified_at", "f.status = 'VERIFIED'")).map((r) => [r.month, r.n]));
      for (const point of board.trend) {
        expect(point, `${unitKey} ${point.month}`).toEqual({ month: point.month, opened: opened[point.month] ?? 0, verified: verified[point.month] ?? 0 });
      }
      expect(board.trend.reduce((sum: number, p: { opened: number }) => sum + p.opened, 0)).toBeGreaterThan(0);
    }
  });
});
