// Smoke test of the L3 baseline on a generated database (never `national`):
//   npx tsx test/bench/postgraphile/smoke.mjs [postgres://postgres@127.0.0.1:5432/gen]
// Starts PostGraphile through test/bench/postgraphile.ts, runs each L3 query on real ids / paths /
// texts, and compares the normalised answer with the bench's raw SQL (L1_SQL, our API's shape)
// and with plain counts and ordered id lists. Prints one warm request's latency per query.
import assert from "node:assert/strict";
import postgres from "postgres";
import { L3_QUERIES, postGraphQL, startPostGraphile } from "../postgraphile.js";
import { L1_SQL } from "../workloads.js";

const databaseUrl = process.argv[2] ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/gen";
if (/\/national(\?|$)/.test(databaseUrl)) throw new Error("refusing to run on the national database");
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const like = (p) => p.replace(/[\\%_]/g, (c) => "\\" + c) + "%";
const results = [];
let failures = 0;

async function timed(fn) {
  await fn(); // warm-up (plan cache, pool, prepared statements)
  await fn();
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function check(name, fn) {
  try {
    const note = await fn();
    results.push(`ok   ${name}${note ? ` — ${note}` : ""}`);
  } catch (e) {
    failures++;
    results.push(`FAIL ${name}\n${e instanceof Error ? e.message : String(e)}`);
  }
}

const server = await startPostGraphile({ databaseUrl, port: 0 });
console.log(`PostGraphile pid ${server.pid} at ${server.url}`);
try {
  const run = async (w, args) => {
    const q = L3_QUERIES[w];
    const { value, ms } = await timed(() => postGraphQL(server.url, q.query, q.variables(args)));
    return { plain: q.normalise(value), ms };
  };
  const l1 = async (w, params) => {
    const { value, ms } = await timed(() => sql.unsafe(L1_SQL[w], params));
    return { data: value[0].data, ms };
  };

  // W1: a few findings, including ones without handler / measures if any exist.
  const w1Ids = (await sql`(select id from findings order by md5(id::text) limit 3)
    union all (select id from findings where handler_id is null limit 1)
    union all (select f.id from findings f where not exists (select 1 from measures m where m.finding_id = f.id) limit 1)`).map((r) => r.id);
  for (const id of w1Ids) {
    await check(`W1 finding ${id}`, async () => {
      const { plain, ms } = await run("W1", { id });
      const ref = await l1("W1", [id]);
      assert.deepEqual(plain, ref.data);
      const measures = await sql`select text from measures where finding_id = ${id} order by id`;
      assert.deepEqual(plain.finding.measures.map((m) => m.text), measures.map((m) => m.text));
      return `${plain.finding.measures.length} measures; L3 ${ms.toFixed(1)} ms, L1 ${ref.ms.toFixed(1)} ms`;
    });
  }
  await check("W1 missing finding", async () => {
    const { plain } = await run("W1", { id: 999999999 });
    assert.deepEqual(plain, { finding: null });
  });

  // W2: city offices (as the bench picks them), the root, and a department.
  const units = await sql`(select id, path from units where kind = 'OFFICE' and level = 'CITY' order by md5(id::text) limit 3)
    union all (select id, path from units where parent_id is null order by id limit 1)
    union all (select id, path from units where kind = 'DEPARTMENT' and level = 'BASIC' order by md5(id::text) limit 1)`;
  for (const u of units) {
    await check(`W2 subtree ${u.path}`, async () => {
      const { plain, ms } = await run("W2", { path: u.path, statuses: ["OPEN", "RECTIFYING"] });
      const ref = await l1("W2", [like(u.path), ["OPEN", "RECTIFYING"]]);
      const [{ n }] = await sql`select count(*)::int as n from findings where unit_path like ${like(u.path)} and status in ('OPEN', 'RECTIFYING')`;
      const ids = (await sql`select id from findings where unit_path like ${like(u.path)} and status in ('OPEN', 'RECTIFYING') order by deadline, id limit 100`).map((r) => r.id);
      assert.equal(plain.findings.totalCount, n);
      assert.deepEqual(plain.findings.edges.map((e) => e.node.id), ids);
      assert.deepEqual({ ...plain.findings, totalCount: String(plain.findings.totalCount) }, { ...ref.data.findings, totalCount: String(ref.data.findings.totalCount) });
      return `totalCount ${n}, ${ids.length} rows; L3 ${ms.toFixed(1)} ms, L1 ${ref.ms.toFixed(1)} ms`;
    });
  }

  // W3: the country (root) and the city with most children, at a fixed clock and at the default now().
  const [root] = await sql`select id, path from units where parent_id is null order by id limit 1`;
  const [city] = await sql`select u.id, u.path from units u where u.kind = 'OFFICE' and u.level = 'CITY'
    order by (select count(*) from units c where c.parent_id = u.id) desc, u.id limit 1`;
  for (const [label, u] of [["country", root], ["city", city]]) {
    await check(`W3 board ${label} ${u.path}`, async () => {
      const now = new Date();
      const { plain, ms } = await run("W3", { unitId: u.id, at: now });
      const shanghai = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);
      const [y, m] = shanghai.split("-").map(Number);
      const start = new Date(`${y}-${String(m).padStart(2, "0")}-01T00:00:00+08:00`);
      const end = new Date(m === 12 ? `${y + 1}-01-01T00:00:00+08:00` : `${y}-${String(m + 1).padStart(2, "0")}-01T00:00:00+08:00`);
      const ref = await l1("W3", [like(u.path), u.path.split("/").length, shanghai, now.toISOString(), start.toISOString(), end.toISOString()]);
      const { units: mine, ...mineTotals } = plain.board;
      const { units: theirs, ...refTotals } = ref.data.board;
      assert.deepEqual(mineTotals, Object.fromEntries(Object.entries(refTotals).map(([k, v]) => [k, Number(v)])));
      // L1 orders by overdue desc, open desc only; ties may come in any order there.
      const byName = (list) => [...list].map((r) => ({ ...r, unit: { name: r.unit.name } })).sort((a, b) => a.unit.name.localeCompare(b.unit.name));
      assert.deepEqual(byName(mine), byName(theirs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === "unit" ? v : Number(v)])))));
      for (let i = 1; i < mine.length; i++) {
        const [a, b] = [mine[i - 1], mine[i]];
        assert.ok(a.black > b.black || (a.black === b.black && a.open >= b.open), `order at ${i}`);
      }
      const [{ n }] = await sql`select count(*)::int as n from units where parent_id = ${u.id}`;
      assert.equal(mine.length, n);
      // The default clock (no `at`) must give the same counts a moment later.
      const def = await run("W3", { unitId: u.id });
      assert.equal(def.plain.board.open, plain.board.open);
      return `${mine.length} child rows, open ${plain.board.open}, overdue ${plain.board.overdue}; L3 ${ms.toFixed(1)} ms, L1 ${ref.ms.toFixed(1)} ms`;
    });
  }

  // W5: texts as the bench picks them (two to three CJK characters from real titles), and one matching nothing.
  const titles = await sql`select title from findings order by md5(id::text) limit 40`;
  const texts = [...new Set(titles.map((r) => r.title.replace(/[^\u4e00-\u9fff]/g, "").slice(2, 5)).filter((t) => t.length >= 2))].slice(0, 3);
  texts.push("不存在的文本zz");
  for (const text of texts) {
    await check(`W5 text ${text}`, async () => {
      const { plain, ms } = await run("W5", { text });
      const ref = await l1("W5", [`%${text}%`]);
      const pattern = `%${text.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
      const [{ n }] = await sql`select count(*)::int as n from findings where title ilike ${pattern} or description ilike ${pattern} or case_ref ilike ${pattern}`;
      const ids = (await sql`select id from findings where title ilike ${pattern} or description ilike ${pattern} or case_ref ilike ${pattern} order by deadline, id limit 20`).map((r) => r.id);
      assert.equal(plain.findings.totalCount, n);
      assert.deepEqual(plain.findings.edges.map((e) => e.node.id), ids);
      assert.deepEqual({ ...plain.findings, totalCount: String(plain.findings.totalCount) }, { ...ref.data.findings, totalCount: String(ref.data.findings.totalCount) });
      return `totalCount ${n}, ${ids.length} rows; L3 ${ms.toFixed(1)} ms, L1 ${ref.ms.toFixed(1)} ms`;
    });
  }
} finally {
  await server.stop();
  await sql.end();
}
console.log(results.join("\n"));
console.log(`${results.length - failures} passed, ${failures} failed`);
process.exitCode = failures ? 1 : 0;
