import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enumLabel } from "../schema/labels.js";
import { buildSmallTree, createPerson, createUnit, findingInput, MUTATIONS, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";
import { workbookSheets } from "./support/xlsx.js";

let server: TestServer;
let tree: SmallTree;
let basic2: string;
let basic2Dept: string;
let head2: Credentials;
const codes: Record<string, string> = {};

const REPORT = `query($month: String!, $unit: ID) {
  jointMeetingReport(month: $month, unit: $unit) {
    month asOf unit { name }
    inspections inspectionsWithProblem inspectionsBySupervisorKind { supervisorKind inspections withProblem }
    found foundCategories summary byCategory { category count } bySeverity { severity count }
    byUnit { unit { name } found verified overdue }
    status { open rectifying submitted verified withdrawn }
    overdueCount overdue { code deadline unit { name } handler { name } }
    accountabilityActions { kind reason decidedOn targetPerson { name } findings { code } }
    accountabilityByKind { kind count }
  }
}`;

const RECORD_INSPECTION = `mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { id findings { code } } }`;

const at = (iso: string) => server.clock.set(new Date(iso));
async function record(name: string, overrides: Record<string, unknown>): Promise<string> {
  const made = (await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: name, ...overrides }) })).recordFinding;
  codes[name] = made.code;
  return made.id;
}

beforeAll(async () => {
  server = await startTestServer({ now: new Date("2026-02-20T04:00:00Z") });
  tree = await buildSmallTree(server);
  const lineSupervisor = await createPerson(server, { name: "吴条线", unit: tree.basicProsecution, position: "PROSECUTOR", supervisorKind: "BUSINESS" });
  basic2 = await createUnit(server, { code: "T-B2", name: "测试县人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
  basic2Dept = await createUnit(server, { code: "T-B2-GS", name: "县第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: basic2 });
  const handler2 = await createPerson(server, { name: "赵承办", unit: basic2Dept, position: "PROSECUTOR" });
  head2 = await signInAs(server, "UNIT_HEAD", basic2);

  // February (the month before): one finding that is overdue by the end of March, one that is not.
  await record("F0 二月超期", { deadline: "2026-03-05" });
  await record("F0b 二月未超期", { deadline: "2026-05-01" });
  await server.ok(RECORD_INSPECTION, { input: { supervisor: tree.supervisor, unit: tree.basicProsecution, caseRef: "二月案", inspectedOn: "2026-02-20", result: "NO_PROBLEM" } });
  const febAction = await record("F0c 二月问责", { deadline: "2026-05-01" });
  await server.ok(MUTATIONS.recordAccountabilityAction, { input: { kind: "ADMONISHMENT", targetPerson: tree.handler, findings: [febAction], reason: "二月问责", decidedOn: "2026-02-20" } });

  // March, the reported month.
  at("2026-03-10T04:00:00Z");
  const f1 = await record("F1 三月超期", { deadline: "2026-03-20", category: "LEGAL_DOCUMENTS", severity: "FLAW" });
  const f2 = await record("F2 整改中", { deadline: "2026-06-30", category: "CASE_PROCEDURE", severity: "IRREGULAR" });
  const f3 = await record("F3 已销号", { unit: basic2Dept, handler: handler2, deadline: "2026-06-30", category: "LEGAL_DOCUMENTS", severity: "UNQUALIFIED" });
  const f4 = await record("F4 撤销", { unit: basic2Dept, handler: handler2, deadline: "2026-06-30", category: "CONDUCT_DISCIPLINE", severity: "FLAW" });
  await server.ok(MUTATIONS.startRectification, { input: { id: f2 } });
  await server.ok(MUTATIONS.startRectification, { input: { id: f3 } });
  await server.ok(MUTATIONS.submitRectification, { input: { id: f3 } });
  await server.ok(MUTATIONS.verifyRectification, { input: { id: f3, verifier: tree.supervisor } });
  await server.ok(MUTATIONS.withdrawFinding, { input: { id: f4, reason: "重复登记" } });
  const inspect = (supervisor: string, day: string, extra: Record<string, unknown> = {}) =>
    server.ok(RECORD_INSPECTION, { input: { supervisor, unit: tree.basicProsecution, caseRef: `三月案${day}`, inspectedOn: `2026-03-${day}`, result: "NO_PROBLEM", ...extra } });
  await inspect(tree.supervisor, "02");
  const problem = { title: "F5 检查发现", description: "未按期告知诉讼权利。", category: "CASE_PROCEDURE", severity: "IRREGULAR", rectificationClass: "IMMEDIATE", deadline: "2026-05-10", handler: tree.handler };
  codes["F5"] = (await inspect(tree.supervisor, "03", { result: "PROBLEM", problem })).recordInspection.findings[0].code;
  await inspect(lineSupervisor, "04");
  at("2026-03-25T04:00:00Z");
  await server.ok(MUTATIONS.recordAccountabilityAction, { input: { kind: "TALK", targetPerson: tree.handler, findings: [f1], reason: "超期未整改", decidedOn: "2026-03-25" } });

  // April (now): F2 is submitted after the month ended, which the March report must not show.
  at("2026-04-10T04:00:00Z");
  await server.ok(MUTATIONS.submitRectification, { input: { id: f2 } });
});
afterAll(() => server?.close());

describe("jointMeetingReport (联席会议)", () => {
  it("refuses a malformed, out-of-range or future month with BAD_USER_INPUT on month", async () => {
    for (const month of ["2026-13", "26-03", "2026-3", "1999-12", "2101-01", "2026-05"]) {
      const res = await server.gql(REPORT, { month });
      expect(res.errors?.[0]?.extensions, month).toMatchObject({ code: "BAD_USER_INPUT", field: "month" });
    }
  });

  it("refuses a display token with FORBIDDEN and a unit outside the scope with NOT_FOUND", async () => {
    const token = (await server.ok(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }`, { i: { name: "大屏", kind: "DISPLAY", scopeUnit: tree.city } })).createApiToken;
    expect((await server.gql(REPORT, { month: "2026-03" }, { bearer: token.secret })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await server.gql(REPORT, { month: "2026-03", unit: tree.basic }, head2)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("counts the month's inspections and findings as a direct SQL count does", async () => {
    const r = (await server.ok(REPORT, { month: "2026-03", unit: tree.city })).jointMeetingReport;
    const [{ n: found }] = (await server.database.exec(
      "select count(*)::int as n from findings where found_at >= '2026-03-01T00:00:00+08' and found_at < '2026-04-01T00:00:00+08'",
    )) as [{ n: number }];
    const [{ n: inspected }] = (await server.database.exec(
      "select count(*)::int as n from inspections where inspected_on between '2026-03-01' and '2026-03-31'",
    )) as [{ n: number }];
    expect(r.found).toBe(found);
    expect(r.found).toBe(5);
    expect(r.inspections).toBe(inspected);
    expect(r.inspections).toBe(3);
    expect(r.inspectionsWithProblem).toBe(1);
    expect(r.inspectionsBySupervisorKind).toEqual(
      expect.arrayContaining([
        { supervisorKind: "CASE_MANAGEMENT", inspections: 2, withProblem: 1 },
        { supervisorKind: "BUSINESS", inspections: 1, withProblem: 0 },
      ]),
    );
    expect(r.summary).toBe("3大类5项");
    expect(r.foundCategories).toBe(3);
    expect(r.byCategory).toEqual([
      { category: "CASE_PROCEDURE", count: 2 },
      { category: "LEGAL_DOCUMENTS", count: 2 },
      { category: "CONDUCT_DISCIPLINE", count: 1 },
    ]);
    expect(r.bySeverity).toEqual([
      { severity: "FLAW", count: 2 },
      { severity: "IRREGULAR", count: 2 },
      { severity: "UNQUALIFIED", count: 1 },
    ]);
    expect(r.byUnit).toEqual([
      { unit: { name: "案件管理部" }, found: 0, verified: 0, overdue: 0 },
      { unit: { name: "测试区人民检察院" }, found: 3, verified: 0, overdue: 2 },
      { unit: { name: "测试县人民检察院" }, found: 2, verified: 1, overdue: 0 },
    ]);
    expect(r.accountabilityActions).toEqual([
      { kind: "TALK", reason: "超期未整改", decidedOn: "2026-03-25", targetPerson: { name: "李承办" }, findings: [{ code: codes["F1 三月超期"] }] },
    ]);
    expect(r.accountabilityByKind).toEqual([
      { kind: "TALK", count: 1 },
      { kind: "ADMONISHMENT", count: 0 },
      { kind: "BULLETIN_CRITICISM", count: 0 },
    ]);
  });

  it("reads the status as it stood at the end of the month, not now", async () => {
    const r = (await server.ok(REPORT, { month: "2026-03", unit: tree.city })).jointMeetingReport;
    expect(r.asOf).toBe("2026-03-31T15:59:59.999Z");
    expect(r.status).toEqual({ open: 2, rectifying: 1, submitted: 0, verified: 1, withdrawn: 1 });
  });

  it("lists findings overdue at the report time whatever month they were found, soonest deadline first", async () => {
    const r = (await server.ok(REPORT, { month: "2026-03", unit: tree.city })).jointMeetingReport;
    expect(r.overdueCount).toBe(2);
    expect(r.overdue.map((f: { code: string }) => f.code)).toEqual([codes["F0 二月超期"], codes["F1 三月超期"]]);
    expect(r.overdue[0]).toMatchObject({ deadline: "2026-03-05", unit: { name: "第一检察部" }, handler: { name: "李承办" } });
    // February's report: F0 is found there, and nothing is overdue yet at the end of February.
    const feb = (await server.ok(REPORT, { month: "2026-02", unit: tree.city })).jointMeetingReport;
    expect(feb.summary).toBe("1大类3项");
    expect(feb.overdueCount).toBe(0);
    expect(feb.inspections).toBe(1);
    expect(feb.accountabilityByKind).toContainEqual({ kind: "ADMONISHMENT", count: 1 });
  });

  it("keeps a unit head of another office to that office's findings", async () => {
    const r = (await server.ok(REPORT, { month: "2026-03" }, head2)).jointMeetingReport;
    expect(r.unit).toEqual({ name: "测试县人民检察院" });
    expect(r.found).toBe(2);
    expect(r.summary).toBe("2大类2项");
    expect(r.overdueCount).toBe(0);
    expect(r.overdue).toEqual([]);
    expect(r.inspections).toBe(0);
    expect(r.accountabilityActions).toEqual([]);
    expect(r.byUnit).toEqual([{ unit: { name: "县第一检察部" }, found: 2, verified: 1, overdue: 0 }]);
  });
});

describe("GET /export/joint-meeting.xlsx", () => {
  const download = (query: string, headers: Record<string, string> = {}) => fetch(`${new URL(server.url).origin}/export/joint-meeting.xlsx?${query}`, { headers });

  it("refuses the signed-out with 401 and a bad month with 400 on month", async () => {
    expect((await download("month=2026-03")).status).toBe(401);
    const admin = await signInAs(server, "ADMIN", null);
    const bad = await download("month=2026-13", { cookie: admin.cookie! });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "month" });
    const missing = await download("", { cookie: admin.cookie! });
    expect(((await missing.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "month" });
  });

  it("holds the five sheets with Chinese headers and the report's rows", async () => {
    const admin = await signInAs(server, "ADMIN", null);
    const res = await download(`month=2026-03&unit=${encodeURIComponent(tree.city)}`, { cookie: admin.cookie! });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("联席会议材料-2026-03"));
    const sheets = await workbookSheets(Buffer.from(await res.arrayBuffer()));
    expect([...sheets.keys()]).toEqual(["概况", "按类别", "按单位", "超期问题", "问责情况"]);
    expect(sheets.get("概况")).toContainEqual(["发现问题", "3大类5项"]);
    expect(sheets.get("概况")).toContainEqual(["统计截止", "2026-03-31 23:59"]);
    expect(sheets.get("按类别")).toContainEqual([enumLabel("FindingCategory", "LEGAL_DOCUMENTS", "zh"), "2"]);
    expect(sheets.get("按单位")![0]).toEqual(["单位", "本月发现", "已销号", "超期未整改"]);
    expect(sheets.get("按单位")).toContainEqual(["测试区人民检察院", "3", "0", "2"]);
    const overdue = sheets.get("超期问题")!;
    expect(overdue[1]!.slice(0, 5)).toEqual(["1", codes["F0 二月超期"], "F0 二月超期", "第一检察部", "李承办"]);
    expect(overdue[1]![8]).toBe("2026-03-05");
    expect(overdue[1]![9]).toBe("2026-02-20 12:00");
    expect(sheets.get("问责情况")![1]).toEqual(["2026-03-25", enumLabel("AccountabilityKind", "TALK", "zh"), "李承办", "超期未整改"]);
  });
});

describe("SQL statements of the report", () => {
  /** An office with `departments` departments, each with a March finding overdue by the month's end. */
  async function office(code: string, departments: number): Promise<string> {
    at("2026-03-10T04:00:00Z");
    const id = await createUnit(server, { code, name: `${code}院`, kind: "OFFICE", level: "BASIC", parent: tree.city });
    for (let d = 0; d < departments; d++) {
      const dept = await createUnit(server, { code: `${code}-${d}`, name: `${code}部${d}`, kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: id });
      const handler = await createPerson(server, { name: `${code}承办${d}`, unit: dept, position: "PROSECUTOR" });
      const f = await record(`${code}-${d}`, { unit: dept, handler, deadline: "2026-03-20", category: d % 2 ? "CASE_PROCEDURE" : "CASE_INFORMATION" });
      await server.ok(MUTATIONS.recordAccountabilityAction, { input: { kind: "TALK", targetPerson: handler, findings: [f], reason: "约谈", decidedOn: "2026-03-10" } });
    }
    at("2026-04-10T04:00:00Z");
    return id;
  }

  async function measured(unit: string) {
    await server.ok(`{ me { kind } }`);
    server.database.statements.count = 0;
    const data = await server.ok(REPORT, { month: "2026-03", unit });
    return { report: data.jointMeetingReport, statements: server.database.statements.count };
  }

  it("costs as many statements for 6 units as for 2", async () => {
    const small = await measured(await office("S2", 2));
    const large = await measured(await office("S6", 6));
    expect(small.report.byUnit).toHaveLength(2);
    expect(large.report.byUnit).toHaveLength(6);
    expect(large.report.overdueCount).toBe(6);
    expect(large.report.accountabilityActions).toHaveLength(6);
    console.log(`joint meeting statements: 2 units → ${small.statements}, 6 units → ${large.statements}`);
    expect(large.statements).toBe(small.statements);
  });
});
