import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallTree, createPerson, createUnit, findingInput, MUTATIONS, RECORD_FINDING, type SmallTree } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

const FINDINGS = 100;
/** One statement per loader and nesting level, plus the page, its count and the viewer's session. */
const MAX_STATEMENTS = 20;

let server: TestServer;
let tree: SmallTree;

/** Runs `task` over 0 … count-1, `size` requests at a time. */
async function inBatches<R>(count: number, size: number, task: (index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < count; i += size) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => task(i + j)))));
  }
  return results;
}

beforeAll(async () => {
  server = await startTestServer({ now: new Date("2026-11-23T02:00:00Z") });
  tree = await buildSmallTree(server);
  // Several departments; handlers, measure owners, responsible people and action targets drawn
  // from separate groups, targets in a unit of their own: a loader's per-request cache then never
  // spares one page a query that the other page needs, so the counts compare batching alone.
  const departments = [tree.basicProsecution];
  for (let d = 0; d < 3; d++) {
    departments.push(await createUnit(server, { code: `S-D${d}`, name: `第${d + 2}检察部`, kind: "DEPARTMENT", level: "BASIC", parent: tree.basic }));
  }
  const office = await createUnit(server, { code: "S-OFFICE", name: "督察室", kind: "DEPARTMENT", level: "BASIC", parent: tree.basic });
  const politics = await createUnit(server, { code: "S-POLITICS", name: "政治部", kind: "DEPARTMENT", level: "BASIC", parent: tree.basic });
  const group = (label: string, size: number, unit?: string) =>
    inBatches(size, size, (i) => createPerson(server, { name: `${label}${i}`, unit: unit ?? departments[i % departments.length], position: "PROSECUTOR" }));
  const handlers = await group("承办人", departments.length);
  const owners = await group("责任人", 6);
  const answerable = await group("直接责任人", 6);
  const targets = await group("被问责人", 6, politics);

  const ids = await inBatches(FINDINGS, 25, async (i) => {
    const d = i % departments.length;
    const input = findingInput(tree, { unit: departments[d], handler: handlers[d], title: `问题 ${i}`, deadline: `2026-12-${String(1 + (i % 28)).padStart(2, "0")}` });
    return (await server.ok(RECORD_FINDING, { input })).recordFinding.id as string;
  });
  await inBatches(FINDINGS, 25, (i) => server.ok(MUTATIONS.addMeasure, { input: { id: ids[i], text: `措施 ${i}`, owner: owners[i % owners.length], due: "2026-12-01" } }));
  // Alternately a person and a unit answer for each finding, so any page of 5 holds both.
  await inBatches(FINDINGS, 25, (i) =>
    server.ok(MUTATIONS.assignResponsibility, {
      input: i % 2 ? { id: ids[i], tier: "DIRECT", person: answerable[i % answerable.length] } : { id: ids[i], tier: "PRIMARY", unit: office },
    }),
  );
  await inBatches(FINDINGS / 4, 25, (i) =>
    server.ok(MUTATIONS.recordAccountabilityAction, {
      input: { kind: "TALK", targetPerson: targets[i % targets.length], findings: ids.slice(4 * i, 4 * i + 4), reason: `约谈 ${i}` },
    }),
  );
});
afterAll(() => server?.close());

/** Sends one operation and returns its data with the number of SQL statements it cost. */
async function measured(query: string, variables: Record<string, unknown>) {
  // A session's last-seen time is written at most once a minute; refresh it first so that write
  // never lands inside the measured request.
  await server.ok(`{ me { kind } }`);
  server.database.statements.count = 0;
  const data = await server.ok(query, variables);
  return { data, statements: server.database.statements.count };
}

const LEDGER_PAGE = `query($first: Int!) { findings(first: $first) { totalCount edges { node {
  code
  unit { name parent { name } }
  handler { name unit { name } }
  measures { text owner { name } }
  responsibilities { tier person { name } unit { name } }
  accountabilityActions { kind findings { code } }
  history { seq }
} } } }`;

describe("SQL statements per request", () => {
  it("loads a page of 100 findings with all nested fields in as many statements as a page of 5", async () => {
    const small = await measured(LEDGER_PAGE, { first: 5 });
    const large = await measured(LEDGER_PAGE, { first: 100 });
    expect(small.data.findings.edges).toHaveLength(5);
    expect(large.data.findings.edges).toHaveLength(100);
    expect(large.data.findings.totalCount).toBe(FINDINGS);
    // Every row really carries each nested field, so every loader was exercised on both pages.
    for (const { node } of large.data.findings.edges) {
      expect(node.unit.parent.name).toBe("测试区人民检察院");
      expect(node.handler.unit.name).toBe(node.unit.name);
      expect(node.measures).toEqual([{ text: expect.stringMatching(/^措施 /), owner: { name: expect.stringMatching(/^责任人/) } }]);
      expect(node.responsibilities).toHaveLength(1);
      const [answer] = node.responsibilities;
      if (answer.person) expect(answer).toEqual({ tier: "DIRECT", person: { name: expect.stringMatching(/^直接责任人/) }, unit: null });
      else expect(answer).toEqual({ tier: "PRIMARY", person: null, unit: { name: "督察室" } });
      expect(node.accountabilityActions).toHaveLength(1);
      expect(node.accountabilityActions[0].findings.map((f: { code: string }) => f.code)).toContain(node.code);
      expect(node.history).toHaveLength(3); // recordFinding, addMeasure, assignResponsibility
    }
    const firstFive = small.data.findings.edges.map((e: { node: { responsibilities: { person: unknown }[] } }) => e.node.responsibilities[0]!.person !== null);
    expect(new Set(firstFive), "a page of 5 has person and unit responsibilities").toEqual(new Set([true, false]));
    console.log(`statements: first 5 → ${small.statements}, first 100 → ${large.statements}`);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it("costs the same number of statements each time the same page is asked for", async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push((await measured(LEDGER_PAGE, { first: 100 })).statements, (await measured(LEDGER_PAGE, { first: 5 })).statements);
    expect(new Set(counts).size, JSON.stringify(counts)).toBe(1);
  });

  it("loads accountability actions with their targets and findings in constant statements", async () => {
    const query = `query($first: Int!) { accountabilityActions(first: $first) { edges { node {
      kind targetPerson { name unit { name parent { name } } }
      findings { code unit { name } handler { name } measures { text } }
    } } } }`;
    const small = await measured(query, { first: 5 });
    const large = await measured(query, { first: 25 });
    expect(large.data.accountabilityActions.edges).toHaveLength(FINDINGS / 4);
    for (const { node } of large.data.accountabilityActions.edges) {
      expect(node.findings).toHaveLength(4);
      expect(node.targetPerson.unit).toEqual({ name: "政治部", parent: { name: "测试区人民检察院" } });
    }
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it("reads one finding with its unit, handler and measures in two statements", async () => {
    const page = await server.ok(`{ findings(first: 1) { edges { node { id code } } } }`);
    const { id, code } = page.findings.edges[0].node;
    const one = await measured(`query($id: ID!) { finding(id: $id) { code unit { name } handler { name } measures { text due } } }`, { id });
    expect(one.data.finding.code).toBe(code);
    expect(one.data.finding.unit.name).toMatch(/检察部$/);
    expect(one.data.finding.handler.name).toMatch(/^承办人/);
    expect(one.data.finding.measures).toHaveLength(1);
    // The finding with its unit and handler joined in, then its measures: the viewer is cached.
    expect(one.statements).toBe(2);
  });

  it("reads the board of one unit, its children's rows and their names in one statement", async () => {
    const board = await measured(`query($unit: ID) { board(unit: $unit) { unit { name } open overdue verified units { unit { name parent { name } } open overdue red yellow black } } }`, { unit: tree.basic });
    expect(board.data.board.unit.name).toBeTruthy();
    expect(board.data.board.open).toBe(FINDINGS);
    // Each department's row carries its own count; the rows add up to the unit's.
    const rows = board.data.board.units as { unit: { parent: { name: string } }; open: number }[];
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.every((r) => r.unit.parent.name === board.data.board.unit.name)).toBe(true);
    expect(rows.reduce((sum, r) => sum + r.open, 0)).toBe(FINDINGS);
    expect(board.statements).toBe(1);
  });
});
