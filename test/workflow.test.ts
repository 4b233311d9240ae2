import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSmallTree,
  createPerson,
  createUnit,
  dataSnapshot,
  findingInput,
  journalSince,
  lastJournalSeq,
  MUTATIONS,
  RECORD_FINDING,
  type SmallTree,
} from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

const NOW = new Date("2026-11-23T02:00:00Z"); // 10:00 on 2026-11-23 in Shanghai
const TODAY = "2026-11-23";

let server: TestServer;
let tree: SmallTree;
let seq = 0;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  tree = await buildSmallTree(server);
  seq = await lastJournalSeq(server);
});
afterAll(() => server?.close());

/** Runs a mutation that must succeed and append exactly one journal row with `action`. */
async function mutate<T = Record<string, any>>(action: keyof typeof MUTATIONS | "recordFinding", variables: Record<string, unknown>): Promise<T> {
  const data = await server.ok<Record<string, any>>(action === "recordFinding" ? RECORD_FINDING : MUTATIONS[action], variables);
  const tail = await journalSince(server, seq);
  expect(tail.totalCount, `journal rows appended by ${action}`).toBe(1);
  expect(tail.edges[0]!.node).toMatchObject({ seq: seq + 1, action });
  seq += 1;
  return data[action] as T;
}

async function record(overrides: Record<string, unknown> = {}) {
  return mutate<{ id: string; code: string; status: string; version: number; flag: string; warningAt: string }>("recordFinding", {
    input: findingInput(tree, overrides),
  });
}

/** Records a finding and drives it to SUBMITTED. */
async function submitted(overrides: Record<string, unknown> = {}) {
  const f = await record(overrides);
  await mutate("startRectification", { input: { id: f.id } });
  return mutate<{ id: string; status: string; version: number }>("submitRectification", { input: { id: f.id } });
}

describe("rectification workflow", () => {
  it("refuses the handler as verifier with BAD_USER_INPUT and changes nothing", async () => {
    const f = await submitted();
    const before = await dataSnapshot(server);
    const result = await server.gql(MUTATIONS.verifyRectification, { input: { id: f.id, verifier: tree.handler } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "verifier" });
    expect(await dataSnapshot(server)).toEqual(before);
    const after = await server.ok(`query($id: ID!) { finding(id: $id) { status version verifiedAt } }`, { id: f.id });
    expect(after.finding).toEqual({ status: "SUBMITTED", version: f.version, verifiedAt: null });
  });

  it("drives a finding from recording through a rejection to verification, one journal row per step", async () => {
    const f = await record({ caseRef: "测检刑诉〔2026〕88号" });
    expect(f).toMatchObject({ status: "OPEN", version: 1, flag: "YELLOW" });
    expect(f.code).toMatch(/^ZG-2026-\d{5}$/);

    server.clock.set(new Date("2026-11-23T03:00:00Z"));
    const started = await mutate("startRectification", { input: { id: f.id, version: 1 } });
    expect(started).toMatchObject({ status: "RECTIFYING", version: 2 });

    const measure = await mutate<{ id: string; done: boolean }>("addMeasure", {
      input: { id: f.id, text: "补正起诉书羁押情况表述", owner: tree.handler, due: "2026-12-01" },
    });
    expect(measure).toMatchObject({ text: "补正起诉书羁押情况表述", due: "2026-12-01", done: false, doneAt: null });
    const done = await mutate("completeMeasure", { input: { measure: measure.id } });
    expect(done).toEqual({ id: measure.id, done: true, doneAt: "2026-11-23T03:00:00.000Z" });

    const direct = await mutate("assignResponsibility", { input: { id: f.id, tier: "DIRECT", person: tree.handler } });
    const main = await mutate("assignResponsibility", { input: { id: f.id, tier: "MAIN", unit: tree.basicProsecution } });
    expect([direct.tier, main.tier]).toEqual(["DIRECT", "MAIN"]);

    server.clock.set(new Date("2026-11-24T01:00:00Z"));
    const first = await mutate("submitRectification", { input: { id: f.id } });
    expect(first).toMatchObject({ status: "SUBMITTED", submittedAt: "2026-11-24T01:00:00.000Z" });
    const rejected = await mutate("rejectRectification", { input: { id: f.id, reason: "整改材料不全，退回补充" } });
    expect(rejected).toMatchObject({ status: "RECTIFYING", rejectionReason: "整改材料不全，退回补充", flag: "YELLOW" });
    await mutate("submitRectification", { input: { id: f.id } });

    server.clock.set(new Date("2026-11-25T06:30:00Z"));
    const verified = await mutate("verifyRectification", { input: { id: f.id, verifier: tree.supervisor } });
    expect(verified).toMatchObject({ status: "VERIFIED", flag: "RED", overdue: false, inWarning: false, verifiedAt: "2026-11-25T06:30:00.000Z" });
    expect(verified.version).toBe(10);

    const { finding } = await server.ok(
      `query($id: ID!) { finding(id: $id) {
        code status caseRef rejectionReason availableSteps
        unit { name parent { name } } handler { name unit { name } } foundBy { name } verifiedBy { name }
        measures { id text done owner { name } }
        responsibilities { tier person { name } unit { name } }
        history { seq action entity entityId }
      } }`,
      { id: f.id },
    );
    expect(finding).toMatchObject({
      code: f.code,
      status: "VERIFIED",
      caseRef: "测检刑诉〔2026〕88号",
      rejectionReason: "整改材料不全，退回补充",
      unit: { name: "第一检察部", parent: { name: "测试区人民检察院" } },
      handler: { name: "李承办", unit: { name: "第一检察部" } },
      foundBy: { name: "周监管" },
      verifiedBy: { name: "周监管" },
      measures: [{ id: measure.id, text: "补正起诉书羁押情况表述", done: true, owner: { name: "李承办" } }],
      responsibilities: [
        { tier: "DIRECT", person: { name: "李承办" }, unit: null },
        { tier: "MAIN", person: null, unit: { name: "第一检察部" } },
      ],
    });
    expect(finding.availableSteps).not.toContain("submitRectification");
    expect(finding.history.map((h: { action: string }) => h.action)).toEqual([
      "recordFinding",
      "startRectification",
      "addMeasure",
      "completeMeasure",
      "assignResponsibility",
      "assignResponsibility",
      "submitRectification",
      "rejectRectification",
      "submitRectification",
      "verifyRectification",
    ]);
    expect(finding.history.every((h: { entity: string; entityId: string }) => h.entity === "Finding" && h.entityId === f.id)).toBe(true);
    expect(finding.history.at(-1).seq).toBe(seq);
    server.clock.set(NOW);
  });

  it("withdraws a finding with its reason and keeps it readable", async () => {
    const f = await record();
    const withdrawn = await mutate("withdrawFinding", { input: { id: f.id, reason: "经复核不构成问题" } });
    expect(withdrawn).toMatchObject({ status: "WITHDRAWN", withdrawalReason: "经复核不构成问题", flag: null, overdue: false });
    const { finding } = await server.ok(`query($id: ID!) { finding(id: $id) { status withdrawalReason history { action } } }`, { id: f.id });
    expect(finding).toEqual({ status: "WITHDRAWN", withdrawalReason: "经复核不构成问题", history: [{ action: "recordFinding" }, { action: "withdrawFinding" }] });
    const [row] = await server.database.exec(`select count(*)::int as n from findings where status = 'WITHDRAWN' and code = '${f.code}'`);
    expect(row!.n).toBe(1);
  });

  it("records accountability actions against a person and a unit, linked to findings", async () => {
    const a = await submitted();
    const b = await record();
    const talk = await mutate<{ id: string }>("recordAccountabilityAction", {
      input: { kind: "TALK", targetPerson: tree.handler, findings: [a.id, b.id], reason: "整改不到位，约谈承办人", decidedBy: tree.supervisor },
    });
    expect(talk).toMatchObject({ kind: "TALK", decidedOn: TODAY });
    const criticism = await mutate<{ id: string }>("recordAccountabilityAction", {
      input: { kind: "BULLETIN_CRITICISM", targetUnit: tree.basicProsecution, findings: [b.id], reason: "同类问题反复出现", decidedOn: "2026-11-20" },
    });
    const { action } = await server.ok(
      `query($id: ID!) { action: accountabilityAction(id: $id) { kind reason targetPerson { name } targetUnit { name } decidedBy { name } findings { id } } }`,
      { id: talk.id },
    );
    expect(action).toEqual({
      kind: "TALK",
      reason: "整改不到位，约谈承办人",
      targetPerson: { name: "李承办" },
      targetUnit: null,
      decidedBy: { name: "周监管" },
      findings: [{ id: a.id }, { id: b.id }],
    });
    const { finding } = await server.ok(`query($id: ID!) { finding(id: $id) { accountabilityActions { id kind targetUnit { name } findings { id } } } }`, { id: b.id });
    expect(finding.accountabilityActions).toEqual([
      { id: talk.id, kind: "TALK", targetUnit: null, findings: [{ id: a.id }, { id: b.id }] },
      { id: criticism.id, kind: "BULLETIN_CRITICISM", targetUnit: { name: "第一检察部" }, findings: [{ id: b.id }] },
    ]);
    const { accountabilityActions } = await server.ok(
      `query($f: ID!) { accountabilityActions(filter: { finding: $f }) { totalCount edges { node { id } } } }`,
      { f: a.id },
    );
    expect(accountabilityActions).toEqual({ totalCount: 1, edges: [{ node: { id: talk.id } }] });
  });
});

describe("bulletins", () => {
  it("numbers published bulletins per year: 2026年第1期, then 2026年第2期", async () => {
    const f = await record({ caseRef: "测检刑诉〔2026〕21号", description: "起诉书遗漏羁押期限。" });
    const draft = await mutate<{ id: string }>("createBulletin", {
      input: {
        unit: tree.city,
        kind: "PROCESS_MONITORING",
        title: "2026年11月流程监控检查情况通报",
        items: [{ kind: "CRITICISM", finding: f.id }, { kind: "HIGHLIGHT", text: "第一检察部案卡填录规范，予以表扬" }],
      },
    });
    expect(draft).toMatchObject({ published: false, number: null, issue: null });
    const first = await mutate("publishBulletin", { id: draft.id });
    expect(first).toMatchObject({ published: true, year: 2026, number: 1, issue: "2026年第1期", publishedAt: NOW.toISOString() });

    const { bulletin } = await server.ok(
      `query($id: ID!) { bulletin(id: $id) { unit { name } items { position kind text unitName departmentName handlerName caseRef example finding { id } } } }`,
      { id: draft.id },
    );
    expect(bulletin).toEqual({
      unit: { name: "测试市人民检察院" },
      items: [
        {
          position: 1,
          kind: "CRITICISM",
          text: "起诉书未载明被告人羁押情况",
          unitName: "测试区人民检察院",
          departmentName: "第一检察部",
          handlerName: "李承办",
          caseRef: "测检刑诉〔2026〕21号",
          example: "起诉书遗漏羁押期限。",
          finding: { id: f.id },
        },
        { position: 2, kind: "HIGHLIGHT", text: "第一检察部案卡填录规范，予以表扬", unitName: null, departmentName: null, handlerName: null, caseRef: null, example: null, finding: null },
      ],
    });

    const second = await mutate<{ id: string }>("createBulletin", {
      input: { unit: tree.basic, kind: "GOVERNANCE", title: "政务运行情况通报", items: [{ kind: "HIGHLIGHT", text: "按期办结" }] },
    });
    expect(await mutate("publishBulletin", { id: second.id })).toMatchObject({ number: 2, issue: "2026年第2期" });
  });

  it("gives drafts published at the same time distinct consecutive numbers", async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = await mutate<{ id: string }>("createBulletin", {
        input: { unit: tree.city, kind: "SAMPLING_ASSESSMENT", title: `特别抽样评估通报 ${i}`, items: [{ kind: "HIGHLIGHT", text: `亮点 ${i}` }] },
      });
      drafts.push(d.id);
    }
    const results = await Promise.all(drafts.map((id) => server.gql(MUTATIONS.publishBulletin, { id })));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const numbers = results.map((r) => r.data!.publishBulletin.number as number).sort((x, y) => x - y);
    expect(numbers).toEqual([3, 4, 5, 6, 7]);
    const tail = await journalSince(server, seq);
    expect(tail.edges.map((e) => e.node.action)).toEqual(Array(5).fill("publishBulletin"));
    seq += 5;
    const [row] = await server.database.exec(`select count(distinct number)::int as n, max(number)::int as max from bulletins where year = 2026`);
    expect(row).toEqual({ n: 7, max: 7 });
  });
});

describe("node(id)", () => {
  it("returns every kind of object by its global id", async () => {
    const open = await record();
    const m = await mutate<{ id: string }>("addMeasure", { input: { id: open.id, text: "建立案卡复核制度", due: "2026-12-01" } });
    const r = await mutate<{ id: string }>("assignResponsibility", { input: { id: open.id, tier: "PRIMARY", person: tree.supervisor } });
    const a = await mutate<{ id: string }>("recordAccountabilityAction", { input: { kind: "ADMONISHMENT", targetPerson: tree.handler, findings: [open.id], reason: "逾期未整改" } });
    const b = await mutate<{ id: string }>("createBulletin", { input: { unit: tree.city, kind: "GOVERNANCE", title: "通报", items: [{ kind: "CRITICISM", finding: open.id }] } });
    const { bulletin } = await server.ok(`query($id: ID!) { bulletin(id: $id) { items { id } } }`, { id: b.id });
    const entry = (await journalSince(server, seq - 1)).edges[0]!.node;
    const { journal } = await server.ok(`query($s: Int!) { journal(since: $s, first: 1) { edges { node { id } } } }`, { s: seq - 1 });

    const expected: [string, string, Record<string, unknown>][] = [
      ["Unit", tree.basic, { name: "测试区人民检察院" }],
      ["Person", tree.handler, { name: "李承办" }],
      ["Finding", open.id, { code: open.code }],
      ["Measure", m.id, { text: "建立案卡复核制度" }],
      ["Responsibility", r.id, { tier: "PRIMARY" }],
      ["AccountabilityAction", a.id, { kind: "ADMONISHMENT" }],
      ["Bulletin", b.id, { title: "通报" }],
      ["BulletinItem", bulletin.items[0].id, { position: 1 }],
      ["JournalEntry", journal.edges[0].node.id, { seq: entry.seq, action: "createBulletin" }],
    ];
    for (const [typename, id, fields] of expected) {
      const { node } = await server.ok(
        `query($id: ID!) { node(id: $id) { __typename id
          ... on Unit { name } ... on Person { name } ... on Finding { code } ... on Measure { text }
          ... on Responsibility { tier } ... on AccountabilityAction { kind } ... on Bulletin { title }
          ... on BulletinItem { position } ... on JournalEntry { seq action } } }`,
        { id },
      );
      expect(node, typename).toEqual({ __typename: typename, id, ...fields });
    }
    const missing = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: Buffer.from("Finding:999999").toString("base64url") });
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

interface LedgerRow {
  id: string;
  unit: "A" | "B";
  handler: string | null;
  severity: string;
  source: string;
  rectificationClass: string;
  category: string;
  status: string;
  deadline: string;
  foundAt: string;
  warningAt: string;
  title: string;
  description: string;
  caseRef: string | null;
}

describe("the ledger (findings)", () => {
  const rows: LedgerRow[] = [];
  const ids: Record<string, string> = {};
  const SEVERITIES = ["FLAW", "IRREGULAR", "UNQUALIFIED"];
  const SOURCES = ["PROCESS_MONITORING", "SAMPLING", "QUALITY_REVIEW", "SUPERVISION"];
  const CLASSES = ["IMMEDIATE", "GRADUAL", "ESCALATE"];
  const CATEGORIES = ["CASE_PROCEDURE", "LEGAL_DOCUMENTS", "CASE_INFORMATION", "CONDUCT_DISCIPLINE"];
  const DEADLINES = ["2026-10-15", "2026-11-22", "2026-11-23", "2026-11-25", "2026-12-31", "2027-01-15"];
  const STATUS_PLAN = ["OPEN", "RECTIFYING", "SUBMITTED", "VERIFIED", "WITHDRAWN", "REJECTED", "OPEN"];
  const N = 38;

  beforeAll(async () => {
    ids.office = await createUnit(server, { code: "T-LEDGER", name: "台账区人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
    ids.A = await createUnit(server, { code: "T-LEDGER-A", name: "第二检察部", kind: "DEPARTMENT", level: "BASIC", parent: ids.office });
    ids.B = await createUnit(server, { code: "T-LEDGER-B", name: "第五检察部", kind: "DEPARTMENT", level: "BASIC", parent: ids.office });
    ids.hA1 = await createPerson(server, { name: "赵一", unit: ids.A, position: "PROSECUTOR" });
    ids.hA2 = await createPerson(server, { name: "钱二", unit: ids.A, position: "ASSISTANT" });
    ids.hB1 = await createPerson(server, { name: "孙三", unit: ids.B, position: "PROSECUTOR" });
    seq = await lastJournalSeq(server);

    for (let i = 0; i < N; i++) {
      // Three findings per clock tick, so UPDATED_AT has ties that straddle pages.
      server.clock.set(new Date(Date.parse("2026-11-21T00:00:00Z") + Math.floor(i / 3) * 47 * 60_000));
      const unit = i % 3 === 0 ? "B" : "A";
      const handler = i % 7 === 0 ? null : unit === "B" ? "hB1" : i % 2 ? "hA1" : "hA2";
      // Two findings either side of midnight in Shanghai on 2026-10-01.
      const foundAt =
        i === 5 ? "2026-09-30T15:30:00.000Z" : i === 6 ? "2026-09-30T16:30:00.000Z" : new Date(Date.parse("2026-09-01T03:00:00Z") + i * 86_400_000).toISOString();
      const deadline = DEADLINES[i % DEADLINES.length]!;
      const input = {
        title: i === 9 ? "结案率100%但案卡缺项" : i % 4 === 0 ? `未及时告知羁押期限 ${i}` : `文书送达回证缺失 ${i}`,
        description: i % 5 === 0 ? `送达回证未归档 ${i}` : `案件流程节点超时 ${i}`,
        caseRef: i % 6 === 1 ? `测检 XJ-77-${i}` : i % 6 === 2 ? null : `测检刑诉〔2026〕${100 + i}号`,
        unit: ids[unit],
        handler: handler ? ids[handler] : null,
        category: CATEGORIES[i % 4],
        severity: SEVERITIES[i % 3],
        source: SOURCES[(i + 1) % 4],
        rectificationClass: CLASSES[Math.floor(i / 2) % 3],
        deadline,
        foundAt,
        foundBy: tree.supervisor,
        // An explicit warning time a minute before NOW, where the deadline allows it.
        ...(i % 4 === 3 && deadline >= TODAY ? { warningAt: "2026-11-23T01:59:00.000Z" } : {}),
      };
      const f = await mutate<{ id: string; warningAt: string }>("recordFinding", { input });
      const plan = STATUS_PLAN[i % STATUS_PLAN.length]!;
      if (plan === "WITHDRAWN") await mutate("withdrawFinding", { input: { id: f.id, reason: "重复登记" } });
      if (["RECTIFYING", "SUBMITTED", "VERIFIED", "REJECTED"].includes(plan)) await mutate("startRectification", { input: { id: f.id } });
      if (["SUBMITTED", "VERIFIED", "REJECTED"].includes(plan)) await mutate("submitRectification", { input: { id: f.id } });
      if (plan === "VERIFIED") await mutate("verifyRectification", { input: { id: f.id, verifier: tree.supervisor } });
      if (plan === "REJECTED") await mutate("rejectRectification", { input: { id: f.id, reason: "退回" } });
      rows.push({
        id: f.id,
        unit,
        handler,
        severity: input.severity!,
        source: input.source!,
        rectificationClass: input.rectificationClass!,
        category: input.category!,
        status: plan === "REJECTED" ? "RECTIFYING" : plan,
        deadline,
        foundAt,
        warningAt: f.warningAt,
        title: input.title,
        description: input.description,
        caseRef: input.caseRef,
      });
    }
    server.clock.set(NOW);
  });

  const active = (r: LedgerRow) => ["OPEN", "RECTIFYING", "SUBMITTED"].includes(r.status);
  const overdue = (r: LedgerRow) => active(r) && r.deadline < TODAY;
  const inWarning = (r: LedgerRow) => active(r) && !overdue(r) && Date.parse(r.warningAt) <= NOW.getTime();
  const flag = (r: LedgerRow) => (r.status === "VERIFIED" ? "RED" : !active(r) ? null : overdue(r) ? "BLACK" : "YELLOW");
  const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

  const FILTERS: [string, () => Record<string, unknown>, (r: LedgerRow) => boolean][] = [
    ["unit (a department's subtree)", () => ({ unit: ids.A }), (r) => r.unit === "A"],
    ["status", () => ({ status: ["OPEN"] }), (r) => r.status === "OPEN"],
    ["several statuses", () => ({ status: ["RECTIFYING", "SUBMITTED"] }), (r) => ["RECTIFYING", "SUBMITTED"].includes(r.status)],
    ["flag RED", () => ({ flag: ["RED"] }), (r) => flag(r) === "RED"],
    ["flag YELLOW", () => ({ flag: ["YELLOW"] }), (r) => flag(r) === "YELLOW"],
    ["flag BLACK", () => ({ flag: ["BLACK"] }), (r) => flag(r) === "BLACK"],
    ["flags RED or BLACK", () => ({ flag: ["RED", "BLACK"] }), (r) => ["RED", "BLACK"].includes(flag(r) ?? "")],
    ["rectificationClass", () => ({ rectificationClass: ["ESCALATE"] }), (r) => r.rectificationClass === "ESCALATE"],
    ["severity", () => ({ severity: ["UNQUALIFIED", "FLAW"] }), (r) => ["UNQUALIFIED", "FLAW"].includes(r.severity)],
    ["source", () => ({ source: ["SAMPLING"] }), (r) => r.source === "SAMPLING"],
    ["category", () => ({ category: ["CONDUCT_DISCIPLINE"] }), (r) => r.category === "CONDUCT_DISCIPLINE"],
    ["handler", () => ({ handler: ids.hA1 }), (r) => r.handler === "hA1"],
    ["overdue", () => ({ overdue: true }), overdue],
    ["not overdue", () => ({ overdue: false }), (r) => !overdue(r)],
    ["in warning", () => ({ inWarning: true }), inWarning],
    ["deadline from (inclusive)", () => ({ deadlineFrom: TODAY }), (r) => r.deadline >= TODAY],
    ["deadline to (inclusive)", () => ({ deadlineTo: TODAY }), (r) => r.deadline <= TODAY],
    ["deadline range", () => ({ deadlineFrom: "2026-11-22", deadlineTo: "2026-11-25" }), (r) => r.deadline >= "2026-11-22" && r.deadline <= "2026-11-25"],
    ["found from (a Shanghai day)", () => ({ foundFrom: "2026-10-01" }), (r) => shanghaiDay(r.foundAt) >= "2026-10-01"],
    ["found to (a Shanghai day)", () => ({ foundTo: "2026-09-30" }), (r) => shanghaiDay(r.foundAt) <= "2026-09-30"],
    ["found range", () => ({ foundFrom: "2026-09-10", foundTo: "2026-10-01" }), (r) => shanghaiDay(r.foundAt) >= "2026-09-10" && shanghaiDay(r.foundAt) <= "2026-10-01"],
    ["text in the title", () => ({ text: "羁押" }), (r) => r.title.includes("羁押")],
    ["text in the description", () => ({ text: "回证未归档" }), (r) => r.description.includes("回证未归档")],
    ["text in the case reference, ignoring case", () => ({ text: "xj-77" }), (r) => (r.caseRef ?? "").includes("XJ-77")],
    ["text with a LIKE wildcard taken literally", () => ({ text: "100%" }), (r) => r.title.includes("100%")],
    ["several conditions at once", () => ({ unit: ids.A, status: ["OPEN", "RECTIFYING"], flag: ["YELLOW"] }), (r) => r.unit === "A" && ["OPEN", "RECTIFYING"].includes(r.status) && flag(r) === "YELLOW"],
  ];

  it.each(FILTERS)("filters by %s", async (_name, filter, predicate) => {
    const expected = rows.filter(predicate).map((r) => r.id);
    expect(expected.length, "the filter must select some rows").toBeGreaterThan(0);
    expect(expected.length, "the filter must leave some rows out").toBeLessThan(rows.length);
    const { findings } = await server.ok(
      `query($filter: FindingFilter) { findings(filter: $filter, first: 100) { totalCount edges { node { id } } } }`,
      { filter: { unit: ids.office, ...filter() } },
    );
    expect(findings.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(expected.sort());
    expect(findings.totalCount).toBe(expected.length);
  });

  it("counts the whole office subtree, and nothing outside it", async () => {
    const { findings } = await server.ok(`query($u: ID!) { findings(filter: { unit: $u }, first: 100) { totalCount } }`, { u: ids.office });
    expect(findings.totalCount).toBe(N);
  });

  const ORDERS: [string, { field: string; direction: string } | null, (n: Record<string, string>) => string][] = [
    ["default (deadline ascending)", null, (n) => n.deadline!],
    ["DEADLINE ASC", { field: "DEADLINE", direction: "ASC" }, (n) => n.deadline!],
    ["DEADLINE DESC", { field: "DEADLINE", direction: "DESC" }, (n) => n.deadline!],
    ["FOUND_AT ASC", { field: "FOUND_AT", direction: "ASC" }, (n) => n.foundAt!],
    ["FOUND_AT DESC", { field: "FOUND_AT", direction: "DESC" }, (n) => n.foundAt!],
    ["UPDATED_AT ASC", { field: "UPDATED_AT", direction: "ASC" }, (n) => n.updatedAt!],
    ["UPDATED_AT DESC", { field: "UPDATED_AT", direction: "DESC" }, (n) => n.updatedAt!],
  ];

  it.each(ORDERS)("pages through every row exactly once, ordered by %s", async (_name, orderBy, key) => {
    const seen: Record<string, string>[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { findings }: Record<string, any> = await server.ok(
        `query($u: ID!, $after: String, $orderBy: FindingOrder) {
          findings(filter: { unit: $u }, first: 7, after: $after, orderBy: $orderBy) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id deadline foundAt updatedAt } } } }`,
        { u: ids.office, after, orderBy },
      );
      expect(findings.totalCount).toBe(N);
      seen.push(...findings.edges.map((e: { node: Record<string, string> }) => e.node));
      expect(findings.pageInfo.endCursor).toBe(findings.edges.at(-1)?.cursor ?? null);
      expect(findings.pageInfo.hasNextPage).toBe(seen.length < N);
      if (!findings.pageInfo.hasNextPage) break;
      after = findings.pageInfo.endCursor;
    }
    expect(seen.map((n) => n.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(new Set(seen.map((n) => n.id)).size).toBe(N);
    const rowId = (id: string) => Number(Buffer.from(id, "base64url").toString().split(":")[1]);
    const desc = orderBy?.direction === "DESC";
    const sorted = [...seen].sort((x, y) => {
      const c = key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : rowId(x.id!) - rowId(y.id!);
      return desc ? -c : c;
    });
    expect(seen.map((n) => n.id)).toEqual(sorted.map((n) => n.id));
    if (orderBy?.field !== "FOUND_AT") expect(new Set(seen.map(key)).size, "the sort key has ties to break").toBeLessThan(N);
  });

  it("returns the derived flag, overdue and warning of each row as the ledger filters them", async () => {
    const { findings } = await server.ok(
      `query($u: ID!) { findings(filter: { unit: $u }, first: 100) { edges { node { id flag overdue inWarning status } } } }`,
      { u: ids.office },
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { node } of findings.edges) {
      const r = byId.get(node.id)!;
      expect(node, r.title).toEqual({ id: r.id, status: r.status, flag: flag(r), overdue: overdue(r), inWarning: inWarning(r) });
    }
  });
});
