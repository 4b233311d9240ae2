import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildSmallTree, dataSnapshot, findingInput, MUTATIONS, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type GraphQLResponse, type TestServer } from "./support/server.js";

const NOW = new Date("2026-11-23T02:00:00Z");
/** What must never reach a client: stack frames, SQL, file paths. */
const LEAK = /at .*\.(js|ts)|select |insert |update |delete from|\/work\/|node_modules/i;

let server: TestServer;
let tree: SmallTree;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  tree = await buildSmallTree(server);
  const record = async () => (await server.ok(RECORD_FINDING, { input: findingInput(tree) })).recordFinding.id as string;
  const step = (name: keyof typeof MUTATIONS, input: Record<string, unknown>) => server.ok(MUTATIONS[name], { input });
  ids.open = await record();
  ids.rectifying = await record();
  await step("startRectification", { id: ids.rectifying });
  ids.submitted = await record();
  await step("startRectification", { id: ids.submitted });
  await step("submitRectification", { id: ids.submitted });
  ids.verified = await record();
  await step("startRectification", { id: ids.verified });
  await step("submitRectification", { id: ids.verified });
  await step("verifyRectification", { id: ids.verified, verifier: tree.supervisor });
});
afterAll(() => server?.close());

/**
 * Sends an operation that must fail with `code`, checks the message leaks nothing and that no
 * table changed (row counts, contents, journal); returns the first error.
 */
async function expectRefused(query: string, variables: Record<string, unknown>, code: string, as?: Credentials) {
  const before = await dataSnapshot(server);
  const result: GraphQLResponse = await server.gql(query, variables, as);
  expect(result.errors, JSON.stringify(result)).toBeDefined();
  const error = result.errors![0]!;
  expect(error.extensions?.code, error.message).toBe(code);
  for (const e of result.errors!) expect(e.message).not.toMatch(LEAK);
  expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|\/work\//i);
  expect(await dataSnapshot(server)).toEqual(before);
  return error;
}

const versionOf = async (id: string) =>
  (await server.ok(`query($id: ID!) { finding(id: $id) { version status } }`, { id })).finding as { version: number; status: string };

describe("signed out", () => {
  it("refuses a mutation from a signed-out client with UNAUTHENTICATED and changes nothing", async () => {
    await expectRefused(RECORD_FINDING, { input: findingInput(tree) }, "UNAUTHENTICATED", {});
    await expectRefused(MUTATIONS.startRectification, { input: { id: ids.open } }, "UNAUTHENTICATED", {});
  });

  it("refuses to show the ledger to a signed-out client with UNAUTHENTICATED", async () => {
    await expectRefused(`{ findings(first: 5) { totalCount edges { node { id } } } }`, {}, "UNAUTHENTICATED", {});
  });
});

describe("bad input", () => {
  it("rejects a wrong enum value given in variables with BAD_USER_INPUT naming the field", async () => {
    const error = await expectRefused(RECORD_FINDING, { input: findingInput(tree, { severity: "TERRIBLE" }) }, "BAD_USER_INPUT");
    expect(error.message).toMatch(/severity/);
  });

  it("rejects a wrong enum value written in the query as a validation error", async () => {
    const error = await expectRefused(`{ findings(filter: { status: [DONE] }) { totalCount } }`, {}, "GRAPHQL_VALIDATION_FAILED");
    expect(error.message).toMatch(/DONE/);
  });

  it("rejects a missing required field with BAD_USER_INPUT naming it", async () => {
    const { title: _omitted, ...input } = findingInput(tree);
    const error = await expectRefused(RECORD_FINDING, { input }, "BAD_USER_INPUT");
    expect(error.message).toMatch(/title/);
  });

  it("rejects a title longer than 200 characters with BAD_USER_INPUT on title", async () => {
    const error = await expectRefused(RECORD_FINDING, { input: findingInput(tree, { title: "起".repeat(201) }) }, "BAD_USER_INPUT");
    expect(error.extensions?.field).toBe("title");
  });

  it("rejects a too-long title in updateFinding and keeps the version", async () => {
    const { version } = await versionOf(ids.open!);
    const error = await expectRefused(MUTATIONS.updateFinding, { input: { id: ids.open, version, title: "x".repeat(201) } }, "BAD_USER_INPUT");
    expect(error.extensions?.field).toBe("title");
    expect((await versionOf(ids.open!)).version).toBe(version);
  });

  it("rejects a deadline before the day the problem was found", async () => {
    const input = findingInput(tree, { foundAt: "2026-11-20T02:00:00.000Z", deadline: "2026-11-19" });
    const error = await expectRefused(RECORD_FINDING, { input }, "BAD_USER_INPUT");
    expect(error.extensions?.field).toBe("deadline");
  });

  it("rejects moving a deadline before the found day in updateFinding", async () => {
    const { version } = await versionOf(ids.open!);
    const error = await expectRefused(MUTATIONS.updateFinding, { input: { id: ids.open, version, deadline: "2026-01-01" } }, "BAD_USER_INPUT");
    expect(error.extensions?.field).toBe("deadline");
  });

  it.each([
    ["rejectRectification", "submitted", ""],
    ["rejectRectification", "submitted", "   "],
    ["withdrawFinding", "open", ""],
    ["withdrawFinding", "open", " \n "],
  ] as const)("rejects %s on the %s finding with reason %j", async (mutation, which, reason) => {
    const before = await versionOf(ids[which]!);
    const error = await expectRefused(MUTATIONS[mutation], { input: { id: ids[which], reason } }, "BAD_USER_INPUT");
    expect(error.extensions?.field).toBe("reason");
    expect(await versionOf(ids[which]!)).toEqual(before);
  });

  it("answers an unknown finding id with NOT_FOUND", async () => {
    const unknown = Buffer.from("Finding:987654").toString("base64url");
    await expectRefused(`query($id: ID!) { finding(id: $id) { id } }`, { id: unknown }, "NOT_FOUND");
    const error = await expectRefused(MUTATIONS.startRectification, { input: { id: unknown } }, "NOT_FOUND");
    expect(error.extensions?.id).toBe(unknown);
  });

  it("answers an unknown unit or handler in recordFinding with NOT_FOUND", async () => {
    await expectRefused(RECORD_FINDING, { input: findingInput(tree, { unit: Buffer.from("Unit:4242").toString("base64url") }) }, "NOT_FOUND");
    await expectRefused(RECORD_FINDING, { input: findingInput(tree, { handler: Buffer.from("Person:4242").toString("base64url") }) }, "NOT_FOUND");
  });

  it.each([
    ["garbage", "not-an-id!"],
    ["an id of another type", "UNIT"],
    ["an empty string", ""],
  ])("rejects a malformed id (%s) with BAD_USER_INPUT on the field", async (_name, raw) => {
    const id = raw === "UNIT" ? tree.basic : raw;
    const error = await expectRefused(MUTATIONS.startRectification, { input: { id } }, "BAD_USER_INPUT");
    expect(error.extensions?.field).toBe("id");
    const filter = await expectRefused(`query($h: ID!) { findings(filter: { handler: $h }) { totalCount } }`, { h: id || "x" }, "BAD_USER_INPUT");
    expect(filter.extensions?.field).toBe("filter.handler");
  });

  it.each(["findings", "units", "people", "accountabilityActions", "bulletins", "journal"])(
    "rejects first: 1000 on %s with BAD_USER_INPUT on first",
    async (list) => {
      const error = await expectRefused(`{ ${list}(first: 1000) { totalCount } }`, {}, "BAD_USER_INPUT");
      expect(error.extensions?.field).toBe("first");
    },
  );

  it("rejects a negative first with BAD_USER_INPUT on first", async () => {
    const error = await expectRefused(`{ findings(first: -1) { totalCount } }`, {}, "BAD_USER_INPUT");
    expect(error.extensions?.field).toBe("first");
  });

  it("rejects a cursor that this list did not hand out", async () => {
    const error = await expectRefused(`{ findings(first: 5, after: "bm9wZQ") { totalCount } }`, {}, "BAD_USER_INPUT");
    expect(error.extensions?.field).toBe("after");
  });

  it("rejects a responsibility naming both a person and a unit", async () => {
    const input = { id: ids.open, tier: "DIRECT", person: tree.handler, unit: tree.basicProsecution };
    expect((await expectRefused(MUTATIONS.assignResponsibility, { input }, "BAD_USER_INPUT")).extensions?.field).toBe("person");
  });
});

describe("scope", () => {
  it("answers a repeatOf outside the viewer's subtree with NOT_FOUND and records nothing", async () => {
    const outside = (await server.ok(RECORD_FINDING, { input: findingInput(tree, { unit: tree.cityCaseDept, handler: null }) })).recordFinding.id;
    const basicSupervisor = await signInAs(server, "SUPERVISOR", tree.basic);
    const error = await expectRefused(RECORD_FINDING, { input: findingInput(tree, { repeatOf: outside }) }, "NOT_FOUND", basicSupervisor);
    expect(error.extensions?.id).toBe(outside);
    // The same viewer may name a finding of its own subtree as the one repeated.
    const { recordFinding } = await server.ok(RECORD_FINDING, { input: findingInput(tree, { repeatOf: ids.open }) }, basicSupervisor);
    const { finding } = await server.ok(`query($id: ID!) { finding(id: $id) { repeatOf { id } } }`, { id: recordFinding.id });
    expect(finding.repeatOf).toEqual({ id: ids.open });
  });
});

describe("CONFLICT", () => {
  it("rejects a stale version with CONFLICT", async () => {
    const { version } = await versionOf(ids.rectifying!);
    await server.ok(MUTATIONS.updateFinding, { input: { id: ids.rectifying, version, title: "第一次修改" } });
    const error = await expectRefused(MUTATIONS.updateFinding, { input: { id: ids.rectifying, version, title: "基于旧版本的修改" } }, "CONFLICT");
    expect(error.message).toMatch(/changed by someone else/);
    const { finding } = await server.ok(`query($id: ID!) { finding(id: $id) { title version } }`, { id: ids.rectifying });
    expect(finding).toEqual({ title: "第一次修改", version: version + 1 });
  });

  it("rejects a workflow step carrying a stale version with CONFLICT", async () => {
    const { version } = await versionOf(ids.submitted!);
    await expectRefused(MUTATIONS.verifyRectification, { input: { id: ids.submitted, version: version - 1, verifier: tree.supervisor } }, "CONFLICT");
    expect(await versionOf(ids.submitted!)).toEqual({ version, status: "SUBMITTED" });
  });
});

describe("INVALID_TRANSITION", () => {
  it.each([
    ["verifyRectification", "open", { verifier: "supervisor" }],
    ["submitRectification", "verified", {}],
    ["startRectification", "rectifying", {}],
    ["withdrawFinding", "verified", { reason: "已销号不能撤销" }],
    ["rejectRectification", "rectifying", { reason: "尚未提交" }],
    ["submitRectification", "open", {}],
    ["updateFinding", "submitted", { title: "已提交后修改", version: "current" }],
  ] as const)("refuses %s on the %s finding and writes no journal row", async (mutation, which, extra) => {
    const before = await versionOf(ids[which]!);
    const input: Record<string, unknown> = { id: ids[which], ...extra };
    if ("verifier" in extra) input.verifier = tree.supervisor;
    if ("version" in extra) input.version = before.version;
    const error = await expectRefused(MUTATIONS[mutation], { input }, "INVALID_TRANSITION");
    expect(error.extensions).toMatchObject({ from: before.status, action: mutation });
    expect(await versionOf(ids[which]!)).toEqual(before);
  });

  it("refuses to start a finding twice", async () => {
    const f = (await server.ok(RECORD_FINDING, { input: findingInput(tree) })).recordFinding;
    await server.ok(MUTATIONS.startRectification, { input: { id: f.id } });
    await expectRefused(MUTATIONS.startRectification, { input: { id: f.id } }, "INVALID_TRANSITION");
  });

  it("refuses a new measure on a verified finding", async () => {
    await expectRefused(MUTATIONS.addMeasure, { input: { id: ids.verified, text: "补充措施", due: "2026-12-01" } }, "INVALID_TRANSITION");
  });

  it("refuses to publish a bulletin twice", async () => {
    const draft = await server.ok(MUTATIONS.createBulletin, {
      input: { unit: tree.city, kind: "GOVERNANCE", title: "政务运行情况通报", items: [{ kind: "HIGHLIGHT", text: "按期办结" }] },
    });
    await server.ok(MUTATIONS.publishBulletin, { id: draft.createBulletin.id });
    await expectRefused(MUTATIONS.publishBulletin, { id: draft.createBulletin.id }, "INVALID_TRANSITION");
  });
});

describe("unexpected errors", () => {
  /** Captures what the server logs to stderr while `run` runs. */
  async function logged(run: () => Promise<void>): Promise<string> {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return lines.join("");
  }

  it("masks a failing query as an internal error with a correlation id that is in the log", async () => {
    let error!: NonNullable<GraphQLResponse["errors"]>[number];
    await server.database.exec(`alter table measures rename column text to text_moved`);
    try {
      const log = await logged(async () => {
        error = await expectRefused(`query($id: ID!) { finding(id: $id) { measures { text } } }`, { id: ids.open }, "INTERNAL_SERVER_ERROR");
      });
      const [, id] = /^internal error \(correlation id ([0-9a-f-]{36})\)$/.exec(error.message) ?? [];
      expect(error.extensions?.correlationId).toBe(id);
      expect(log).toContain(error.extensions!.correlationId);
      expect(log).toMatch(/text/);
    } finally {
      await server.database.exec(`alter table measures rename column text_moved to text`);
    }
  });

  it("masks a failure in the journal append and rolls the whole change back", async () => {
    await server.database.exec(`alter table journal rename column hash to hash_moved`);
    try {
      let error!: NonNullable<GraphQLResponse["errors"]>[number];
      await logged(async () => {
        error = await expectRefused(RECORD_FINDING, { input: findingInput(tree) }, "INTERNAL_SERVER_ERROR");
      });
      expect(error.message).toMatch(/^internal error \(correlation id [0-9a-f-]{36}\)$/);
      expect(Object.keys(error.extensions!).sort()).toEqual(["code", "correlationId"]);
    } finally {
      await server.database.exec(`alter table journal rename column hash_moved to hash`);
    }
    // The same request works again once the table is back.
    expect((await server.ok(RECORD_FINDING, { input: findingInput(tree) })).recordFinding.status).toBe("OPEN");
  });
});
