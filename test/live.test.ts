import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallTree, findingInput, MUTATIONS, RECORD_FINDING, type SmallTree } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { liveClient, type LiveClient } from "./support/ws.js";

let server: TestServer;
let tree: SmallTree;
const clients: LiveClient[] = [];
const open = (...args: Parameters<typeof liveClient>) => {
  const c = liveClient(...args);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  server = await startTestServer();
  tree = await buildSmallTree(server);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.close();
});

const EVENTS = `subscription($since: Int) { journalEvents(since: $since) { seq action entity entityId } }`;

describe("journalEvents", () => {
  it("sends the backlog after `since`, then live events, in seq order", async () => {
    const live = open(server.url, { cookie: server.adminCookie });
    const sub = live.collect<{ journalEvents: { seq: number; action: string } }>(EVENTS, { since: 0 });
    const backlog = await server.database.exec("select count(*)::int as n from journal");
    await sub.waitFor(Number(backlog[0]!.n));
    await server.ok(RECORD_FINDING, { input: findingInput(tree) });
    const items = await sub.waitFor(Number(backlog[0]!.n) + 1);
    const seqs = items.map((i) => i.journalEvents.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(items.at(-1)!.journalEvents.action).toBe("recordFinding");
  });

  it("refuses a signed-out subscriber with UNAUTHENTICATED", async () => {
    const live = open(server.url);
    const sub = live.collect(EVENTS, {});
    await expect(sub.waitFor(1, 3000)).rejects.toThrow(/sign in/);
  });

  it("refuses a handshake from another site's Origin", async () => {
    const live = open(server.url, { cookie: server.adminCookie }, { origin: "http://evil.example" });
    const sub = live.collect(EVENTS, {});
    await expect(sub.waitFor(1, 3000)).rejects.toThrow();
  });
});

describe("findingChanged, ledgerChanged, boardChanged", () => {
  it("follows one finding, a ledger filter (including leaving it) and the board", async () => {
    const id = (await server.ok(RECORD_FINDING, { input: findingInput(tree) })).recordFinding.id;
    // Let the hub pass the finding's own row first, so the subscriptions start after it.
    const [max] = await server.database.exec("select max(seq)::int as n from journal");
    for (let i = 0; i < 100 && server.app.hub.seq < Number(max!.n); i++) await new Promise((r) => setTimeout(r, 20));
    const before = server.app.engine.subscriberCount;
    const live = open(server.url, { cookie: server.adminCookie });
    const finding = live.collect<{ findingChanged: { status: string } }>(`subscription($id: ID!) { findingChanged(id: $id) { status } }`, { id });
    const ledger = live.collect<{ ledgerChanged: { matches: boolean; finding: { status: string } } }>(
      `subscription { ledgerChanged(filter: { status: [OPEN] }) { matches action finding { status } } }`,
    );
    const board = live.collect<{ boardChanged: { open: number } }>(`subscription { boardChanged { open } }`);
    // All three are registered on the node before the change (a loaded machine can take a while).
    for (let i = 0; i < 100 && server.app.engine.subscriberCount < before + 3; i++) await new Promise((r) => setTimeout(r, 50));
    expect(server.app.engine.subscriberCount).toBe(before + 3);
    await server.ok(`mutation($i: FindingStepInput!) { startRectification(input: $i) { id } }`, { i: { id } });
    expect((await finding.waitFor(1))[0]!.findingChanged.status).toBe("RECTIFYING");
    const left = (await ledger.waitFor(1))[0]!.ledgerChanged;
    expect(left).toMatchObject({ matches: false, finding: { status: "RECTIFYING" } });
    const snapshot = (await board.waitFor(1))[0]!.boardChanged;
    expect(snapshot.open).toBe((await server.ok(`{ board { open } }`)).board.open);
  });

  it("pushes a board snapshot for an accountability action and a published bulletin, not for a draft", async () => {
    const id = (await server.ok(RECORD_FINDING, { input: findingInput(tree) })).recordFinding.id;
    // Let the hub pass the finding's own row first, so only the rows below can wake the board.
    const [max] = await server.database.exec("select max(seq)::int as n from journal");
    for (let i = 0; i < 100 && server.app.hub.seq < Number(max!.n); i++) await new Promise((r) => setTimeout(r, 20));
    const live = open(server.url, { cookie: server.adminCookie });
    // Its own selection, so it shares no throttled group (and no pending snapshot) with earlier tests.
    const board = live.collect<{ boardChanged: { open: number } }>(`subscription { boardChanged { open verified } }`);
    await new Promise((r) => setTimeout(r, 300));
    expect(board.items).toHaveLength(0);
    await server.ok(MUTATIONS.recordAccountabilityAction, { input: { kind: "TALK", targetPerson: tree.handler, findings: [id], reason: "逾期未整改" } });
    await board.waitFor(1);
    const draft = (await server.ok(MUTATIONS.createBulletin, { input: { title: "通报", kind: "PROCESS_MONITORING", unit: tree.city, items: [{ kind: "CRITICISM", finding: id }] } })).createBulletin;
    await new Promise((r) => setTimeout(r, 600));
    expect(board.items).toHaveLength(1);
    await server.ok(MUTATIONS.publishBulletin, { id: draft.id });
    await board.waitFor(2);
  });

  it("executes an event once for many identical subscribers", async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    for (let i = 0; i < 50 && server.app.engine.subscriberCount > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(server.app.engine.subscriberCount).toBe(0);
    const query = `subscription { findingChanged(id: "${(await server.ok(RECORD_FINDING, { input: findingInput(tree) })).recordFinding.id}") { code status } }`;
    const id = /id: "([^"]+)"/.exec(query)![1]!;
    const measure = async (n: number) => {
      // Let the node's hub catch up first, so earlier writes are not counted as this event's work.
      const [max] = await server.database.exec("select max(seq)::int as n from journal");
      for (let i = 0; i < 100 && server.app.hub.seq < Number(max!.n); i++) await new Promise((r) => setTimeout(r, 20));
      const subs = Array.from({ length: n }, () => open(server.url, { cookie: server.adminCookie }).collect(query));
      for (let i = 0; i < 100 && server.app.engine.subscriberCount < n; i++) await new Promise((r) => setTimeout(r, 50));
      expect(server.app.engine.subscriberCount).toBe(n);
      const executions = server.app.engine.executions;
      const statements = server.database.statements.count;
      const step = n === 1 ? "startRectification" : "submitRectification";
      await server.ok(`mutation($i: FindingStepInput!) { ${step}(input: $i) { id } }`, { i: { id } });
      for (const sub of subs) await sub.waitFor(1);
      const result = { executions: server.app.engine.executions - executions, statements: server.database.statements.count - statements };
      subs.forEach((s) => s.stop());
      for (let i = 0; i < 100 && server.app.engine.subscriberCount > 0; i++) await new Promise((r) => setTimeout(r, 50));
      return result;
    };
    const one = await measure(1);
    const ten = await measure(10);
    expect(one.executions).toBe(1);
    expect(ten.executions).toBe(1);
    expect(ten.statements).toBe(one.statements);
  });
});

describe("WebSocket limits", () => {
  it("applies the same validation limits and error masking as HTTP", async () => {
    let selection = "name";
    for (let i = 0; i < 13; i++) selection = `parent { ${selection} }`;
    const sub = open(server.url, { cookie: server.adminCookie }).collect(`subscription { findingChanged(id: "x") { unit { ${selection} } } }`);
    await expect(sub.waitFor(1, 3000)).rejects.toThrow(/depth/);
    const bad = open(server.url, { cookie: server.adminCookie }).collect(`subscription { findingChanged(id: "VW5pdDox") { code } }`);
    await expect(bad.waitFor(1, 3000)).rejects.toThrow(/not a Finding id/);
  });

  it("allows at most 50 subscriptions per connection", async () => {
    const live = open(server.url, { cookie: server.adminCookie });
    const subs = Array.from({ length: 51 }, () => live.collect(`subscription { boardChanged { open } }`));
    await expect(subs[50]!.waitFor(1, 3000)).rejects.toThrow(/at most 50/);
    expect(subs.slice(0, 50).every((s) => s.errors.length === 0)).toBe(true);
  });

  it("closes the socket of a revoked token", async () => {
    // Its own server, re-checking credentials every 300 ms instead of every 30 s.
    const server = await startTestServer({ wsRecheckMs: 300 });
    const tree = await buildSmallTree(server);
    const made = (
      await server.ok(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret token { id } } }`, {
        i: { name: "readonly", kind: "SYSTEM", scopeUnit: tree.city },
      })
    ).createApiToken;
    const sub = open(server.url, { bearer: made.secret }).collect(EVENTS, {});
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.errors).toEqual([]);
    await server.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: made.token.id });
    await expect(sub.waitFor(1, 3000)).rejects.toThrow(/4401|Unauthorized/);
    await server.close();
  });
});
