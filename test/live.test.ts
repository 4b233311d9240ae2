import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallTree, findingInput, RECORD_FINDING, type SmallTree } from "./support/factory.js";
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
