import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findings } from "../db/tables/index.js";
import { Flag } from "../server/findings/finding.enums.js";
import { deriveFlag, flagSql, flagValueSql, inWarningSql, overdueSql } from "../server/findings/flag.js";
import type { FindingRow } from "../server/findings/finding.type.js";
import { buildSmallTree, findingInput, RECORD_FINDING } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

// Shanghai is UTC+8: 2026-12-09T16:00:00Z is midnight starting 10 December in Shanghai.
const MIDNIGHT = Date.parse("2026-12-09T16:00:00Z");
const INSTANTS = [-3_600_000, -1, 0, 1, 3_600_000].map((offset) => new Date(MIDNIGHT + offset));

let server: TestServer;
let rows: FindingRow[];

beforeAll(async () => {
  server = await startTestServer({ now: new Date("2026-12-01T02:00:00Z") });
  const tree = await buildSmallTree(server);
  // Deadlines on both sides of the midnight, with warning times just before and after it.
  const cases = [
    { deadline: "2026-12-09" },
    { deadline: "2026-12-10" },
    { deadline: "2026-12-10", warningAt: "2026-12-09T15:59:59.999Z" },
    { deadline: "2026-12-10", warningAt: "2026-12-09T16:00:00.000Z" },
    { deadline: "2026-12-10", warningAt: "2026-12-09T16:00:00.001Z" },
    { deadline: "2026-12-11", warningAt: "2026-12-09T16:00:00.000Z" },
    { deadline: "2026-12-12" },
  ];
  const ids: string[] = [];
  for (const c of cases) ids.push((await server.ok(RECORD_FINDING, { input: findingInput(tree, c) })).recordFinding.id);
  // One of each other status, so RED and "no flag" are covered too.
  const extra = (await server.ok(RECORD_FINDING, { input: findingInput(tree, { deadline: "2026-12-09" }) })).recordFinding.id;
  await server.ok(`mutation($i: FindingStepInput!) { startRectification(input: $i) { id } }`, { i: { id: extra } });
  await server.ok(`mutation($i: FindingStepInput!) { submitRectification(input: $i) { id } }`, { i: { id: extra } });
  await server.ok(`mutation($i: VerifyRectificationInput!) { verifyRectification(input: $i) { id } }`, { i: { id: extra, verifier: tree.supervisor } });
  const withdrawn = (await server.ok(RECORD_FINDING, { input: findingInput(tree, { deadline: "2026-12-09" }) })).recordFinding.id;
  await server.ok(`mutation($i: ReasonStepInput!) { withdrawFinding(input: $i) { id } }`, { i: { id: withdrawn, reason: "重复登记" } });
  const submitted = (await server.ok(RECORD_FINDING, { input: findingInput(tree, { deadline: "2026-12-09" }) })).recordFinding.id;
  await server.ok(`mutation($i: FindingStepInput!) { startRectification(input: $i) { id } }`, { i: { id: submitted } });
  await server.ok(`mutation($i: FindingStepInput!) { submitRectification(input: $i) { id } }`, { i: { id: submitted } });
  rows = await server.database.db.select().from(findings).orderBy(findings.id);
  expect(rows.length).toBe(ids.length + 3);
});
afterAll(() => server?.close());

describe("flag, overdue and warning", () => {
  it.each(INSTANTS.map((at) => [at.toISOString(), at] as const))("agree in TypeScript and SQL at %s", async (_label, now) => {
    const sqlRows = await server.database.db
      .select({
        id: findings.id,
        flag: flagValueSql(now),
        overdue: sql<boolean>`coalesce(${overdueSql(now)}, false)`,
        inWarning: sql<boolean>`coalesce(${inWarningSql(now)}, false)`,
        red: sql<boolean>`coalesce(${flagSql(Flag.RED, now)}, false)`,
        yellow: sql<boolean>`coalesce(${flagSql(Flag.YELLOW, now)}, false)`,
        black: sql<boolean>`coalesce(${flagSql(Flag.BLACK, now)}, false)`,
      })
      .from(findings)
      .orderBy(findings.id);
    for (const [i, row] of rows.entries()) {
      const ts = deriveFlag(row, now);
      const s = sqlRows[i]!;
      expect({ id: row.id, flag: s.flag, overdue: s.overdue, inWarning: s.inWarning }).toEqual({ id: row.id, ...ts });
      expect({ red: s.red, yellow: s.yellow, black: s.black }).toEqual({ red: ts.flag === Flag.RED, yellow: ts.flag === Flag.YELLOW, black: ts.flag === Flag.BLACK });
    }
  });

  it("turns a deadline of 9 December black exactly at midnight in Shanghai", () => {
    const row = rows[0]!;
    expect(deriveFlag(row, new Date(MIDNIGHT - 1))).toMatchObject({ flag: Flag.YELLOW, overdue: false });
    expect(deriveFlag(row, new Date(MIDNIGHT))).toMatchObject({ flag: Flag.BLACK, overdue: true });
  });

  it("matches an independent Asia/Shanghai calendar computed by the database", async () => {
    for (const now of INSTANTS) {
      const independent = await server.database.exec(`
        select id,
          case when status = 'VERIFIED' then 'RED'
               when status = 'WITHDRAWN' then null
               when deadline < (timestamptz '${now.toISOString()}' at time zone 'Asia/Shanghai')::date then 'BLACK'
               else 'YELLOW' end as flag
        from findings order by id`);
      expect(rows.map((r) => deriveFlag(r, now).flag)).toEqual(independent.map((r) => r.flag));
    }
  });

  it("serves the same flags through the API and its flag filter", async () => {
    for (const now of INSTANTS) {
      server.clock.set(now);
      const data = await server.ok(`{ all: findings(first: 100) { edges { node { code flag overdue inWarning } } }
        black: findings(filter: { flag: [BLACK] }) { totalCount }
        yellow: findings(filter: { flag: [YELLOW] }) { totalCount }
        red: findings(filter: { flag: [RED] }) { totalCount }
        warning: findings(filter: { inWarning: true }) { totalCount } }`);
      const nodes = data.all.edges.map((e: { node: { flag: string; inWarning: boolean } }) => e.node);
      const expected = rows.map((r) => deriveFlag(r, now));
      const count = (flag: Flag) => expected.filter((d) => d.flag === flag).length;
      expect(data.black.totalCount).toBe(count(Flag.BLACK));
      expect(data.yellow.totalCount).toBe(count(Flag.YELLOW));
      expect(data.red.totalCount).toBe(count(Flag.RED));
      expect(data.warning.totalCount).toBe(expected.filter((d) => d.inWarning).length);
      expect(nodes.filter((n: { flag: string }) => n.flag === "BLACK").length).toBe(count(Flag.BLACK));
    }
  });
});
