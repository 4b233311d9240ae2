import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../server/app.js";
import { buildSmallTree, type SmallTree } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

const CREATE = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret token { id } } }`;

let server: TestServer;
let tree: SmallTree;
/** A second API node on the same database whose cache would keep a viewer for a minute. */
let nodeB: RunningApp;

beforeAll(async () => {
  server = await startTestServer();
  tree = await buildSmallTree(server);
  nodeB = await startApp({ database: server.database, port: 0, host: "127.0.0.1", viewerCacheMs: 60_000 });
});
afterAll(async () => {
  await nodeB?.close();
  await server?.close();
});

async function makeToken(name: string) {
  return (await server.ok(CREATE, { i: { name, kind: "SYSTEM", scopeUnit: tree.basic } })).createApiToken as { secret: string; token: { id: string } };
}

/** One request to node B with a bearer token; the error code, or null when it was answered. */
async function askNodeB(secret: string): Promise<string | null> {
  const response = await fetch(nodeB.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query: `{ units { totalCount } }` }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return body.errors?.[0]?.extensions?.code ?? null;
}

describe("viewer cache", () => {
  it("answers a credential it has just resolved without looking it up again", async () => {
    const { secret } = await makeToken("缓存");
    // The createApiToken journal row empties the cache when it reaches this node's reader; wait
    // for that first, so the lookup below is the one being cached.
    const [last] = await server.database.exec(`select max(seq)::int as seq from journal`);
    while (server.app.hub.seq < Number(last!.seq)) await new Promise((r) => setTimeout(r, 10));
    await server.ok(`{ me { kind } }`, {}, { bearer: secret });
    // Only credential lookups count: the node's journal reader may still run on a late NOTIFY.
    const lookups: string[] = [];
    const counter = server.database.statements;
    const original = counter.logQuery.bind(counter);
    counter.logQuery = (query, params) => {
      if (/api_tokens|sessions/.test(query)) lookups.push(query);
      original(query, params);
    };
    try {
      await server.ok(`{ me { kind } }`, {}, { bearer: secret });
    } finally {
      counter.logQuery = original;
    }
    expect(lookups).toEqual([]);
  });

  it("ends a revoked token on another node when the journal row reaches it, long before the cache would expire", async () => {
    const { secret, token } = await makeToken("双节点");
    expect(await askNodeB(secret)).toBeNull();
    const revokedAt = Date.now();
    await server.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: token.id });
    let code: string | null = null;
    while (Date.now() - revokedAt < 5_000 && (code = await askNodeB(secret)) === null) await new Promise((r) => setTimeout(r, 20));
    expect(code).toBe("UNAUTHENTICATED");
    // Node B keeps viewers for 60 s: only the journal row can have ended it this soon.
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
  });

  it("ends a token revoked behind the API's back within the cache's lifetime", async () => {
    const shortLived = await startApp({ database: server.database, port: 0, host: "127.0.0.1", viewerCacheMs: 300 });
    try {
      const { secret, token } = await makeToken("直改数据库");
      const ask = async () => {
        const response = await fetch(shortLived.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: `{ units { totalCount } }` }) });
        return ((await response.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? null;
      };
      expect(await ask()).toBeNull();
      const id = Number(Buffer.from(token.id, "base64url").toString().split(":")[1]);
      await server.database.exec(`update api_tokens set revoked_at = now() where id = ${id}`);
      await new Promise((r) => setTimeout(r, 400));
      expect(await ask()).toBe("UNAUTHENTICATED");
    } finally {
      await shortLived.close();
    }
  });
});
