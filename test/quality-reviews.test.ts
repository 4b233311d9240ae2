import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallTree, createPerson, createUnit, dataSnapshot, journalSince, lastJournalSeq, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";
import { liveClient } from "./support/ws.js";

let server: TestServer;
let tree: SmallTree;
/** A second basic-level office (基层院) under the city office, with one department. */
let basic2: string;
let basic2Dept: string;
let zhao: string; // 赵瑕疵: FLAW after FLAW
let sun: string; // 孙往年: reviewed only in 2030
let zheng: string; // 郑异地: works in the second basic office
let cityProsecutor: string;
let headB2: Credentials;

const FIELDS = "id caseRef mode result reviewedOn notes createdAt prosecutor { id } unit { id } reviewerUnit { id }";
const FINDING = "finding { id source severity caseRef status handler { id } unit { id } }";
const RECORD = `mutation($input: RecordQualityReviewInput!) { recordQualityReview(input: $input) { ${FIELDS} ${FINDING} } }`;
const WATCH = `query($year: Int!, $unit: ID) {
  vetoWatch(year: $year, unit: $unit) { year vetoed atRisk watch rows { prosecutor { id name } unqualified flaw status } }
}`;

const PROBLEM = {
  title: "起诉书遗漏量刑情节",
  description: "起诉书未载明被告人自首情节，量刑建议依据不全。",
  category: "LEGAL_DOCUMENTS",
  rectificationClass: "IMMEDIATE",
  deadline: "2031-11-30",
};

let cases = 0;
/** Records a review; QUALIFIED of the handler by the own office on 2031-10-15 unless overridden. */
const review = (extra: Record<string, unknown> = {}, as?: Credentials) =>
  server.gql(
    RECORD,
    {
      input: {
        caseRef: `测评查〔2031〕${++cases}号`,
        prosecutor: tree.handler,
        reviewedOn: "2031-10-15",
        mode: "OWN_OFFICE",
        reviewerUnit: tree.basic,
        result: "QUALIFIED",
        ...extra,
      },
    },
    as,
  );
const flaw = (prosecutor: string, reviewedOn = "2031-10-15", extra: Record<string, unknown> = {}) =>
  review({ prosecutor, reviewedOn, result: "FLAW", problem: PROBLEM, ...extra });

const countReviews = async () => ((await server.database.exec("select count(*)::int as n from quality_reviews")) as [{ n: number }])[0].n;

interface WatchRow {
  prosecutor: { id: string; name: string };
  unqualified: number;
  flaw: number;
  status: string;
}
const watchOf = async (year: number, as?: Credentials, unit?: string) =>
  (await server.ok<{ vetoWatch: { year: number; vetoed: number; atRisk: number; watch: number; rows: WatchRow[] } }>(WATCH, { year, unit }, as)).vetoWatch;
const rowOf = async (prosecutor: string, year = 2031) => (await watchOf(year)).rows.find((r) => r.prosecutor.id === prosecutor);

beforeAll(async () => {
  server = await startTestServer({ now: new Date("2031-10-20T04:00:00Z") });
  tree = await buildSmallTree(server);
  basic2 = await createUnit(server, { code: "T-B2", name: "测试县人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
  basic2Dept = await createUnit(server, { code: "T-B2-GS", name: "第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: basic2 });
  zhao = await createPerson(server, { name: "赵瑕疵", unit: tree.basicProsecution, position: "PROSECUTOR" });
  sun = await createPerson(server, { name: "孙往年", unit: tree.basicProsecution, position: "PROSECUTOR" });
  zheng = await createPerson(server, { name: "郑异地", unit: basic2Dept, position: "PROSECUTOR" });
  cityProsecutor = await createPerson(server, { name: "冯市院", unit: tree.cityCaseDept, position: "PROSECUTOR" });
  headB2 = await signInAs(server, "UNIT_HEAD", basic2);
});
afterAll(() => server?.close());

describe("recordQualityReview (案件质量评查)", () => {
  it("refuses the signed-out, a unit head, and a prosecutor or reviewer unit outside the viewer's scope", async () => {
    expect((await review({}, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await review({}, await signInAs(server, "UNIT_HEAD", tree.basic))).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const supervisorB2 = await signInAs(server, "SUPERVISOR", basic2);
    expect((await review({ reviewerUnit: basic2, mode: "CROSS_REGION" }, supervisorB2)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const supervisorB1 = await signInAs(server, "SUPERVISOR", tree.basic);
    const reviewerOutside = await review({ reviewerUnit: basic2Dept, mode: "CROSS_REGION" }, supervisorB1);
    expect(reviewerOutside.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", id: basic2Dept });
    expect(await countReviews()).toBe(0);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await dataSnapshot(server);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ reviewedOn: "2031-10-21" }, "reviewedOn"],
      [{ result: "FLAW" }, "problem"],
      [{ result: "UNQUALIFIED" }, "problem"],
      [{ problem: PROBLEM }, "problem"],
      [{ result: "FLAW", problem: { ...PROBLEM, deadline: "2031-10-01" } }, "problem.deadline"],
      [{ result: "FLAW", problem: { ...PROBLEM, title: "" } }, "problem.title"],
      [{ result: "FLAW", problem: { ...PROBLEM, severity: "UNQUALIFIED" } }, "problem.severity"],
      [{ result: "UNQUALIFIED", problem: { ...PROBLEM, severity: "FLAW" } }, "problem.severity"],
      [{ caseRef: "" }, "caseRef"],
      [{ prosecutor: tree.basic }, "prosecutor"],
      [{ reviewerUnit: tree.handler }, "reviewerUnit"],
    ];
    for (const [override, field] of bad) {
      const result = await review(override);
      expect(result.errors?.[0]?.extensions, JSON.stringify(override)).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await countReviews()).toBe(0);
    expect(await dataSnapshot(server)).toEqual(before);
  });

  it("accepts each mode from a reviewer unit that fits it", async () => {
    const fitting: Array<[string, string]> = [
      ["OWN_OFFICE", tree.basic],
      ["OWN_OFFICE", tree.basicProsecution],
      ["HIGHER_OFFICE", tree.city],
      ["HIGHER_OFFICE", tree.cityCaseDept],
      ["CROSS_REGION", basic2],
      ["CROSS_REGION", basic2Dept],
    ];
    for (const [mode, reviewerUnit] of fitting) {
      const result = await review({ mode, reviewerUnit, notes: " 卷宗规范 " });
      expect(result.errors, `${mode} by ${reviewerUnit}`).toBeUndefined();
      expect(result.data!.recordQualityReview).toMatchObject({
        mode,
        result: "QUALIFIED",
        reviewedOn: "2031-10-15",
        notes: "卷宗规范",
        prosecutor: { id: tree.handler },
        unit: { id: tree.basicProsecution },
        reviewerUnit: { id: reviewerUnit },
        finding: null,
      });
    }
    expect(await countReviews()).toBe(fitting.length);
  });

  it("refuses a mode the reviewer unit's office does not fit, naming reviewerUnit, and writes nothing", async () => {
    const before = { reviews: await countReviews(), data: await dataSnapshot(server) };
    const wrong: Array<[string, string]> = [
      ["OWN_OFFICE", tree.city],
      ["OWN_OFFICE", basic2Dept],
      ["HIGHER_OFFICE", tree.basic],
      ["HIGHER_OFFICE", tree.basicProsecution],
      ["HIGHER_OFFICE", basic2],
      ["CROSS_REGION", tree.basic],
      ["CROSS_REGION", tree.basicProsecution],
      ["CROSS_REGION", tree.city],
      ["CROSS_REGION", tree.cityCaseDept],
    ];
    for (const [mode, reviewerUnit] of wrong) {
      const result = await review({ mode, reviewerUnit, result: "FLAW", problem: PROBLEM });
      expect(result.errors?.[0]?.extensions, `${mode} by ${reviewerUnit}`).toMatchObject({ code: "BAD_USER_INPUT", field: "reviewerUnit" });
    }
    // A city prosecutor's case is not cross-reviewed by a basic office below the city office.
    const upward = await review({ prosecutor: cityProsecutor, mode: "CROSS_REGION", reviewerUnit: basic2 });
    expect(upward.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "reviewerUnit" });
    expect(await countReviews()).toBe(before.reviews);
    expect(await dataSnapshot(server)).toEqual(before.data);
  });

  it("opens a linked finding against the prosecutor for a FLAW, in the same commit", async () => {
    const seq = await lastJournalSeq(server);
    const result = await flaw(tree.handler, "2031-10-16", { mode: "CROSS_REGION", reviewerUnit: basic2 });
    expect(result.errors).toBeUndefined();
    const recorded = result.data!.recordQualityReview;
    expect(recorded.finding).toEqual({
      id: expect.any(String),
      source: "QUALITY_REVIEW",
      severity: "FLAW",
      caseRef: recorded.caseRef,
      status: "OPEN",
      handler: { id: tree.handler },
      unit: { id: tree.basicProsecution },
    });
    const journal = await journalSince(server, seq);
    expect(journal.edges.map((e) => [e.node.entity, e.node.action])).toEqual([
      ["QualityReview", "recordQualityReview"],
      ["Finding", "recordFinding"],
    ]);
    const byNode = await server.ok(`query($id: ID!) { node(id: $id) { ... on QualityReview { caseRef finding { id } } } }`, { id: recorded.id });
    expect(byNode.node).toEqual({ caseRef: recorded.caseRef, finding: { id: recorded.finding.id } });
  });

  it("opens no finding for a QUALIFIED case: one journal row", async () => {
    const seq = await lastJournalSeq(server);
    const result = await review({ prosecutor: zhao });
    expect(result.data!.recordQualityReview.finding).toBeNull();
    expect((await journalSince(server, seq)).edges.map((e) => e.node.entity)).toEqual(["QualityReview"]);
  });

  it("gives the finding the result's severity unless a FLAW review calls it IRREGULAR", async () => {
    const irregular = await flaw(tree.handler, "2031-10-17", { problem: { ...PROBLEM, severity: "IRREGULAR" } });
    expect(irregular.data!.recordQualityReview.finding.severity).toBe("IRREGULAR");
    const unqualified = await review({ prosecutor: tree.otherHandler, result: "UNQUALIFIED", problem: PROBLEM, mode: "HIGHER_OFFICE", reviewerUnit: tree.city });
    expect(unqualified.data!.recordQualityReview.finding).toMatchObject({ severity: "UNQUALIFIED", handler: { id: tree.otherHandler } });
  });

  it("lists reviews newest first with filters", async () => {
    const { qualityReviews: flawed } = await server.ok(`{ qualityReviews(first: 10, filter: { result: FLAW }) { totalCount edges { node { reviewedOn prosecutor { id } } } } }`);
    expect(flawed.totalCount).toBe(2);
    expect(flawed.edges.map((e: { node: { reviewedOn: string } }) => e.node.reviewedOn)).toEqual(["2031-10-17", "2031-10-16"]);
    const { qualityReviews: cross } = await server.ok(`query($p: ID!) { qualityReviews(filter: { mode: CROSS_REGION, prosecutor: $p, from: "2031-10-16" }) { totalCount } }`, { p: tree.handler });
    expect(cross.totalCount).toBe(1);
  });
});

describe("vetoWatch (一票否决)", () => {
  it("refuses a year outside 2000–2100 naming `year`", async () => {
    for (const year of [1999, 2101]) {
      expect((await server.gql(WATCH, { year })).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
    }
  });

  it("moves a prosecutor from WATCH to AT_RISK to VETOED with the first, second and third FLAW", async () => {
    expect(await rowOf(zhao)).toBeUndefined(); // a QUALIFIED review puts no one on the watch
    const steps: Array<[string, string]> = [
      ["2031-01-01", "WATCH"],
      ["2031-06-30", "AT_RISK"],
      ["2031-10-19", "VETOED"],
    ];
    for (const [i, [day, status]] of steps.entries()) {
      expect((await flaw(zhao, day)).errors).toBeUndefined();
      expect(await rowOf(zhao), day).toMatchObject({ flaw: i + 1, unqualified: 0, status });
    }
  });

  it("vetoes with a single UNQUALIFIED review", async () => {
    expect(await rowOf(tree.otherHandler)).toMatchObject({ unqualified: 1, flaw: 0, status: "VETOED" });
  });

  it("counts only reviews dated in the year", async () => {
    expect((await flaw(zhao, "2030-12-31")).errors).toBeUndefined();
    expect((await review({ prosecutor: sun, reviewedOn: "2030-05-06", result: "UNQUALIFIED", problem: PROBLEM })).errors).toBeUndefined();
    expect(await rowOf(zhao)).toMatchObject({ flaw: 3 });
    expect(await rowOf(sun)).toBeUndefined();
    const last = await watchOf(2030);
    expect(last.rows.map((r) => [r.prosecutor.name, r.status, r.flaw, r.unqualified])).toEqual([
      ["孙往年", "VETOED", 0, 1],
      ["赵瑕疵", "WATCH", 1, 0],
    ]);
  });

  it("orders VETOED, AT_RISK, WATCH, then by name, with totals", async () => {
    expect((await review({ prosecutor: zheng, result: "FLAW", problem: PROBLEM, reviewerUnit: basic2 })).errors).toBeUndefined();
    const watch = await watchOf(2031);
    expect(watch.rows.map((r) => [r.prosecutor.name, r.status])).toEqual([
      ["王检察", "VETOED"],
      ["赵瑕疵", "VETOED"],
      ["李承办", "AT_RISK"],
      ["郑异地", "WATCH"],
    ]);
    expect(watch).toMatchObject({ year: 2031, vetoed: 2, atRisk: 1, watch: 1 });
    const underB2 = await watchOf(2031, undefined, basic2);
    expect(underB2.rows.map((r) => r.prosecutor.name)).toEqual(["郑异地"]);
  });

  it("shows a unit head of another office neither the reviews nor the prosecutors, and reads their reviews as NOT_FOUND", async () => {
    const watch = await watchOf(2031, headB2);
    expect(watch.rows.map((r) => r.prosecutor.id)).toEqual([zheng]);
    expect(watch).toMatchObject({ vetoed: 0, atRisk: 0, watch: 1 });
    const LIST = `{ qualityReviews(first: 100) { totalCount edges { node { id prosecutor { id } } } } }`;
    const { qualityReviews: mine } = await server.ok(LIST, {}, headB2);
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node.prosecutor.id).toBe(zheng);
    const { qualityReviews: all } = await server.ok(LIST);
    const elsewhere = all.edges.find((e: { node: { prosecutor: { id: string } } }) => e.node.prosecutor.id === zhao).node.id;
    const byId = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: elsewhere }, headB2);
    expect(byId.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const underB1 = await server.gql(WATCH, { year: 2031, unit: tree.basic }, headB2);
    expect(underB1.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("gives the wall board this year's vetoed and at-risk counts, scoped like the board, names never", async () => {
    const BOARD = `query($unit: ID) { board(unit: $unit) { veto { vetoed atRisk } } }`;
    for (const [unit, as] of [[null, undefined], [tree.basic, undefined], [null, headB2]] as const) {
      const watch = await watchOf(2031, undefined, unit ?? (as ? basic2 : undefined));
      const { board } = await server.ok(BOARD, { unit }, as);
      expect(board.veto, String(unit)).toEqual({ vetoed: watch.vetoed, atRisk: watch.atRisk });
    }
    const { board } = await server.ok(BOARD, { unit: null });
    expect(board.veto.vetoed).toBeGreaterThan(0);
    // A display token sees the counts (its scope has no finding rows, but the board counts).
    const { createApiToken } = await server.ok(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }`, {
      input: { kind: "DISPLAY", name: "wall", scopeUnit: tree.city },
    });
    const shown = await server.ok(BOARD, { unit: null }, { bearer: createApiToken.secret });
    expect(shown.board.veto).toEqual(board.veto);
  });
});

describe("vetoWatchChanged (live)", () => {
  const SUB = `subscription($year: Int!) { vetoWatchChanged(year: $year) { vetoed atRisk rows { prosecutor { id } flaw status } } }`;

  it("pushes a fresh watch after a review in the subscriber's scope, and nothing to a subscriber scoped elsewhere", async () => {
    const admin = liveClient(server.url, { cookie: server.adminCookie });
    const other = liveClient(server.url, headB2);
    try {
      type Item = { vetoWatchChanged: { vetoed: number; atRisk: number; rows: { prosecutor: { id: string }; flaw: number; status: string }[] } };
      const watched = admin.collect<Item>(SUB, { year: 2031 });
      const elsewhere = other.collect<Item>(SUB, { year: 2031 });
      await new Promise((r) => setTimeout(r, 300));
      expect((await flaw(tree.handler, "2031-10-18")).errors).toBeUndefined();
      const [pushed] = await watched.waitFor(1);
      expect(pushed!.vetoWatchChanged.rows.find((r) => r.prosecutor.id === tree.handler)).toEqual({ prosecutor: { id: tree.handler }, flaw: 3, status: "VETOED" });
      expect(pushed!.vetoWatchChanged).toMatchObject({ vetoed: 3, atRisk: 0 });
      await new Promise((r) => setTimeout(r, 700));
      expect(elsewhere.items).toEqual([]);
      expect(elsewhere.errors).toEqual([]);
    } finally {
      await Promise.all([admin.close(), other.close()]);
    }
  });

  it("refuses a year outside 2000–2100", async () => {
    const live = liveClient(server.url, { cookie: server.adminCookie });
    try {
      const sub = live.collect(SUB, { year: 1999 });
      await expect(sub.waitFor(1, 3000)).rejects.toThrow(/year/);
    } finally {
      await live.close();
    }
  });
});
