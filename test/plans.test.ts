import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSmallTree,
  createPerson,
  createUnit,
  findingInput,
  journalSince,
  lastJournalSeq,
  MUTATIONS,
  RECORD_FINDING,
  signInAs,
  type SmallTree,
} from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";

let server: TestServer;
let tree: SmallTree;
let head: Credentials;
let otherHead: Credentials;
let viewer: Credentials;
let owner: string;
/** Findings of the basic office, recorded along a scripted history. */
const f: Record<"a" | "b" | "c" | "late" | "city" | "withdrawn", string> = {} as never;

const CREATE = `mutation($input: CreatePlanInput!) {
  createPlan(input: $input) { id title summary startsOn endsOn status version unit { id } createdBy { id }
    findings { id code } milestones { id position title dueOn done owner { id } } }
}`;
const PLAN = `query($id: ID!, $step: ProgressStep) { plan(id: $id) {
  id title status version
  findings { id flag measures { text due done owner { id } } }
  milestones { id position title done }
  timetable { kind due title done owner { id } milestone { id } measure { id } finding { id } }
  flagCounts { total red yellow black withdrawn }
  progress(step: $step) { date red yellow black withdrawn notYetFound }
} }`;
const ADD_FINDINGS = `mutation($input: AddPlanFindingsInput!) { addPlanFindings(input: $input) { id version findings { id } } }`;
const REMOVE_FINDING = `mutation($input: RemovePlanFindingInput!) { removePlanFinding(input: $input) { id version findings { id } } }`;
const ADD_MILESTONE = `mutation($input: AddPlanMilestoneInput!) { addPlanMilestone(input: $input) { id position title dueOn done owner { id } plan { id version } } }`;
const COMPLETE_MILESTONE = `mutation($input: CompletePlanMilestoneInput!) { completePlanMilestone(input: $input) { id done doneAt plan { version } } }`;
const CLOSE = `mutation($input: PlanStepInput!) { closePlan(input: $input) { id status version } }`;

/** Shanghai wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);

async function record(local: string, overrides: Record<string, unknown>): Promise<{ id: string; version: number }> {
  server.clock.set(at(local));
  return (await server.ok(RECORD_FINDING, { input: findingInput(tree, overrides) })).recordFinding;
}

async function step(local: string, name: keyof typeof MUTATIONS, input: Record<string, unknown>) {
  server.clock.set(at(local));
  return server.ok(MUTATIONS[name], { input });
}

async function planCounts(): Promise<Record<string, number>> {
  const [row] = await server.database.exec(`select
    (select count(*)::int from plans) as plans,
    (select count(*)::int from plan_findings) as plan_findings,
    (select count(*)::int from plan_milestones) as milestones,
    (select count(*)::int from journal) as journal,
    (select coalesce(md5(string_agg(p::text, '|' order by id)), '') from plans p) as digest`);
  return row as Record<string, number>;
}

function planInput(overrides: Record<string, unknown> = {}) {
  return {
    unit: tree.basic,
    title: "测试区院一院一策整改方案",
    summary: "流程监控发现的超期问题较多，逐项明确责任人和时限。",
    startsOn: "2031-09-01",
    endsOn: "2031-12-31",
    findings: [f.a, f.b, f.c],
    milestones: [
      { title: "完成问题清单梳理", owner, dueOn: "2031-09-30" },
      { title: "整改情况中期评估", dueOn: "2031-11-15" },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startTestServer({ now: at("2031-08-20T10:00:00") });
  tree = await buildSmallTree(server);
  owner = await createPerson(server, { name: "赵院长", unit: tree.basic, position: "LEADER" });
  const other = await createUnit(server, { code: "T-B2", name: "另一区人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
  head = await signInAs(server, "UNIT_HEAD", tree.basic);
  otherHead = await signInAs(server, "UNIT_HEAD", other);
  viewer = await signInAs(server, "VIEWER", tree.basic);

  // The scripted history the progress chart replays (Shanghai times).
  const a = await record("2031-09-02T10:00:00", { deadline: "2031-09-20", title: "A 起诉书瑕疵" });
  const b = await record("2031-09-02T11:00:00", { deadline: "2031-09-10", title: "B 未按期告知" });
  const c = await record("2031-09-05T09:00:00", { deadline: "2031-10-31", title: "C 卷宗不全", rectificationClass: "GRADUAL" });
  f.a = a.id;
  f.b = b.id;
  f.c = c.id;
  await step("2031-09-06T09:00:00", "addMeasure", { id: c.id, text: "补齐卷宗材料", owner: tree.handler, due: "2031-10-20" });
  await step("2031-09-08T09:00:00", "startRectification", { id: a.id });
  await step("2031-09-09T09:00:00", "submitRectification", { id: a.id });
  // One minute before midnight in Shanghai: still 15 September.
  await step("2031-09-15T23:59:00", "verifyRectification", { id: a.id, verifier: tree.supervisor });
  f.late = (await record("2031-09-20T09:00:00", { deadline: "2031-12-01", title: "D 后发现的问题" })).id;
  f.city = (await record("2031-09-20T09:30:00", { unit: tree.cityCaseDept, handler: null, deadline: "2031-12-01", title: "市院部门问题" })).id;
  const w = await record("2031-09-21T09:00:00", { deadline: "2031-12-01", title: "撤销的问题" });
  await step("2031-09-22T09:00:00", "withdrawFinding", { id: w.id, reason: "重复记录" });
  f.withdrawn = w.id;
  server.clock.set(at("2031-10-01T10:00:00"));
});
afterAll(() => server?.close());

describe("createPlan (一院一策)", () => {
  it("refuses the signed-out, unit heads and viewers", async () => {
    const anonymous = await server.gql(CREATE, { input: planInput() }, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    for (const who of [head, viewer]) {
      const refused = await server.gql(CREATE, { input: planInput() }, who);
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await planCounts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: "   " }, "title"],
      [{ endsOn: "2031-08-31" }, "endsOn"],
      [{ endsOn: "2034-01-01" }, "endsOn"],
      [{ milestones: [{ title: "过早", dueOn: "2031-08-01" }] }, "milestones.0.dueOn"],
      [{ milestones: [{ title: " ", dueOn: "2031-10-01" }] }, "milestones.0.title"],
      [{ findings: [f.a, f.city] }, "findings.1"],
      [{ findings: [f.withdrawn] }, "findings.0"],
      [{ findings: [tree.handler] }, "findings.0"],
      [{ unit: tree.handler }, "unit"],
    ];
    for (const [override, field] of cases) {
      const result = await server.gql(CREATE, { input: planInput(override) });
      expect(result.errors?.[0]?.extensions, JSON.stringify(override)).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const unknownOwner = await server.gql(CREATE, { input: planInput({ milestones: [{ title: "x", owner: Buffer.from("Person:9999").toString("base64url"), dueOn: "2031-10-01" }] }) });
    expect(unknownOwner.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await planCounts()).toEqual(before);
  });

  it("refuses a unit or finding outside the supervisor's scope with NOT_FOUND", async () => {
    const basicSupervisor = await signInAs(server, "SUPERVISOR", tree.basic);
    const before = await planCounts();
    const unit = await server.gql(CREATE, { input: planInput({ unit: tree.cityCaseDept, findings: [] }) }, basicSupervisor);
    expect(unit.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const finding = await server.gql(CREATE, { input: planInput({ unit: tree.basic, findings: [f.city] }) }, basicSupervisor);
    expect(finding.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await planCounts()).toEqual(before);
  });
});

describe("a plan's life", () => {
  let planId: string;
  let version: number;
  let milestoneId: string;

  it("creates a plan with its findings and milestones, journaled once under the unit's path", async () => {
    const seq = await lastJournalSeq(server);
    const { createPlan: plan } = await server.ok(CREATE, { input: planInput({ findings: [f.a, f.b, f.c, f.a] }) });
    expect(plan).toMatchObject({ title: "测试区院一院一策整改方案", startsOn: "2031-09-01", endsOn: "2031-12-31", status: "ACTIVE", version: 1, unit: { id: tree.basic }, createdBy: null });
    expect(plan.findings.map((x: { id: string }) => x.id)).toEqual([f.a, f.b, f.c]);
    expect(plan.milestones).toMatchObject([
      { position: 1, title: "完成问题清单梳理", dueOn: "2031-09-30", done: false, owner: { id: owner } },
      { position: 2, title: "整改情况中期评估", dueOn: "2031-11-15", done: false, owner: null },
    ]);
    const tail = await journalSince(server, seq);
    expect(tail.edges.map((e) => [e.node.action, e.node.entity, e.node.entityId])).toEqual([["createPlan", "Plan", plan.id]]);
    const [row] = await server.database.exec(`select unit_path, after->'findingIds' as ids from journal order by seq desc limit 1`);
    const [unit] = await server.database.exec(`select path from units u join plans p on p.unit_id = u.id`);
    expect(row!.unit_path).toBe(unit!.path);
    planId = plan.id;
    version = plan.version;
    milestoneId = plan.milestones[0].id;
    const byNode = await server.ok(`query($id: ID!) { node(id: $id) { ... on Plan { title } } }`, { id: planId });
    expect(byNode.node.title).toBe("测试区院一院一策整改方案");
  });

  it("replays the findings' history from the journal into red, yellow and black counts per day", async () => {
    const { plan } = await server.ok(PLAN, { id: planId, step: "DAY" });
    const points: Record<string, unknown>[] = plan.progress;
    expect(points).toHaveLength(31); // 1 September to today, 1 October
    const on = (date: string) => points.find((p) => p.date === date);
    expect(on("2031-09-01")).toEqual({ date: "2031-09-01", red: 0, yellow: 0, black: 0, withdrawn: 0, notYetFound: 3 });
    expect(on("2031-09-02")).toEqual({ date: "2031-09-02", red: 0, yellow: 2, black: 0, withdrawn: 0, notYetFound: 1 });
    expect(on("2031-09-05")).toEqual({ date: "2031-09-05", red: 0, yellow: 3, black: 0, withdrawn: 0, notYetFound: 0 });
    // B's deadline is 10 September: still yellow that day, black from the 11th.
    expect(on("2031-09-10")).toMatchObject({ yellow: 3, black: 0 });
    expect(on("2031-09-11")).toMatchObject({ red: 0, yellow: 2, black: 1 });
    // A verified at 23:59 on the 15th (Shanghai) counts red on the 15th.
    expect(on("2031-09-14")).toMatchObject({ red: 0, yellow: 2, black: 1 });
    expect(on("2031-09-15")).toMatchObject({ red: 1, yellow: 1, black: 1 });
    expect(on("2031-10-01")).toEqual({ date: "2031-10-01", red: 1, yellow: 1, black: 1, withdrawn: 0, notYetFound: 0 });
    // The last point agrees with the flags derived now (the SQL and the TypeScript rule).
    expect(plan.flagCounts).toEqual({ total: 3, red: 1, yellow: 1, black: 1, withdrawn: 0 });
    expect(plan.findings.map((x: { flag: string }) => x.flag)).toEqual(["RED", "BLACK", "YELLOW"]);
  });

  it("spaces points by week and always ends on today", async () => {
    const { plan } = await server.ok(PLAN, { id: planId, step: "WEEK" });
    expect(plan.progress.map((p: { date: string }) => p.date)).toEqual(["2031-09-01", "2031-09-08", "2031-09-15", "2031-09-22", "2031-09-29", "2031-10-01"]);
    const monthly = await server.ok(PLAN, { id: planId, step: "MONTH" });
    expect(monthly.plan.progress.map((p: { date: string }) => p.date)).toEqual(["2031-09-01", "2031-10-01"]);
  });

  it("merges milestones and measures into one timetable by due date", async () => {
    const { plan } = await server.ok(PLAN, { id: planId });
    expect(plan.timetable.map((e: { kind: string; due: string; title: string }) => [e.kind, e.due, e.title])).toEqual([
      ["MILESTONE", "2031-09-30", "完成问题清单梳理"],
      ["MEASURE", "2031-10-20", "补齐卷宗材料"],
      ["MILESTONE", "2031-11-15", "整改情况中期评估"],
    ]);
    expect(plan.timetable[1]).toMatchObject({ owner: { id: tree.handler }, finding: { id: f.c }, milestone: null });
  });

  it("adds and removes findings, refusing duplicates, withdrawn ones and stale versions", async () => {
    const before = await planCounts();
    const dup = await server.gql(ADD_FINDINGS, { input: { id: planId, version, findings: [f.late, f.b] } });
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "findings.1" });
    const withdrawn = await server.gql(ADD_FINDINGS, { input: { id: planId, version, findings: [f.withdrawn] } });
    expect(withdrawn.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "findings.0" });
    const stale = await server.gql(ADD_FINDINGS, { input: { id: planId, version: version + 5, findings: [f.late] } });
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await planCounts()).toEqual(before);

    const added = (await server.ok(ADD_FINDINGS, { input: { id: planId, version, findings: [f.late] } })).addPlanFindings;
    expect(added.version).toBe(version + 1);
    expect(added.findings.map((x: { id: string }) => x.id)).toEqual([f.a, f.b, f.c, f.late]);
    // A finding added later counts on the days it already existed.
    const { plan } = await server.ok(PLAN, { id: planId, step: "DAY" });
    expect(plan.progress.find((p: { date: string }) => p.date === "2031-09-19")).toMatchObject({ notYetFound: 1 });
    expect(plan.progress.find((p: { date: string }) => p.date === "2031-09-20")).toMatchObject({ notYetFound: 0, yellow: 2 });

    const removed = (await server.ok(REMOVE_FINDING, { input: { id: planId, version: added.version, finding: f.late } })).removePlanFinding;
    expect(removed.findings.map((x: { id: string }) => x.id)).toEqual([f.a, f.b, f.c]);
    const notIn = await server.gql(REMOVE_FINDING, { input: { id: planId, finding: f.late } });
    expect(notIn.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "finding" });
    version = removed.version;
  });

  it("lets the plan's unit head complete a milestone but not add one", async () => {
    const refused = await server.gql(ADD_MILESTONE, { input: { id: planId, title: "x", dueOn: "2031-10-10" } }, head);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const outside = await server.gql(ADD_MILESTONE, { input: { id: planId, version, title: "x", dueOn: "2032-01-10" } });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "dueOn" });
    const { addPlanMilestone: added } = await server.ok(ADD_MILESTONE, { input: { id: planId, version, title: "整改验收", owner, dueOn: "2031-12-20" } });
    expect(added).toMatchObject({ position: 3, title: "整改验收", dueOn: "2031-12-20", done: false, owner: { id: owner }, plan: { id: planId, version: version + 1 } });
    version = added.plan.version;

    const stale = await server.gql(COMPLETE_MILESTONE, { input: { milestone: milestoneId, version: version - 1 } }, head);
    expect(stale.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const done = (await server.ok(COMPLETE_MILESTONE, { input: { milestone: milestoneId, version } }, head)).completePlanMilestone;
    expect(done).toMatchObject({ id: milestoneId, done: true, doneAt: "2031-10-01T02:00:00.000Z", plan: { version: version + 1 } });
    version = done.plan.version;
    const again = await server.gql(COMPLETE_MILESTONE, { input: { milestone: milestoneId } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "milestone" });
    const viewerRefused = await server.gql(COMPLETE_MILESTONE, { input: { milestone: milestoneId } }, viewer);
    expect(viewerRefused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("shows another office's unit head nothing, NOT_FOUND by id", async () => {
    const list = await server.ok(`{ plans(first: 10) { totalCount edges { node { id } } } }`, {}, otherHead);
    expect(list.plans).toEqual({ totalCount: 0, edges: [] });
    const byId = await server.gql(PLAN, { id: planId }, otherHead);
    expect(byId.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(byId.data).toBeNull();
    const byNode = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: milestoneId }, otherHead);
    expect(byNode.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const complete = await server.gql(COMPLETE_MILESTONE, { input: { milestone: milestoneId } }, otherHead);
    expect(complete.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const mine = await server.ok(`query($unit: ID!) { plans(first: 10, filter: { unit: $unit, status: ACTIVE }) { totalCount } }`, { unit: tree.basic }, head);
    expect(mine.plans.totalCount).toBe(1);
  });

  it("shows a display token no plan: the list is refused and node(id) finds nothing", async () => {
    const CREATE_TOKEN = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }`;
    const secret = (await server.ok(CREATE_TOKEN, { i: { name: "大屏", kind: "DISPLAY", scopeUnit: tree.basic } })).createApiToken.secret;
    const display = { bearer: secret };
    const listed = await server.gql(`{ plans(first: 5) { totalCount } }`, {}, display);
    expect(listed.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // A plan is finding-level detail (its title and summary name the unit's problems): a wall
    // display, which sees counts but no finding, sees no plan either.
    const byNode = await server.gql(`query($id: ID!) { node(id: $id) { ... on Plan { title } } }`, { id: planId }, display);
    expect(byNode.data?.node ?? null).toBeNull();
    expect(JSON.stringify(byNode)).not.toContain("整改");
  });

  it("closes the plan; a closed plan refuses changes", async () => {
    const closed = (await server.ok(CLOSE, { input: { id: planId, version } })).closePlan;
    expect(closed).toMatchObject({ status: "CLOSED", version: version + 1 });
    const before = await planCounts();
    const refused = await server.gql(ADD_MILESTONE, { input: { id: planId, title: "x", dueOn: "2031-10-10" } });
    expect(refused.errors?.[0]?.extensions?.code).toBe("INVALID_TRANSITION");
    expect(await planCounts()).toEqual(before);
    const closedList = await server.ok(`{ plans(first: 5, filter: { status: CLOSED }) { totalCount } }`);
    expect(closedList.plans.totalCount).toBe(1);
  });
});

describe("SQL statements per request", () => {
  const PAGE = `query($first: Int!) { plans(first: $first) { totalCount edges { node {
    title unit { name } createdBy { name }
    findings { code measures { text owner { name } } }
    milestones { title owner { name } plan { title } }
    timetable { kind title owner { name } finding { code } }
    flagCounts { total red yellow black }
  } } } }`;

  async function measured(first: number) {
    // The session's last-seen write happens at most once a minute: get it out of the way first.
    await server.ok(`{ me { kind } }`);
    server.database.statements.count = 0;
    const data = await server.ok(PAGE, { first });
    return { data, statements: server.database.statements.count };
  }

  it("loads a page of plans with nested findings, measures and timetables in as many statements as a page of one", async () => {
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await createPerson(server, { name: `责任人${i}`, unit: tree.basic, position: "PROSECUTOR" }));
    for (let i = 0; i < 4; i++) {
      const finding = await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: `计划问题 ${i}`, deadline: "2031-12-20" }) });
      await server.ok(MUTATIONS.addMeasure, { input: { id: finding.recordFinding.id, text: `措施 ${i}`, owner: people[i], due: "2031-12-01" } });
      await server.ok(CREATE, {
        input: planInput({ title: `方案 ${i}`, findings: [finding.recordFinding.id], milestones: [{ title: `节点 ${i}`, owner: people[(i + 1) % 4], dueOn: "2031-11-30" }] }),
      });
    }
    const small = await measured(1);
    const large = await measured(5);
    expect(small.data.plans.edges).toHaveLength(1);
    expect(large.data.plans.edges).toHaveLength(5);
    expect(large.statements).toBe(small.statements);
  });
});
