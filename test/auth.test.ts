import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../server/auth/auth.service.js";
import { SettableClock } from "../server/clock.js";
import { internalContext } from "../server/context.js";
import { buildSmallTree, findingInput, RECORD_FINDING, type SmallTree } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tree: SmallTree;
const rowId = (globalId: string) => Number(Buffer.from(globalId, "base64url").toString().split(":")[1]);
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { username role } }`;

beforeAll(async () => {
  server = await startTestServer();
  tree = await buildSmallTree(server);
  const ctx = internalContext(server.database.db, new SettableClock(), "test");
  await createUser(ctx, { username: "head", password: "head-password-1", role: "UNIT_HEAD", scopeUnitId: rowId(tree.basic) });
  await createUser(ctx, { username: "guessed", password: "guessed-password-1", role: "VIEWER", scopeUnitId: rowId(tree.city) });
  await createUser(ctx, { username: "aliased", password: "aliased-password-1", role: "VIEWER", scopeUnitId: rowId(tree.city) });
});
afterAll(() => server?.close());

describe("login", () => {
  it("answers one generic message for a wrong password and for an unknown user", async () => {
    const wrong = await server.gql(LOGIN, { u: "head", p: "nope" }, {});
    const unknown = await server.gql(LOGIN, { u: "nobody-here", p: "nope" }, {});
    expect(wrong.errors?.[0]?.message).toBe("wrong username or password");
    expect(unknown.errors?.[0]?.message).toBe("wrong username or password");
    expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("sets an httpOnly, SameSite=Strict session cookie and `me` reads it", async () => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: LOGIN, variables: { u: "head", p: "head-password-1" } }),
    });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^sv_session=svs_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await server.ok(`{ me { kind username role permissions } }`, {}, { cookie: cookie.split(";")[0] });
    expect(me.me).toEqual({ kind: "USER", username: "head", role: "UNIT_HEAD", permissions: ["rectify", "assignResponsibility"] });
    const stored = await server.database.exec("select token_hash from sessions order by id desc limit 1");
    expect(cookie).not.toContain(String(stored[0]!.token_hash));
  });

  it("throttles repeated failures with RATE_LIMITED, even the right password afterwards", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await server.gql(LOGIN, { u: "guessed", p: `guess-${i}` }, {})).errors![0]!.extensions!.code);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill("UNAUTHENTICATED"));
    expect(codes[5]).toBe("RATE_LIMITED");
    const right = await server.gql(LOGIN, { u: "guessed", p: "guessed-password-1" }, {});
    expect(right.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  });

  it("gives aliased guesses in one request no more tries than separate requests", async () => {
    const codes: string[] = [];
    for (let r = 0; r < 6; r++) {
      const aliases = Array.from({ length: 10 }, (_, i) => `g${i}: login(username: "aliased", password: "guess-${r}-${i}") { username }`).join(" ");
      const result = await server.gql(`mutation { ${aliases} }`, {}, {});
      // Mutations run one after another and the first failure ends the request.
      expect(result.errors).toHaveLength(1);
      codes.push(result.errors![0]!.extensions!.code);
    }
    expect(codes).toEqual([...Array(5).fill("UNAUTHENTICATED"), "RATE_LIMITED"]);
    const [row] = await server.database.exec(`select locked_until from login_throttle where username = 'aliased'`);
    expect(row!.locked_until).not.toBeNull();
  });

  it("refuses batched requests", async () => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: LOGIN, variables: { u: "head", p: "x" } }, { query: LOGIN, variables: { u: "head", p: "y" } }]),
    });
    expect(res.status).toBe(400);
  });

  it("ends the session on logout", async () => {
    const cookie = await server.login("head", "head-password-1");
    expect((await server.ok(`mutation { logout }`, {}, { cookie })).logout).toBe(true);
    const after = await server.gql(`{ findings { totalCount } }`, {}, { cookie });
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("roles and scope on mutations", () => {
  it("refuses a step the role does not allow with FORBIDDEN and changes nothing", async () => {
    const finding = (await server.ok(RECORD_FINDING, { input: findingInput(tree) })).recordFinding;
    const head = await server.login("head", "head-password-1");
    const before = await server.database.exec("select count(*)::int as n from journal");
    const result = await server.gql(`mutation($i: ReasonStepInput!) { withdrawFinding(input: $i) { status } }`, { i: { id: finding.id, reason: "x" } }, { cookie: head });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await server.database.exec("select count(*)::int as n from journal")).toEqual(before);
    const started = await server.ok(`mutation($i: FindingStepInput!) { startRectification(input: $i) { status } }`, { i: { id: finding.id } }, { cookie: head });
    expect(started.startRectification.status).toBe("RECTIFYING");
  });

  it("reads an object outside the viewer's scope as NOT_FOUND, for reads and writes", async () => {
    const cityFinding = (await server.ok(RECORD_FINDING, { input: findingInput(tree, { unit: tree.cityCaseDept, handler: null }) })).recordFinding;
    const head = await server.login("head", "head-password-1");
    const read = await server.gql(`query($id: ID!) { finding(id: $id) { code } }`, { id: cityFinding.id }, { cookie: head });
    expect(read.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const node = await server.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: cityFinding.id }, { cookie: head });
    expect(node.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const write = await server.gql(`mutation($i: FindingStepInput!) { startRectification(input: $i) { status } }`, { i: { id: cityFinding.id } }, { cookie: head });
    expect(write.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("API tokens", () => {
  const CREATE = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret token { id kind canWrite expiresAt } } }`;

  it("lets only ADMIN make tokens", async () => {
    const head = await server.login("head", "head-password-1");
    const result = await server.gql(CREATE, { i: { name: "x", kind: "SYSTEM", scopeUnit: tree.city } }, { cookie: head });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("shows a system token once, stores only its hash, and stops honouring it when revoked", async () => {
    const made = (await server.ok(CREATE, { i: { name: "案管系统", kind: "SYSTEM", scopeUnit: tree.basic, canWrite: false } })).createApiToken;
    expect(made.secret).toMatch(/^svk_/);
    const rows = await server.database.exec("select token_hash from api_tokens");
    expect(JSON.stringify(rows)).not.toContain(made.secret);
    const read = await server.ok(`{ units { totalCount } me { kind tokenKind } }`, {}, { bearer: made.secret });
    expect(read.me).toEqual({ kind: "TOKEN", tokenKind: "SYSTEM" });
    expect(read.units.totalCount).toBe(2);
    const write = await server.gql(RECORD_FINDING, { input: findingInput(tree) }, { bearer: made.secret });
    expect(write.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const used = await server.database.exec(`select last_used_at from api_tokens where token_hash is not null order by id desc limit 1`);
    expect(used[0]!.last_used_at).not.toBeNull();
    await server.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: made.token.id });
    const after = await server.gql(`{ units { totalCount } }`, {}, { bearer: made.secret });
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets a display token read the board and nothing it is not for, and change nothing", async () => {
    const made = (await server.ok(CREATE, { i: { name: "大屏", kind: "DISPLAY", scopeUnit: tree.basic } })).createApiToken;
    expect(made.secret).toMatch(/^svd_/);
    const board = await server.ok(`{ board { open } }`, {}, { bearer: made.secret });
    expect(typeof board.board.open).toBe("number");
    for (const query of [`{ findings { totalCount } }`, `{ journal { totalCount } }`]) {
      expect((await server.gql(query, {}, { bearer: made.secret })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const write = await server.gql(RECORD_FINDING, { input: findingInput(tree) }, { bearer: made.secret });
    expect(write.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("exchanges a display token for an httpOnly display session", async () => {
    const made = (await server.ok(CREATE, { i: { name: "大屏2", kind: "DISPLAY", scopeUnit: tree.city } })).createApiToken;
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation($t: String!) { startDisplaySession(token: $t) }`, variables: { t: made.secret } }),
    });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    const me = await server.ok(`{ me { kind tokenKind name } }`, {}, { cookie: cookie.split(";")[0] });
    expect(me.me).toEqual({ kind: "TOKEN", tokenKind: "DISPLAY", name: "大屏2" });
  });
});
