import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enumLabel } from "../schema/labels.js";
import { buildSmallTree, createPerson, createUnit, dataSnapshot, journalSince, lastJournalSeq, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";
import { workbookSheets } from "./support/xlsx.js";

let server: TestServer;
let tree: SmallTree;
/** A second basic-level office (基层院) with one department: its head must see nothing of the first. */
let basic2: string;
let basic2Dept: string;
let headB1: Credentials;
let headB2: Credentials;
let supervisorB2: Credentials;

/** Monday 2031-10-20, 12:00 in Shanghai. */
const NOW = new Date("2031-10-20T04:00:00Z");
const at = (iso: string) => server.clock.set(new Date(iso));

const ITEM = "id code title source requirements startedOn deadline warningAt status closedAt closingSummary version overdue inWarning daysLeft unit { id } openedBy { id }";
const OPEN = `mutation($input: OpenSupervisionItemInput!) { openSupervisionItem(input: $input) { ${ITEM} } }`;
const FEEDBACK = `mutation($input: AddSupervisionFeedbackInput!) { addSupervisionFeedback(input: $input) { text createdAt author { id } } }`;
const CLOSE = `mutation($input: CloseSupervisionItemInput!) { closeSupervisionItem(input: $input) { ${ITEM} } }`;
const ISSUE = `mutation($input: IssueSupervisionNoticeInput!) {
  issueSupervisionNotice(input: $input) { id kind code text issuedAt item { id } findings { id source unit { id } handler { id } title deadline } }
}`;
const LIST = `query($filter: SupervisionItemFilter, $first: Int) {
  supervisionItems(filter: $filter, first: $first) { totalCount edges { node { id code overdue inWarning status } } }
}`;
const DETAIL = `query($id: ID!) { node(id: $id) { ... on SupervisionItem { ${ITEM}
  feedback { text author { id } } notices { id kind code findings { id source } } } } }`;
const REPORT = `query($month: String!, $unit: ID) {
  supervisionReport(month: $month, unit: $unit) {
    month asOf unit { id } opened closed open overdue suggestions rectificationNotices
    byUnit { unit { id } own opened closed open overdue }
    overdueItems { id code }
  }
}`;

interface Item {
  id: string;
  code: string;
  status: string;
  version: number;
  deadline: string;
  warningAt: string;
  overdue: boolean;
  inWarning: boolean;
  daysLeft: number | null;
  [key: string]: unknown;
}

const input = (extra: Record<string, unknown> = {}) => ({
  title: "落实案件流程监控整改要求",
  source: "LEADER_ASSIGNED",
  requirements: "对照通报逐项整改，一周内书面反馈整改情况。",
  unit: tree.basicProsecution,
  ...extra,
});
const open = (extra: Record<string, unknown> = {}, as?: Credentials) => server.gql<{ openSupervisionItem: Item }>(OPEN, { input: input(extra) }, as);
const opened = async (extra: Record<string, unknown> = {}) => {
  const res = await open(extra);
  expect(res.errors, JSON.stringify(extra)).toBeUndefined();
  return res.data!.openSupervisionItem;
};
const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
const counts = async () =>
  (
    (await server.database.exec(`select
      (select count(*)::int from supervision_items) as items,
      (select count(*)::int from supervision_feedback) as feedback,
      (select count(*)::int from supervision_notices) as notices`)) as [{ items: number; feedback: number; notices: number }]
  )[0];

const PROBLEM = {
  title: "整改台账未按期更新",
  description: "第一检察部整改台账十月未更新，销号材料缺失。",
  category: "CASE_PROCEDURE",
  severity: "IRREGULAR",
  rectificationClass: "IMMEDIATE",
  deadline: "2031-11-10",
};

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  tree = await buildSmallTree(server);
  basic2 = await createUnit(server, { code: "T-B2", name: "测试县人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
  basic2Dept = await createUnit(server, { code: "T-B2-GS", name: "第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: basic2 });
  headB1 = await signInAs(server, "UNIT_HEAD", tree.basic);
  headB2 = await signInAs(server, "UNIT_HEAD", basic2);
  supervisorB2 = await signInAs(server, "SUPERVISOR", basic2);
});
afterAll(() => server?.close());

describe("openSupervisionItem (督察立项)", () => {
  it("refuses the signed-out, unit heads, viewers and a unit outside the viewer's scope, writing nothing", async () => {
    const before = await counts();
    expect(code(await open({}, {}))).toBe("UNAUTHENTICATED");
    expect(code(await open({}, headB1))).toBe("FORBIDDEN");
    expect(code(await open({}, await signInAs(server, "VIEWER", tree.basic)))).toBe("FORBIDDEN");
    const outside = await open({}, supervisorB2);
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", id: tree.basicProsecution });
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = { counts: await counts(), data: await dataSnapshot(server) };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ title: "" }, "title"],
      [{ title: "   " }, "title"],
      [{ requirements: " " }, "requirements"],
      [{ startedOn: "2031-10-21" }, "startedOn"],
      [{ startedOn: "2031-10-15", deadline: "2031-10-14" }, "deadline"],
      [{ deadline: "2031-10-22", warningAt: "2031-10-22T16:00:00Z" }, "warningAt"],
      [{ unit: tree.handler }, "unit"],
    ];
    for (const [override, field] of bad) {
      const res = await open(override);
      expect(res.errors?.[0]?.extensions, JSON.stringify(override)).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await counts()).toEqual(before.counts);
    expect(await dataSnapshot(server)).toEqual(before.data);
  });

  it("is due five working days after the start (一周办结), warning from the working day before, numbered per year, journaled", async () => {
    const seq = await lastJournalSeq(server);
    const item = await opened();
    expect(item).toMatchObject({
      code: "督〔2031〕1号",
      status: "OPEN",
      startedOn: "2031-10-20",
      deadline: "2031-10-27",
      warningAt: "2031-10-23T16:00:00.000Z", // Friday 00:00 in Shanghai
      version: 1,
      overdue: false,
      inWarning: false,
      daysLeft: 7,
      unit: { id: tree.basicProsecution },
      closedAt: null,
    });
    const journal = await journalSince(server, seq);
    expect(journal.edges.map((e) => [e.node.action, e.node.entity])).toEqual([["openSupervisionItem", "SupervisionItem"]]);
    expect((await opened({ title: "第二项" })).code).toBe("督〔2031〕2号");
  });

  it("counts working days by the stored calendar: a holiday week pushes the deadline out", async () => {
    for (const day of ["2031-10-01", "2031-10-02", "2031-10-03"]) {
      await server.ok(`mutation($input: SetCalendarDayInput!) { setCalendarDay(input: $input) { day } }`, { input: { day, kind: "HOLIDAY", name: "国庆节" } });
    }
    const item = await opened({ startedOn: "2031-09-29" });
    expect(item.deadline).toBe("2031-10-09");
    expect(item.warningAt).toBe("2031-10-07T16:00:00.000Z");
    expect(item).toMatchObject({ overdue: true, inWarning: false, daysLeft: -11 });
    const given = await opened({ startedOn: "2031-10-20", deadline: "2031-10-20" });
    expect(given).toMatchObject({ deadline: "2031-10-20", warningAt: "2031-10-19T16:00:00.000Z", inWarning: true, daysLeft: 0 });
  });
});

describe("overdue and warning", () => {
  it("turns overdue after the deadline's last Shanghai day, and the list filters agree with the fields at every instant", async () => {
    const unit = await createUnit(server, { code: "T-B1-OD", name: "第二检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: tree.basic });
    await opened({ unit, deadline: "2031-10-20", title: "今日到期" });
    await opened({ unit, deadline: "2031-10-22", warningAt: "2031-10-20T16:00:00Z", title: "明日预警" });
    await opened({ unit, deadline: "2031-10-31", title: "月底到期" });
    await opened({ unit, startedOn: "2031-10-01", deadline: "2031-10-10", title: "早已超期" });
    const instants = ["2031-10-20T04:00:00Z", "2031-10-20T15:59:59Z", "2031-10-20T16:00:00Z", "2031-10-22T15:59:59Z", "2031-10-22T16:00:00Z", "2031-11-05T04:00:00Z"];
    try {
      for (const instant of instants) {
        at(instant);
        const all = (await server.ok<{ supervisionItems: { edges: { node: Item }[] } }>(LIST, { filter: { unit }, first: 100 })).supervisionItems.edges.map((e) => e.node);
        expect(all).toHaveLength(4);
        for (const key of ["overdue", "inWarning"] as const) {
          for (const value of [true, false]) {
            const listed = (await server.ok<{ supervisionItems: { edges: { node: Item }[] } }>(LIST, { filter: { unit, [key]: value }, first: 100 })).supervisionItems.edges;
            expect(listed.map((e) => e.node.id).sort(), `${key}=${value} at ${instant}`).toEqual(all.filter((i) => i[key] === value).map((i) => i.id).sort());
          }
        }
        const byTitle = new Map(all.map((i) => [i.code, i]));
        expect(byTitle.size).toBe(4);
      }
      at("2031-10-20T15:59:59Z");
      const before = (await server.ok<{ supervisionItems: { totalCount: number } }>(LIST, { filter: { unit, overdue: true } })).supervisionItems.totalCount;
      at("2031-10-20T16:00:00Z");
      const after = (await server.ok<{ supervisionItems: { totalCount: number } }>(LIST, { filter: { unit, overdue: true } })).supervisionItems.totalCount;
      expect([before, after]).toEqual([1, 2]);
    } finally {
      at(NOW.toISOString());
    }
  });

  it("filters by status, source, start day and unit subtree", async () => {
    const unit = await createUnit(server, { code: "T-B1-FL", name: "第三检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: tree.basic });
    const a = await opened({ unit, source: "COMPLAINT", startedOn: "2031-10-02" });
    const b = await opened({ unit, source: "SPECIAL", startedOn: "2031-10-16" });
    await server.ok(CLOSE, { input: { id: b.id, version: b.version, summary: "已办结" } });
    const ids = async (filter: Record<string, unknown>) =>
      (await server.ok<{ supervisionItems: { edges: { node: Item }[] } }>(LIST, { filter: { unit, ...filter } })).supervisionItems.edges.map((e) => e.node.id);
    expect(await ids({})).toEqual([b.id, a.id]);
    expect(await ids({ status: "CLOSED" })).toEqual([b.id]);
    expect(await ids({ source: "COMPLAINT" })).toEqual([a.id]);
    expect(await ids({ from: "2031-10-10" })).toEqual([b.id]);
    expect(await ids({ to: "2031-10-10" })).toEqual([a.id]);
    expect(await ids({ status: "OPEN", source: "SPECIAL" })).toEqual([]);
  });
});

describe("feedback (反馈) and closing (办结)", () => {
  it("takes feedback from the responsible unit's head and supervisors, in order; refuses others", async () => {
    const item = await opened();
    await server.ok(FEEDBACK, { input: { item: item.id, text: " 已组织全员学习通报，整改台账已更新。 " } }, headB1);
    await server.ok(FEEDBACK, { input: { item: item.id, text: "请补充销号材料。" } });
    expect(code(await server.gql(FEEDBACK, { input: { item: item.id, text: "越权反馈" } }, headB2))).toBe("NOT_FOUND");
    expect(code(await server.gql(FEEDBACK, { input: { item: item.id, text: "查阅" } }, await signInAs(server, "VIEWER", tree.basic)))).toBe("FORBIDDEN");
    expect(code(await server.gql(FEEDBACK, { input: { item: item.id, text: "x" } }, {}))).toBe("UNAUTHENTICATED");
    expect((await server.gql(FEEDBACK, { input: { item: item.id, text: "  " } })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    const detail = (await server.ok<{ node: { feedback: { text: string }[] } }>(DETAIL, { id: item.id })).node;
    expect(detail.feedback.map((f) => f.text)).toEqual(["已组织全员学习通报，整改台账已更新。", "请补充销号材料。"]);
  });

  it("closes with a summary and the version read; refuses a blank summary, a stale version, a second close and feedback after", async () => {
    const item = await opened();
    expect(code(await server.gql(CLOSE, { input: { id: item.id, version: 1, summary: "完成" } }, headB1))).toBe("FORBIDDEN");
    expect((await server.gql(CLOSE, { input: { id: item.id, version: 1, summary: " " } })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "summary" });
    expect(code(await server.gql(CLOSE, { input: { id: item.id, version: 2, summary: "完成" } }))).toBe("CONFLICT");
    const seq = await lastJournalSeq(server);
    const closed = (await server.ok<{ closeSupervisionItem: Item }>(CLOSE, { input: { id: item.id, version: 1, summary: " 已按要求整改到位。 " } })).closeSupervisionItem;
    expect(closed).toMatchObject({ status: "CLOSED", closingSummary: "已按要求整改到位。", version: 2, overdue: false, inWarning: false, daysLeft: null, closedAt: NOW.toISOString() });
    expect((await journalSince(server, seq)).edges.map((e) => e.node.action)).toEqual(["closeSupervisionItem"]);
    expect(code(await server.gql(CLOSE, { input: { id: item.id, version: 2, summary: "再次办结" } }))).toBe("INVALID_TRANSITION");
    expect(code(await server.gql(FEEDBACK, { input: { item: item.id, text: "补充" } }, headB1))).toBe("INVALID_TRANSITION");
  });
});

describe("issueSupervisionNotice (督察建议 / 整改通知书)", () => {
  it("opens one finding per problem with the notice, in one transaction, numbered per year and kind", async () => {
    const item = await opened();
    const seq = await lastJournalSeq(server);
    const res = await server.ok<{ issueSupervisionNotice: { id: string; code: string; kind: string; findings: { id: string; source: string; unit: { id: string }; handler: { id: string } | null }[] } }>(ISSUE, {
      input: {
        item: item.id,
        kind: "RECTIFICATION_NOTICE",
        text: "经督察，发现以下问题，请于限期内整改并书面报告。",
        problems: [PROBLEM, { ...PROBLEM, title: "承办人未及时录入案卡", handler: tree.handler, caseRef: "测检刑诉〔2031〕8号", category: "CASE_INFORMATION" }],
      },
    });
    const notice = res.issueSupervisionNotice;
    expect(notice).toMatchObject({ code: "督改〔2031〕1号", kind: "RECTIFICATION_NOTICE" });
    expect(notice.findings).toHaveLength(2);
    expect(notice.findings.map((f) => [f.source, f.unit.id, f.handler?.id ?? null])).toEqual([
      ["SUPERVISION", tree.basicProsecution, null],
      ["SUPERVISION", tree.basicProsecution, tree.handler],
    ]);
    const journal = (await journalSince(server, seq)).edges.map((e) => [e.node.seq, e.node.action, e.node.entity]);
    expect(journal.map(([, action, entity]) => [action, entity])).toEqual([
      ["issueSupervisionNotice", "SupervisionNotice"],
      ["recordFinding", "Finding"],
      ["recordFinding", "Finding"],
    ]);
    expect(journal.map(([s]) => s)).toEqual([seq + 1, seq + 2, seq + 3]);
    const linked = (await server.database.exec(`select count(*)::int as n from findings where supervision_notice_id is not null and source = 'SUPERVISION'`)) as [{ n: number }];
    expect(linked[0].n).toBe(2);

    const s1 = await server.ok<{ issueSupervisionNotice: { code: string; findings: unknown[] } }>(ISSUE, { input: { item: item.id, kind: "SUGGESTION", text: "建议完善内部监督制度。" } });
    expect(s1.issueSupervisionNotice).toMatchObject({ code: "督建〔2031〕1号", findings: [] });
    const s2 = await server.ok<{ issueSupervisionNotice: { code: string } }>(ISSUE, { input: { item: item.id, kind: "SUGGESTION", text: "建议加强培训。", problems: [PROBLEM] } });
    expect(s2.issueSupervisionNotice.code).toBe("督建〔2031〕2号");

    const detail = (await server.ok<{ node: { notices: { code: string; findings: unknown[] }[] } }>(DETAIL, { id: item.id })).node;
    expect(detail.notices.map((n) => [n.code, n.findings.length])).toEqual([
      ["督改〔2031〕1号", 2],
      ["督建〔2031〕1号", 0],
      ["督建〔2031〕2号", 1],
    ]);
    const byNode = await server.ok<{ node: { code: string; item: { id: string } } }>(`query($id: ID!) { node(id: $id) { ... on SupervisionNotice { code item { id } } } }`, { id: notice.id });
    expect(byNode.node).toEqual({ code: "督改〔2031〕1号", item: { id: item.id } });
  });

  it("refuses bad problems naming problems.N.field and writes nothing at all", async () => {
    const item = await opened();
    const before = { counts: await counts(), data: await dataSnapshot(server) };
    const issue = (extra: Record<string, unknown>, as?: Credentials) =>
      server.gql(ISSUE, { input: { item: item.id, kind: "RECTIFICATION_NOTICE", text: "整改通知", problems: [PROBLEM], ...extra } }, as);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ problems: [] }, "problems"],
      [{ text: " " }, "text"],
      [{ problems: [PROBLEM, { ...PROBLEM, deadline: "2031-10-01" }] }, "problems.1.deadline"],
      [{ problems: [{ ...PROBLEM, title: "" }] }, "problems.0.title"],
      [{ problems: [{ ...PROBLEM, handler: tree.supervisor }] }, "problems.0.handler"],
      [{ problems: [{ ...PROBLEM, unit: tree.cityCaseDept }] }, "problems.0.unit"],
      [{ problems: [{ ...PROBLEM, unit: tree.handler }] }, "problems.0.unit"],
    ];
    for (const [override, field] of bad) {
      const res = await issue(override);
      expect(res.errors?.[0]?.extensions, JSON.stringify(override)).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(code(await issue({}, headB1))).toBe("FORBIDDEN");
    expect(code(await issue({}, supervisorB2))).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before.counts);
    expect(await dataSnapshot(server)).toEqual(before.data);
    // The numbers skipped nothing: the next notice takes the next number.
    const ok = await server.ok<{ issueSupervisionNotice: { code: string } }>(ISSUE, { input: { item: item.id, kind: "RECTIFICATION_NOTICE", text: "整改通知", problems: [PROBLEM] } });
    expect(ok.issueSupervisionNotice.code).toBe("督改〔2031〕2号");
    await server.ok(CLOSE, { input: { id: item.id, version: 1, summary: "已办结" } });
    expect(code(await issue({}))).toBe("INVALID_TRANSITION");
  });
});

describe("scope", () => {
  it("shows another office's unit head nothing of this office: lists, node(id) and notices", async () => {
    const mine = await opened({ unit: basic2Dept, title: "县院事项" });
    const theirs = await opened({ title: "区院事项" });
    const notice = (await server.ok<{ issueSupervisionNotice: { id: string } }>(ISSUE, { input: { item: theirs.id, kind: "SUGGESTION", text: "建议" } })).issueSupervisionNotice;
    const list = (await server.ok<{ supervisionItems: { totalCount: number; edges: { node: Item }[] } }>(LIST, { first: 100 }, headB2)).supervisionItems;
    expect(list.totalCount).toBe(1);
    expect(list.edges.map((e) => e.node.id)).toEqual([mine.id]);
    for (const id of [theirs.id, notice.id]) expect(code(await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, headB2))).toBe("NOT_FOUND");
    expect(code(await server.gql(LIST, { filter: { unit: tree.basic } }, headB2))).toBe("NOT_FOUND");
    const seen = (await server.ok<{ node: { id: string } }>(`query($id: ID!) { node(id: $id) { id } }`, { id: mine.id }, headB2)).node;
    expect(seen.id).toBe(mine.id);
    // The journal (the source of live events) shows them only the rows of their own office's item.
    const journal = (await server.ok<{ journal: { edges: { node: { entity: string; entityId: string } }[] } }>(
      `{ journal(since: 0, first: 100) { edges { node { entity entityId } } } }`,
      {},
      headB2,
    )).journal.edges.map((e) => e.node);
    expect(journal.filter((j) => j.entity.startsWith("Supervision"))).toEqual([{ entity: "SupervisionItem", entityId: mine.id }]);
  });
});

describe("supervisionReport (督察专报)", () => {
  let basic3: string;
  let dept1: string;
  let dept2: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    basic3 = await createUnit(server, { code: "T-B3", name: "报告县人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
    dept1 = await createUnit(server, { code: "T-B3-1", name: "第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: basic3 });
    dept2 = await createUnit(server, { code: "T-B3-2", name: "第二检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "侦查监督", parent: basic3 });
    await createPerson(server, { name: "钱报告", unit: dept1, position: "PROSECUTOR" });
    ids.A = (await opened({ unit: dept1, title: "A 九月超期", startedOn: "2031-09-25", deadline: "2031-09-30" })).id;
    ids.B = (await opened({ unit: dept1, title: "B 十月在办", startedOn: "2031-10-08", deadline: "2031-10-31" })).id;
    ids.C = (await opened({ unit: dept2, title: "C 十月超期", startedOn: "2031-10-09", deadline: "2031-10-15" })).id;
    const d = await opened({ unit: basic3, title: "D 本级办结", startedOn: "2031-10-10", deadline: "2031-10-17" });
    ids.D = d.id;
    await server.ok(CLOSE, { input: { id: d.id, version: d.version, summary: "已办结" } });
    await server.ok(ISSUE, { input: { item: ids.B, kind: "SUGGESTION", text: "建议" } });
    await server.ok(ISSUE, { input: { item: ids.C, kind: "RECTIFICATION_NOTICE", text: "整改", problems: [{ ...PROBLEM, unit: dept2 }] } });
  });

  it("counts per unit: opened and closed in the month, open and overdue at the report time, with the overdue list", async () => {
    const r = (await server.ok<{ supervisionReport: Record<string, unknown> }>(REPORT, { month: "2031-10", unit: basic3 })).supervisionReport;
    expect(r).toMatchObject({ month: "2031-10", asOf: NOW.toISOString(), unit: { id: basic3 }, opened: 3, closed: 1, open: 3, overdue: 2, suggestions: 1, rectificationNotices: 1 });
    expect(r.byUnit).toEqual([
      { unit: { id: basic3 }, own: true, opened: 1, closed: 1, open: 0, overdue: 0 },
      { unit: { id: dept1 }, own: false, opened: 1, closed: 0, open: 2, overdue: 1 },
      { unit: { id: dept2 }, own: false, opened: 1, closed: 0, open: 1, overdue: 1 },
    ]);
    expect((r.overdueItems as { id: string }[]).map((i) => i.id)).toEqual([ids.A, ids.C]);
  });

  it("reads a past month as it stood at its last instant: due on the last day is not yet overdue", async () => {
    const r = (await server.ok<{ supervisionReport: Record<string, unknown> }>(REPORT, { month: "2031-09", unit: basic3 })).supervisionReport;
    expect(r).toMatchObject({ asOf: "2031-09-30T15:59:59.999Z", opened: 1, closed: 0, open: 1, overdue: 0, suggestions: 0, rectificationNotices: 0, overdueItems: [] });
    expect(r.byUnit).toEqual([
      { unit: { id: dept1 }, own: false, opened: 1, closed: 0, open: 1, overdue: 0 },
      { unit: { id: dept2 }, own: false, opened: 0, closed: 0, open: 0, overdue: 0 },
    ]);
  });

  it("refuses a bad or future month and a unit outside the scope; another office's head counts only their own", async () => {
    for (const month of ["2031-13", "2031-11", "31-10"]) {
      expect((await server.gql(REPORT, { month })).errors?.[0]?.extensions, month).toMatchObject({ code: "BAD_USER_INPUT", field: "month" });
    }
    expect(code(await server.gql(REPORT, { month: "2031-10", unit: basic3 }, headB2))).toBe("NOT_FOUND");
    const theirs = (await server.ok<{ supervisionReport: { unit: { id: string }; opened: number; overdueItems: unknown[] } }>(REPORT, { month: "2031-10" }, headB2)).supervisionReport;
    expect(theirs.unit.id).toBe(basic2);
    expect(theirs.opened).toBe(1);
    expect(theirs.overdueItems).toEqual([]);
  });

  it("exports the report as XLSX in the viewer's scope", async () => {
    const download = (query: string, headers: Record<string, string> = {}) => fetch(`${new URL(server.url).origin}/export/supervision-report.xlsx?${query}`, { headers });
    expect((await download("month=2031-10")).status).toBe(401);
    const q = `month=2031-10&unit=${encodeURIComponent(basic3)}`;
    expect((await download(q, { cookie: headB2.cookie! })).status).toBe(404);
    const res = await download(q, { cookie: server.adminCookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(encodeURIComponent("督察专报-2031-10"));
    const sheets = await workbookSheets(Buffer.from(await res.arrayBuffer()));
    expect([...sheets.keys()]).toEqual(["概况", "按单位", "超期事项"]);
    expect(sheets.get("概况")).toContainEqual(["本月立项", "3"]);
    expect(sheets.get("概况")).toContainEqual(["月末超期", "2"]);
    expect(sheets.get("概况")).toContainEqual([enumLabel("SupervisionNoticeKind", "RECTIFICATION_NOTICE", "zh"), "1"]);
    expect(sheets.get("按单位")).toEqual([
      ["责任单位", "本月立项", "本月办结", "月末在办", "月末超期"],
      ["报告县人民检察院（本级）", "1", "1", "0", "0"],
      ["第一检察部", "1", "0", "2", "1"],
      ["第二检察部", "1", "0", "1", "1"],
    ]);
    const overdue = sheets.get("超期事项")!;
    expect(overdue.slice(1).map((r) => r[1])).toEqual(["A 九月超期", "C 十月超期"]);
    expect(overdue[1]![2]).toBe(enumLabel("SupervisionSource", "LEADER_ASSIGNED", "zh"));
  });
});
