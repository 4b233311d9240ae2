import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallTree, createPerson, createUnit, dataSnapshot, findingInput, lastJournalSeq, MUTATIONS, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";

const NOW = new Date("2026-11-23T02:00:00Z"); // 10:00 on 2026-11-23 in Shanghai

const RECOMMENDATIONS = `query($unit: ID) { accountabilityRecommendations(unit: $unit) {
  received next exhausted
  targetPerson { id name }
  targetUnit { id name }
  reasons { kind findings { id } }
  findings { id }
} }`;

interface Recommendation {
  received: string | null;
  next: string | null;
  exhausted: boolean;
  targetPerson: { id: string; name: string } | null;
  targetUnit: { id: string; name: string } | null;
  reasons: { kind: string; findings: { id: string }[] }[];
  findings: { id: string }[];
}

let server: TestServer;
let tree: SmallTree;
let citySupervisor: Credentials;
let basicSupervisor: Credentials;
let otherOffice: string;
let otherDept: string;
let units = 0;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  tree = await buildSmallTree(server);
  otherOffice = await createUnit(server, { code: "T-B2", name: "测试县人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
  otherDept = await createUnit(server, { code: "T-B2-GS", name: "县院第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: otherOffice });
  citySupervisor = await signInAs(server, "SUPERVISOR", tree.city);
  basicSupervisor = await signInAs(server, "SUPERVISOR", tree.basic);
});
afterAll(() => server?.close());

/** A department of its own (under the basic office unless told) with one handler, so each case reads its own targets. */
async function scene(label: string, parent = tree.basic): Promise<{ dept: string; person: string }> {
  const dept = await createUnit(server, { code: `L-${++units}`, name: `${label}检察部`, kind: "DEPARTMENT", level: "BASIC", parent });
  const person = await createPerson(server, { name: `${label}承办人`, unit: dept, position: "PROSECUTOR" });
  return { dept, person };
}

async function record(dept: string, person: string | null, overrides: Record<string, unknown> = {}): Promise<string> {
  const input = findingInput(tree, { unit: dept, handler: person, ...overrides });
  return (await server.ok<{ recordFinding: { id: string } }>(RECORD_FINDING, { input })).recordFinding.id;
}

/** Found on 1 November, due on 20 November: overdue on the 23rd. */
const overdue = (dept: string, person: string | null) => record(dept, person, { foundAt: "2026-11-01T02:00:00Z", deadline: "2026-11-20" });

async function recommendations(as?: Credentials, unit?: string): Promise<Recommendation[]> {
  return (await server.ok<{ accountabilityRecommendations: Recommendation[] }>(RECOMMENDATIONS, { unit }, as)).accountabilityRecommendations;
}

/** The recommendation against a person or unit (by global id), or undefined. */
const about = (list: Recommendation[], target: string) => list.find((r) => r.targetPerson?.id === target || r.targetUnit?.id === target);

async function act(kind: string, target: { targetPerson?: string; targetUnit?: string }, findings: string[]) {
  await server.ok(MUTATIONS.recordAccountabilityAction, { input: { kind, ...target, findings, reason: `整改不到位：${kind}` } }, citySupervisor);
}

describe("accountabilityRecommendations: who may ask", () => {
  it("refuses an anonymous caller with UNAUTHENTICATED", async () => {
    const result = await server.gql(RECOMMENDATIONS, {}, {});
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a unit head, who may not record accountability actions, with FORBIDDEN", async () => {
    const head = await signInAs(server, "UNIT_HEAD", otherOffice);
    const result = await server.gql(RECOMMENDATIONS, {}, head);
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(result.data).toBeNull();
  });

  it("refuses a unit that is not a Unit id with BAD_USER_INPUT and one outside the scope with NOT_FOUND", async () => {
    const bad = await server.gql(RECOMMENDATIONS, { unit: tree.handler }, basicSupervisor);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "unit" });
    const hidden = await server.gql(RECOMMENDATIONS, { unit: tree.city }, basicSupervisor);
    expect(hidden.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("the ladder 约谈 → 诫勉谈话 → 通报批评", () => {
  let target: { dept: string; person: string };
  let finding: string;

  it("recommends TALK for an overdue finding, naming it, against the handler and the unit", async () => {
    target = await scene("超期");
    finding = await overdue(target.dept, target.person);
    const list = await recommendations(citySupervisor);
    const expected = { received: null, next: "TALK", exhausted: false, reasons: [{ kind: "OVERDUE", findings: [{ id: finding }] }], findings: [{ id: finding }] };
    expect(about(list, target.person)).toEqual({ ...expected, targetPerson: { id: target.person, name: "超期承办人" }, targetUnit: null });
    expect(about(list, target.dept)).toEqual({ ...expected, targetPerson: null, targetUnit: { id: target.dept, name: "超期检察部" } });
  });

  it("ignores an action against the person that is linked to other findings", async () => {
    const elsewhere = await record(target.dept, null, { deadline: "2026-12-20" });
    await act("BULLETIN_CRITICISM", { targetPerson: target.person }, [elsewhere]);
    expect(about(await recommendations(citySupervisor), target.person)).toMatchObject({ received: null, next: "TALK" });
  });

  it("rises one rung to ADMONISHMENT after a TALK against the person linked to the finding", async () => {
    await act("TALK", { targetPerson: target.person }, [finding]);
    const list = await recommendations(citySupervisor);
    expect(about(list, target.person)).toMatchObject({ received: "TALK", next: "ADMONISHMENT", exhausted: false, reasons: [{ kind: "OVERDUE" }] });
    // The talk was with the person; the unit has received nothing yet.
    expect(about(list, target.dept)).toMatchObject({ received: null, next: "TALK" });
  });

  it("rises to BULLETIN_CRITICISM after an admonishment, and the unit climbs on its own", async () => {
    await act("ADMONISHMENT", { targetPerson: target.person }, [finding]);
    await act("TALK", { targetUnit: target.dept }, [finding]);
    const list = await recommendations(citySupervisor);
    expect(about(list, target.person)).toMatchObject({ received: "ADMONISHMENT", next: "BULLETIN_CRITICISM", exhausted: false });
    expect(about(list, target.dept)).toMatchObject({ received: "TALK", next: "ADMONISHMENT", exhausted: false });
  });

  it("keeps the target listed as exhausted once BULLETIN_CRITICISM was received, first in the list", async () => {
    await act("BULLETIN_CRITICISM", { targetPerson: target.person }, [finding]);
    const list = await recommendations(citySupervisor);
    expect(about(list, target.person)).toEqual({
      received: "BULLETIN_CRITICISM",
      next: null,
      exhausted: true,
      targetPerson: { id: target.person, name: "超期承办人" },
      targetUnit: null,
      reasons: [{ kind: "OVERDUE", findings: [{ id: finding }] }],
      findings: [{ id: finding }],
    });
    expect(list[0]!.targetPerson?.id).toBe(target.person);
  });
});

describe("reasons", () => {
  it("gives REJECTED for a finding whose submission was rejected, also after it is resubmitted", async () => {
    const { dept, person } = await scene("退回");
    const id = await record(dept, person, { deadline: "2026-12-10" });
    await server.ok(MUTATIONS.startRectification, { input: { id } });
    await server.ok(MUTATIONS.submitRectification, { input: { id } });
    await server.ok(MUTATIONS.rejectRectification, { input: { id, reason: "整改材料不全" } });
    const rejected = { next: "TALK", reasons: [{ kind: "REJECTED", findings: [{ id }] }], findings: [{ id }] };
    expect(about(await recommendations(citySupervisor), person)).toMatchObject(rejected);
    await server.ok(MUTATIONS.submitRectification, { input: { id } });
    const list = await recommendations(citySupervisor);
    expect(about(list, person)).toMatchObject(rejected);
    expect(about(list, dept)).toMatchObject(rejected);
  });

  it("gives REPEAT for two findings of the same category for the same handler within 12 months", async () => {
    const { dept, person } = await scene("重复");
    const first = await record(dept, person, { category: "CASE_PROCEDURE", foundAt: "2026-01-10T02:00:00Z", deadline: "2026-12-20" });
    const again = await record(dept, person, { category: "CASE_PROCEDURE", foundAt: "2026-11-20T02:00:00Z", deadline: "2026-12-20" });
    const list = await recommendations(citySupervisor);
    const repeat = { next: "TALK", reasons: [{ kind: "REPEAT", findings: [{ id: again }, { id: first }] }], findings: [{ id: first }, { id: again }] };
    expect(about(list, person)).toMatchObject(repeat);
    expect(about(list, dept)).toMatchObject(repeat);
  });

  it("gives nothing for findings 13 months apart or of different categories", async () => {
    const { dept, person } = await scene("间隔");
    const other = await createPerson(server, { name: "间隔另一承办人", unit: dept, position: "PROSECUTOR" });
    await record(dept, person, { category: "CASE_PROCEDURE", foundAt: "2025-10-15T02:00:00Z", deadline: "2026-12-20" });
    await record(dept, person, { category: "CASE_PROCEDURE", foundAt: "2026-11-15T02:00:00Z", deadline: "2026-12-20" });
    await record(dept, other, { category: "LEGAL_DOCUMENTS", foundAt: "2026-06-01T02:00:00Z", deadline: "2026-12-20" });
    await record(dept, other, { category: "CASE_INFORMATION", foundAt: "2026-11-01T02:00:00Z", deadline: "2026-12-20" });
    const list = await recommendations(citySupervisor);
    expect(about(list, person)).toBeUndefined();
    expect(about(list, other)).toBeUndefined();
    expect(about(list, dept)).toBeUndefined();
  });

  it("gives REPEAT for a finding marked as repeating an earlier one of the same handler, whatever its age", async () => {
    const { dept, person } = await scene("复发");
    const old = await record(dept, person, { category: "LEGAL_DOCUMENTS", foundAt: "2025-06-01T02:00:00Z", deadline: "2026-12-20" });
    const again = await record(dept, person, { category: "CASE_PROCEDURE", foundAt: "2026-11-10T02:00:00Z", deadline: "2026-12-20", repeatOf: old });
    expect(about(await recommendations(citySupervisor), person)).toMatchObject({ reasons: [{ kind: "REPEAT", findings: [{ id: again }, { id: old }] }] });
  });

  it("gives nothing for a finding verified in time", async () => {
    const { dept, person } = await scene("按期");
    const id = await record(dept, person, { deadline: "2026-12-10" });
    await server.ok(MUTATIONS.startRectification, { input: { id } });
    await server.ok(MUTATIONS.submitRectification, { input: { id } });
    await server.ok(MUTATIONS.verifyRectification, { input: { id, verifier: tree.supervisor } });
    const list = await recommendations(citySupervisor);
    expect(about(list, person)).toBeUndefined();
    expect(about(list, dept)).toBeUndefined();
  });

  it("names each reason once per finding and counts them for the order", async () => {
    const { dept, person } = await scene("多项");
    const a = await overdue(dept, person);
    const b = await record(dept, person, { category: "LEGAL_DOCUMENTS", foundAt: "2026-11-05T02:00:00Z", deadline: "2026-11-21" });
    expect(about(await recommendations(citySupervisor), person)).toMatchObject({
      reasons: [
        { kind: "OVERDUE", findings: [{ id: a }] },
        { kind: "OVERDUE", findings: [{ id: b }] },
        { kind: "REPEAT", findings: [{ id: b }, { id: a }] },
      ],
      findings: [{ id: a }, { id: b }],
    });
  });

  it("recommends against the unit alone when the finding names no handler", async () => {
    const { dept, person } = await scene("无承办人");
    const id = await overdue(dept, null);
    const list = await recommendations(citySupervisor);
    expect(about(list, dept)).toMatchObject({ next: "TALK", reasons: [{ kind: "OVERDUE", findings: [{ id }] }] });
    expect(about(list, person)).toBeUndefined();
  });

  it("sorts by the rung proposed (exhausted first), then more reasons, then name", async () => {
    const list = await recommendations(citySupervisor);
    const rank = (r: Recommendation) => (r.exhausted ? 3 : ["TALK", "ADMONISHMENT", "BULLETIN_CRITICISM"].indexOf(r.next!));
    const name = (r: Recommendation) => (r.targetPerson ?? r.targetUnit)!.name;
    const collator = new Intl.Collator("zh-CN");
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1]!, list[i]!];
      const order = rank(b) - rank(a) || b.reasons.length - a.reasons.length || collator.compare(name(a), name(b));
      expect(order, `${name(a)} before ${name(b)}`).toBeLessThanOrEqual(0);
    }
    expect(new Set(list.map(rank))).toEqual(new Set([0, 1, 3]));
  });
});

describe("scope", () => {
  it("shows a supervisor of another office only the targets of that office", async () => {
    const person = await createPerson(server, { name: "县院承办人", unit: otherDept, position: "PROSECUTOR" });
    await overdue(otherDept, person);
    const other = await recommendations(await signInAs(server, "SUPERVISOR", otherOffice));
    expect(other.map((r) => (r.targetPerson ?? r.targetUnit)!.id).sort()).toEqual([otherDept, person].sort());
    expect(about(await recommendations(basicSupervisor), person)).toBeUndefined();
  });

  it("hides the city's targets from a supervisor of a basic office", async () => {
    const { dept, person } = await scene("市院", tree.city);
    await overdue(dept, person);
    expect(about(await recommendations(citySupervisor), person)).toBeDefined();
    const basic = await recommendations(basicSupervisor);
    expect(about(basic, person)).toBeUndefined();
    expect(about(basic, dept)).toBeUndefined();
    expect(basic.length).toBeGreaterThan(0);
  });

  it("narrows to a unit's subtree", async () => {
    const { dept, person } = await scene("子树");
    await overdue(dept, person);
    const list = await recommendations(citySupervisor, dept);
    expect(list.map((r) => (r.targetPerson ?? r.targetUnit)!.id).sort()).toEqual([dept, person].sort());
  });
});

describe("cost", () => {
  it("writes nothing: the journal's last seq and every table stay as they were", async () => {
    const seq = await lastJournalSeq(server);
    const before = await dataSnapshot(server);
    expect((await recommendations(citySupervisor)).length).toBeGreaterThan(0);
    expect(await dataSnapshot(server)).toEqual(before);
    expect(await lastJournalSeq(server)).toBe(seq);
  });

  it("costs the same number of SQL statements for 2 targets as for 20", async () => {
    const office = async (code: string, departments: number, perDepartment: number) => {
      const root = await createUnit(server, { code, name: `${code}院`, kind: "OFFICE", level: "BASIC", parent: tree.city });
      for (let d = 0; d < departments; d++) {
        const dept = await createUnit(server, { code: `${code}-${d}`, name: `${code}部${d}`, kind: "DEPARTMENT", level: "BASIC", parent: root });
        for (let p = 0; p < perDepartment; p++) {
          const person = await createPerson(server, { name: `${code}人${d}-${p}`, unit: dept, position: "PROSECUTOR" });
          const late = await overdue(dept, person);
          const again = await record(dept, person, { foundAt: "2026-11-02T02:00:00Z", deadline: "2026-12-20" });
          if (p === 0) await act("TALK", { targetPerson: person }, [late, again]);
        }
      }
      return root;
    };
    const small = await office("S2", 1, 1); // 1 person + 1 unit
    const large = await office("S20", 5, 3); // 15 people + 5 units
    const query = `query($unit: ID) { accountabilityRecommendations(unit: $unit) {
      received next exhausted
      targetPerson { name unit { name parent { name } } }
      targetUnit { name parent { name } }
      reasons { kind findings { code } }
      findings { code status handler { name } unit { name } }
    } }`;
    const measured = async (unit: string) => {
      // Refresh the session's last-seen time first, so that write never lands inside the measured request.
      await server.ok(`{ me { kind } }`);
      server.database.statements.count = 0;
      const data = await server.ok<{ accountabilityRecommendations: { received: string | null }[] }>(query, { unit });
      return { list: data.accountabilityRecommendations, statements: server.database.statements.count };
    };
    const two = await measured(small);
    const twenty = await measured(large);
    expect(two.list).toHaveLength(2);
    expect(twenty.list).toHaveLength(20);
    expect(twenty.list.filter((r) => r.received === "TALK")).toHaveLength(5);
    console.log(`statements: 2 targets → ${two.statements}, 20 targets → ${twenty.statements}`);
    expect(twenty.statements).toBe(two.statements);
  });
});
