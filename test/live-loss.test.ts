import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectPath } from "../db/paths.js";
import { startApp, type RunningApp } from "../server/app.js";
import { SettableClock } from "../server/clock.js";
import { appendJournal } from "../server/journal/journal.service.js";
import { buildSmallTree, findingInput, RECORD_FINDING, type SmallTree } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";
import { liveClient, type LiveClient } from "./support/ws.js";

type Event = { journalEvents: { seq: number } };
const EVENTS = `subscription($since: Int) { journalEvents(since: $since) { seq } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server: TestServer;
let tree: SmallTree;
const clients: LiveClient[] = [];
const open = (url: string, cookie: string) => {
  const c = liveClient(url, { cookie });
  clients.push(c);
  return c;
};
const journalMax = async () => Number((await server.database.exec("select coalesce(max(seq), 0)::int as n from journal"))[0]!.n);
const consecutive = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  server = await startTestServer();
  tree = await buildSmallTree(server);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.close();
});

describe("nothing is lost", () => {
  it("sends no event for a rolled-back transaction", async () => {
    const start = await journalMax();
    const sub = open(server.url, server.adminCookie).collect<Event>(EVENTS, { since: start });
    await expect(
      server.database.db.transaction(async (tx) => {
        await appendJournal(tx, { label: "test", personId: null }, new Date(), { action: "doomed", entity: "Finding", entityId: 1, unitPath: "/1/", before: null, after: null });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await server.ok(RECORD_FINDING, { input: findingInput(tree) });
    const items = await sub.waitFor(1);
    await sleep(300);
    expect(items.map((i) => i.journalEvents.seq)).toEqual([start + 1]);
    const [row] = await server.database.exec(`select action from journal where seq = ${start + 1}`);
    expect(row!.action).toBe("recordFinding");
  });

  it("delivers every event exactly once, in seq order, to every subscriber under 16 concurrent writers", async () => {
    const start = await journalMax();
    const subs = [0, 1, 2].map(() => open(server.url, server.adminCookie).collect<Event>(EVENTS, { since: start }));
    const WRITERS = 16;
    const EACH = 5;
    // Random delays before the append and between append and commit make commits race.
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < EACH; i++) {
          if (i % 2 === 0) {
            await server.database.db.transaction(async (tx) => {
              await sleep(Math.random() * 15);
              await appendJournal(tx, { label: `writer-${w}`, personId: null }, new Date(), { action: "test", entity: "Finding", entityId: 1, unitPath: "/1/", before: null, after: { w, i } });
              await sleep(Math.random() * 15);
            });
          } else {
            await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: `并发写入 ${w}-${i}` }) });
          }
        }
      }),
    );
    const end = await journalMax();
    expect(end - start).toBe(WRITERS * EACH);
    for (const sub of subs) {
      const items = await sub.waitFor(WRITERS * EACH, 15_000);
      await sleep(200);
      expect(items.map((i) => i.journalEvents.seq)).toEqual(consecutive(start + 1, end));
    }
  });

  it("resumes with `since` across a server restart, missing nothing and repeating nothing", async () => {
    const first = open(server.url, server.adminCookie).collect<Event>(EVENTS, { since: await journalMax() });
    await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: "重启前" }) });
    const seen = (await first.waitFor(1)).map((i) => i.journalEvents.seq);
    first.stop();

    // A second node on the same database keeps writing while this one restarts.
    const other: RunningApp = await startApp({ database: server.database, port: 0, host: "127.0.0.1", clock: new SettableClock() });
    const otherUrl = other.url.replace("localhost", "127.0.0.1");
    const write = (url: string, title: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: server.adminCookie },
        body: JSON.stringify({ query: RECORD_FINDING, variables: { input: findingInput(tree, { title }) } }),
      }).then((r) => r.json());
    await write(otherUrl, "重启期间 1");
    await write(otherUrl, "重启期间 2");
    await other.close();

    const restarted = await startApp({ database: server.database, port: 0, host: "127.0.0.1", clock: new SettableClock() });
    try {
      const url = restarted.url.replace("localhost", "127.0.0.1");
      const resumed = open(url, server.adminCookie).collect<Event>(EVENTS, { since: seen.at(-1) });
      await write(url, "重启后");
      const end = await journalMax();
      const items = await resumed.waitFor(end - seen.at(-1)!);
      await sleep(200);
      expect([...seen, ...items.map((i) => i.journalEvents.seq)]).toEqual(consecutive(seen[0]!, end));
    } finally {
      await restarted.close();
    }
  });
});

describe("two server processes on one PostgreSQL", () => {
  const url = process.env.TEST_DATABASE_URL;
  let node: ChildProcess | undefined;
  afterAll(() => node?.kill());

  it.skipIf(!url)("delivers a mutation sent to node A to a subscriber on node B", async () => {
    const dbUrl = await currentDatabaseUrl();
    node = spawn(process.execPath, [projectPath("dist/server/main.js")], {
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: "0", SEED_DEMO: "false", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const nodeUrl = await new Promise<string>((resolve, reject) => {
      let out = "";
      node!.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /ready at (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!.replace("localhost", "127.0.0.1"));
      });
      node!.on("exit", (code) => reject(new Error(`node B exited ${code}: ${out}`)));
    });
    const start = await journalMax();
    const sub = open(nodeUrl, server.adminCookie).collect<Event>(EVENTS, { since: start });
    await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: "跨节点" }) });
    const items = await sub.waitFor(1, 10_000);
    expect(items.map((i) => i.journalEvents.seq)).toEqual([start + 1]);
  });

  it.skipIf(!url)("catches up from the journal when its LISTEN connection is cut", async () => {
    const start = await journalMax();
    const sub = open(server.url, server.adminCookie).collect<Event>(EVENTS, { since: start });
    const cut = await server.database.exec(
      "select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = current_database() and query ilike 'listen%'",
    );
    expect(cut.length).toBeGreaterThan(0);
    // Written while the node's listener is down: the notification is lost, the row is not.
    await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: "断线期间" }) });
    const items = await sub.waitFor(1, 15_000);
    expect(items.map((i) => i.journalEvents.seq)).toEqual([start + 1]);
  });

  async function currentDatabaseUrl(): Promise<string> {
    const [row] = await server.database.exec("select current_database() as name");
    const target = new URL(url!);
    target.pathname = `/${String(row!.name)}`;
    return target.toString();
  }
});

if (!process.env.TEST_DATABASE_URL) console.log("live-loss: the two-process test needs PostgreSQL (set TEST_DATABASE_URL); skipped on PGlite.");
