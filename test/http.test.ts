import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ALIASES, MAX_DEPTH } from "../server/limits.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("GraphQL over HTTP", () => {
  it("passes every MUST audit of graphql-http", async () => {
    const audits = serverAudits({ url: server.url, fetchFn: fetch });
    const failed: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (audit.name.startsWith("MUST") && result.status !== "ok") failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
    expect(audits.filter((a) => a.name.startsWith("MUST")).length).toBeGreaterThan(10);
  });

  it("refuses a simple cross-site GET with CSRF protection", async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent("{ board { open } }")}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });

  it("answers a GET query that carries a preflight header", async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent("{ board { open } }")}`, {
      headers: { "apollo-require-preflight": "true", accept: "application/json", cookie: server.adminCookie },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { board: { open: number } } }).data.board.open).toBe(0);
  });

  it("keeps introspection on", async () => {
    const data = await server.ok(`{ __schema { queryType { name } } }`);
    expect(data.__schema.queryType.name).toBe("Query");
  });
});

describe("limits", () => {
  it("rejects a query nested deeper than the depth limit", async () => {
    let selection = "name";
    for (let i = 0; i < MAX_DEPTH; i++) selection = `parent { ${selection} }`;
    const result = await server.gql(`{ units { edges { node { ${selection} } } } }`);
    expect(result.errors?.[0]?.message).toMatch(/depth/);
    expect(result.data ?? null).toBeNull();
  });

  it("rejects alias batching above the alias limit", async () => {
    const aliases = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `a${i}: board { open }`).join(" ");
    const result = await server.gql(`{ ${aliases} }`);
    expect(result.errors?.[0]?.message).toMatch(/aliases/);
  });

  it("rejects a query whose estimated cost is too high", async () => {
    const result = await server.gql(`{ findings(first: 100) { edges { node {
      measures { owner { unit { children { children { name } } } } }
      accountabilityActions { findings { measures { text } responsibilities { tier } history { seq } } }
    } } } }`);
    expect(result.errors?.[0]?.message).toMatch(/cost/);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("explorer", () => {
  it("opens GraphiQL at /graphql in a browser, with every asset served locally", async () => {
    const res = await fetch(server.url, { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="graphiql"');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBe(4);
    for (const asset of assets) {
      expect(asset.startsWith("/")).toBe(true);
      const file = await fetch(new URL(asset, server.url));
      expect(file.status).toBe(200);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });
});
