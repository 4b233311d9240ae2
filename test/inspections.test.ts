import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallTree, createPerson, dataSnapshot, lastJournalSeq, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";
import { downloadXlsx } from "./support/xlsx.js";
import { liveClient } from "./support/ws.js";

let server: TestServer;
let tree: SmallTree;
let lineSupervisor: string;
let head: Credentials;

const RECORD = `mutation($input: RecordInspectionInput!) {
  recordInspection(input: $input) { id caseRef inspectedOn result source supervisor { id } unit { id } findings { id source caseRef status foundBy { id } } }
}`;
const QUOTA = `query($from: LocalDate!, $to: LocalDate!, $unit: ID) {
  inspectionQuota(from: $from, to: $to, unit: $unit) {
    from to workingDays complianceRate
    rows { supervisor { id name } kind required done met missingDays shortWeeks { weekStart required done } complianceRate }
  }
}`;

// A made-up autumn holiday: Tue 30 Sep – Tue 7 Oct 2031 off; Saturdays 27 Sep and 11 Oct worked (调休).
const CALENDAR = [
  ...["09-30", "10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07"].map((d) => `2031-${d},HOLIDAY,国庆节`),
  "2031-09-27,WORKDAY,国庆节调休",
  "2031-10-11,WORKDAY,国庆节调休",
].join("\n");

const inspect = (day: string, supervisor: string, unit: string, extra: Record<string, unknown> = {}) =>
  server.gql(RECORD, { input: { supervisor, unit, caseRef: `测检案〔2031〕${day}`, inspectedOn: `2031-${day}`, result: "NO_PROBLEM", ...extra } });

const PROBLEM = {
  title: "未按期告知诉讼权利",
  description: "审查起诉阶段未在三日内告知犯罪嫌疑人有权委托辩护人。",
  category: "CASE_PROCEDURE",
  severity: "IRREGULAR",
  rectificationClass: "IMMEDIATE",
  deadline: "2031-11-10",
};

beforeAll(async () => {
  server = await startTestServer({ now: new Date("2031-10-20T04:00:00Z") });
  tree = await buildSmallTree(server);
  lineSupervisor = await createPerson(server, { name: "吴条线", unit: tree.basicProsecution, position: "PROSECUTOR", supervisorKind: "BUSINESS" });
  await server.ok(`mutation($input: ImportCalendarInput!) { importCalendar(input: $input) { day } }`, { input: { csv: CALENDAR } });
  head = await signInAs(server, "UNIT_HEAD", tree.basic);
});
afterAll(() => server?.close());

describe("recordInspection (检查登记)", () => {
  it("refuses a unit head with FORBIDDEN and an unknown unit with NOT_FOUND", async () => {
    const refused = await server.gql(RECORD, { input: { unit: tree.basicProsecution, caseRef: "x", inspectedOn: "2031-10-01", result: "NO_PROBLEM", supervisor: tree.supervisor } }, head);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const basicSupervisor = await signInAs(server, "SUPERVISOR", tree.basic);
    const outside = await server.gql(RECORD, { input: { unit: tree.cityCaseDept, caseRef: "x", inspectedOn: "2031-10-01", result: "NO_PROBLEM", supervisor: lineSupervisor } }, basicSupervisor);
    expect(outside.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await dataSnapshot(server);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ inspectedOn: "2031-10-21" }, "inspectedOn"],
      [{ result: "PROBLEM" }, "problem"],
      [{ problem: PROBLEM }, "problem"],
      [{ result: "PROBLEM", problem: { ...PROBLEM, deadline: "2031-10-01" } }, "problem.deadline"],
      [{ result: "PROBLEM", problem: { ...PROBLEM, handler: tree.supervisor } }, "problem.handler"],
      [{ supervisor: tree.handler }, "supervisor"],
      [{ result: "FLAW" }, "result"],
      [{ caseRef: "" }, "caseRef"],
    ];
    for (const [override, field] of cases) {
      const result = await inspect("10-15", tree.supervisor, tree.basicProsecution, override);
      expect(result.errors?.[0]?.extensions, JSON.stringify(override)).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const [{ n }] = (await server.database.exec("select count(*)::int as n from inspections")) as [{ n: number }];
    expect(n).toBe(0);
    expect(await dataSnapshot(server)).toEqual(before);
  });

  it("opens a linked finding when a problem is found, in the same commit", async () => {
    const seq = await lastJournalSeq(server);
    const result = await inspect("10-15", tree.supervisor, tree.basicProsecution, { result: "PROBLEM", problem: { ...PROBLEM, handler: tree.handler } });
    expect(result.errors).toBeUndefined();
    const inspection = result.data!.recordInspection;
    expect(inspection.findings).toEqual([
      { id: expect.any(String), source: "PROCESS_MONITORING", caseRef: "测检案〔2031〕10-15", status: "OPEN", foundBy: { id: tree.supervisor } },
    ]);
    expect(await lastJournalSeq(server)).toBe(seq + 2);
    const byNode = await server.ok(`query($id: ID!) { node(id: $id) { ... on Inspection { caseRef } } }`, { id: inspection.id });
    expect(byNode.node.caseRef).toBe("测检案〔2031〕10-15");
  });

  it("lists a unit head only the inspections of their subtree", async () => {
    await inspect("10-16", tree.supervisor, tree.cityCaseDept);
    const all = await server.ok(`{ inspections(first: 50) { totalCount } }`);
    const mine = await server.ok(`{ inspections(first: 50) { totalCount edges { node { unit { id } } } } }`, {}, head);
    expect(all.inspections.totalCount).toBe(2);
    expect(mine.inspections.totalCount).toBe(1);
    expect(mine.inspections.edges[0].node.unit.id).toBe(tree.basicProsecution);
  });
});

describe("inspectionQuota (每日一案 / 每周两案)", () => {
  beforeAll(async () => {
    // Case-management supervisor: misses Thu 25 Sep and make-up Sat 11 Oct; Sat 4 Oct (holiday) and a second 10 Oct count as done, not met.
    for (const day of ["09-22", "09-23", "09-24", "09-26", "09-27", "09-29", "10-04", "10-08", "10-09", "10-10", "10-10"]) {
      expect((await inspect(day, tree.supervisor, tree.basicProsecution)).errors).toBeUndefined();
    }
    // Business-line supervisor: one in the week of 22 Sep (needs 2), one in the week of 29 Sep (only 1 working day), two in the week of 6 Oct.
    for (const day of ["09-23", "09-29", "10-08", "10-11"]) expect((await inspect(day, lineSupervisor, tree.basicProsecution)).errors).toBeUndefined();
  });

  it("counts a week with a holiday and a make-up Saturday by the calendar", async () => {
    const { inspectionQuota: quota } = await server.ok(QUOTA, { from: "2031-09-22", to: "2031-10-12" });
    expect(quota).toMatchObject({ from: "2031-09-22", to: "2031-10-12", workingDays: 11 });
    const row = (id: string) => quota.rows.find((r: { supervisor: { id: string } }) => r.supervisor.id === id);
    expect(row(tree.supervisor)).toMatchObject({
      kind: "CASE_MANAGEMENT",
      required: 11,
      done: 11,
      met: 9,
      missingDays: ["2031-09-25", "2031-10-11"],
      shortWeeks: [],
    });
    expect(row(tree.supervisor).complianceRate).toBeCloseTo(9 / 11, 10);
    expect(row(lineSupervisor)).toMatchObject({
      kind: "BUSINESS",
      required: 5,
      done: 4,
      met: 4,
      missingDays: [],
      shortWeeks: [{ weekStart: "2031-09-22", required: 2, done: 1 }],
    });
    expect(quota.complianceRate).toBeCloseTo(13 / 16, 10);
    expect(quota.rows[0].supervisor.id).toBe(lineSupervisor); // least compliant first: 4/5 < 9/11
  });

  it("counts only up to today", async () => {
    const now = server.clock.now();
    server.clock.set(new Date("2031-10-08T04:00:00Z"));
    try {
      const { inspectionQuota: quota } = await server.ok(QUOTA, { from: "2031-09-29", to: "2031-10-31" });
      expect(quota).toMatchObject({ to: "2031-10-08", workingDays: 2 });
    } finally {
      server.clock.set(now);
    }
  });

  it("scopes supervisors to the unit and the viewer", async () => {
    const { inspectionQuota: basic } = await server.ok(QUOTA, { from: "2031-09-22", to: "2031-10-12", unit: tree.basic });
    expect(basic.rows.map((r: { supervisor: { id: string } }) => r.supervisor.id)).toEqual([lineSupervisor]);
    const { inspectionQuota: asHead } = await server.ok(QUOTA, { from: "2031-09-22", to: "2031-10-12" }, head);
    expect(asHead.rows.map((r: { supervisor: { id: string } }) => r.supervisor.id)).toEqual([lineSupervisor]);
  });

  it("refuses a backwards or too long period with BAD_USER_INPUT", async () => {
    const backwards = await server.gql(QUOTA, { from: "2031-10-12", to: "2031-09-22" });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
    const long = await server.gql(QUOTA, { from: "2030-01-01", to: "2031-10-12" });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
  });
});

describe("inspection register export (GET /export/inspections.xlsx, 检查登记表)", () => {
  const AUGUST = { from: "2031-08-01", to: "2031-08-31" };

  beforeAll(async () => {
    await inspect("08-04", tree.supervisor, tree.basicProsecution, { notes: "卷宗齐全" });
    await inspect("08-05", lineSupervisor, tree.basicProsecution, { result: "PROBLEM", problem: PROBLEM });
    await inspect("08-06", tree.supervisor, tree.cityCaseDept);
  });

  it("lists the period's inspections oldest first, with Chinese headers and words, and the finding each opened", async () => {
    const sheet = await downloadXlsx(server, "/export/inspections.xlsx", { cookie: server.adminCookie }, { filter: AUGUST });
    expect(sheet.status).toBe(200);
    expect(sheet.sheetName).toBe("检查登记表");
    expect(sheet.disposition).toContain(encodeURIComponent("检查登记表-2031-10-20.xlsx"));
    const [header, ...rows] = sheet.rows;
    expect(header).toEqual(["序号", "检查日期", "监管员", "监管员类别", "被检查单位", "部门", "案号", "检查来源", "检查结果", "发现问题", "备注"]);
    expect(rows.map((r) => [r[0], r[1], r[8]])).toEqual([
      ["1", "2031-08-04", "未发现问题"],
      ["2", "2031-08-05", "发现问题"],
      ["3", "2031-08-06", "未发现问题"],
    ]);
    expect(rows[0]![3]).toBe("案管流程监管员");
    expect(rows[0]![10]).toBe("卷宗齐全");
    expect(rows[1]![2]).toBe("吴条线");
    expect(rows[1]![3]).toBe("业务条线监管员");
    expect(rows[1]![9]).toMatch(/^ZG-2031-\d{5} 未按期告知诉讼权利$/);
    expect(rows[1]![7]).toBe("流程监控");
  });

  it("exports only what the viewer may see", async () => {
    const sheet = await downloadXlsx(server, "/export/inspections.xlsx", head, { filter: AUGUST });
    expect(sheet.status).toBe(200);
    expect(sheet.rows.slice(1).map((r) => r[1])).toEqual(["2031-08-04", "2031-08-05"]);
  });

  it("refuses signed-out requests and bad filters with the API's codes", async () => {
    const signedOut = await downloadXlsx(server, "/export/inspections.xlsx", {}, { filter: AUGUST });
    expect(signedOut.status).toBe(401);
    expect(signedOut.body?.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
    const badDay = await downloadXlsx(server, "/export/inspections.xlsx", { cookie: server.adminCookie }, { filter: { from: "2031-13-01" } });
    expect(badDay.status).toBe(400);
    expect(badDay.body?.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter" });
    const notJson = await downloadXlsx(server, "/export/inspections.xlsx", { cookie: server.adminCookie }, { filter: "{from" });
    expect(notJson.body?.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter" });
  });
});

describe("the wall board's quota (board.quota)", () => {
  const BOARD = `query($unit: ID) { board(unit: $unit) { quota { complianceRate supervisors belowQuota } } }`;

  it("agrees with inspectionQuota for this month, for the tree and a sub-unit", async () => {
    for (const unit of [null, tree.basic]) {
      const { inspectionQuota: q } = await server.ok(QUOTA, { from: "2031-10-01", to: "2031-10-20", unit });
      const { board } = await server.ok(BOARD, { unit });
      expect(board.quota).toEqual({
        complianceRate: q.complianceRate,
        supervisors: q.rows.length,
        belowQuota: q.rows.filter((r: { complianceRate: number }) => r.complianceRate < 1).length,
      });
      expect(board.quota.supervisors).toBeGreaterThan(0);
    }
  });

  it("pushes a fresh board after an inspection in its scope", async () => {
    const live = liveClient(server.url, { cookie: server.adminCookie });
    try {
      const sub = live.collect<{ boardChanged: { quota: { complianceRate: number } } }>(`subscription { boardChanged { quota { complianceRate supervisors } } }`);
      await new Promise((r) => setTimeout(r, 300));
      const before = sub.items.length;
      const recorded = await inspect("10-20", lineSupervisor, tree.basicProsecution);
      expect(recorded.errors).toBeUndefined();
      await sub.waitFor(before + 1);
      const { board } = await server.ok(BOARD, { unit: null });
      expect(sub.items.at(-1)!.boardChanged.quota.complianceRate).toBe(board.quota.complianceRate);
    } finally {
      await live.close();
    }
  });
});
