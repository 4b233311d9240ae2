/**
 * `npm run bench`: our API against a raw-SQL floor (L1) and PostGraphile (L3) on one generated
 * PostgreSQL database, then our API in PGlite mode against its own raw-SQL floor; writes
 * docs/benchmarks.md and docs/benchmarks.json. Every figure is a ratio against a baseline
 * measured in the same run, or a count: the machine is small and shared.
 */
import "reflect-metadata";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase, type Database } from "../../db/client.js";
import { projectPath } from "../../db/paths.js";
import { seedIfEmpty } from "../../db/seed.js";
import { generateBulk } from "../../db/generate/generate.js";
import { createApiToken } from "../../server/auth/auth.service.js";
import { shanghaiDate, shanghaiMonth, systemClock } from "../../server/clock.js";
import { internalContext } from "../../server/context.js";
import { fromGlobalId, toGlobalId } from "../../server/relay/global-id.js";
import { processStats, startService, type Service } from "./lib/child.js";
import { runLoad, send, type HttpCall, type LoadResult } from "./lib/load.js";
import { OURS, W4_STEPS, type ReadWorkload } from "./workloads.js";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bench" },
    units: { type: "string", default: "5000" },
    findings: { type: "string", default: "100000" },
    generate: { type: "boolean", default: false },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    concurrency: { type: "string", default: "8" },
    only: { type: "string" },
    "no-l3": { type: "boolean", default: false },
    "no-pglite": { type: "boolean", default: false },
    out: { type: "string", default: "docs/benchmarks" },
    cpu: { type: "string", default: "1" },
  },
});
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const CONCURRENCY = Number(args.concurrency);
const SERVER_CPU = args.cpu === "none" ? undefined : Number(args.cpu);
const only = args.only ? new Set(args.only.split(",")) : undefined;
const wanted = (w: string) => !only || only.has(w);

interface Row {
  mode: "postgres" | "pglite";
  workload: string;
  variant: string;
  system: string;
  load: LoadResult;
  statementsPerRequest?: number;
  cpuMsPerRequest?: number;
  rssMiB?: number;
  /** Sequential scans of the findings table during the run (PostgreSQL's own counter). */
  findingsSeqScans?: number;
}

/** PostgreSQL's scan counters for findings (pg_stat_user_tables), read around each run. */
let statsSql: postgres.Sql | undefined;
async function findingsSeqScans(): Promise<number | undefined> {
  if (!statsSql) return undefined;
  // Backends report their counters when a transaction ends, at most once a second.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await statsSql.unsafe(`select pg_stat_clear_snapshot()`);
  const [row] = await statsSql.unsafe(`select seq_scan::int as n from pg_stat_user_tables where relname = 'findings'`);
  return row ? Number(row.n) : undefined;
}
const rows: Row[] = [];

/** Parameters drawn from the data, the same for every system. */
interface Params {
  findingIds: number[];
  /** Units for the ledger page: city offices, with their paths. */
  ledgerUnits: { id: number; path: string }[];
  root: { id: number; path: string };
  city: { id: number; path: string };
  texts: string[];
  /** Departments to record W4's findings in. */
  departments: number[];
  /** Who verifies W4's findings (a system token acts for nobody, so it names the verifier). */
  verifier: number;
}

async function pickParams(exec: Database["exec"]): Promise<Params> {
  const ids = await exec(`select id from findings order by md5(id::text) limit 500`);
  const cities = await exec(`select u.id, u.path from units u where u.kind = 'OFFICE' and u.level = 'CITY' order by md5(u.id::text) limit 20`);
  const [root] = await exec(`select id, path from units where parent_id is null order by id limit 1`);
  const [city] = await exec(`select u.id, u.path from units u where u.kind = 'OFFICE' and u.level = 'CITY'
    order by (select count(*) from units c where c.parent_id = u.id) desc, u.id limit 1`);
  // Search texts: two-character words from real titles, so some match many findings and some few.
  const titles = await exec(`select title from findings order by md5(id::text) limit 40`);
  const texts = [...new Set(titles.map((r) => String(r.title).replace(/[^\u4e00-\u9fff]/g, "").slice(2, 5)).filter((t) => t.length >= 2))].slice(0, 20);
  const departments = await exec(`select id from units where kind = 'DEPARTMENT' and level = 'BASIC' order by md5(id::text) limit 50`);
  const [verifier] = await exec(`select id from people where supervisor_kind is not null order by id limit 1`);
  return {
    verifier: Number(verifier?.id ?? 1),
    findingIds: ids.map((r) => Number(r.id)),
    ledgerUnits: (cities.length ? cities : [root!]).map((r) => ({ id: Number(r.id), path: String(r.path) })),
    root: { id: Number(root!.id), path: String(root!.path) },
    city: city ? { id: Number(city.id), path: String(city.path) } : { id: Number(root!.id), path: String(root!.path) },
    texts,
    departments: departments.map((r) => Number(r.id)),
  };
}

/** What one call of a read workload sends to each system. */
function readCall(system: "ours" | "L1", workload: ReadWorkload, variant: string, params: Params, i: number, token: string, now: Date): HttpCall {
  const pick = <T>(list: T[]) => list[i % list.length]!;
  if (system === "ours") {
    const variables =
      workload === "W1" ? { id: toGlobalId("Finding", pick(params.findingIds)) }
      : workload === "W2" ? { unit: toGlobalId("Unit", pick(params.ledgerUnits).id) }
      : workload === "W3" ? { unit: toGlobalId("Unit", (variant === "country" ? params.root : params.city).id) }
      : { text: pick(params.texts) };
    return graphqlCall(OURS[workload], variables, token);
  }
  const month = shanghaiMonth(now);
  const like = (path: string) => path.replace(/[\\%_]/g, (c) => "\\" + c) + "%";
  const body =
    workload === "W1" ? [pick(params.findingIds)]
    : workload === "W2" ? [like(pick(params.ledgerUnits).path), ["OPEN", "RECTIFYING"]]
    : workload === "W3" ? (() => {
        const unit = variant === "country" ? params.root : params.city;
        return [like(unit.path), unit.path.split("/").length, shanghaiDate(now), now.toISOString(), month.start.toISOString(), month.end.toISOString()];
      })()
    : [`%${pick(params.texts)}%`];
  return { method: "POST", path: `/${workload}`, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function graphqlCall(query: string, variables: Record<string, unknown>, token: string): HttpCall {
  return { method: "POST", path: "/graphql", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) };
}

function checkOk(status: number, body: string): void {
  if (status !== 200) throw new Error(`HTTP ${status}: ${body.slice(0, 300)}`);
  if (body.startsWith(`{"errors"`) || body.includes(`"errors":[`)) throw new Error(body.slice(0, 300));
}

/** Counters read from our server's /metrics. */
async function metrics(base: URL): Promise<{ statements: number; cpu: number; rss: number }> {
  const agent = new Agent();
  const { body } = await send(agent, base, { method: "GET", path: "/metrics" });
  agent.destroy();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(body)?.[1] ?? NaN);
  return { statements: value("sv_sql_statements_total"), cpu: value("sv_process_cpu_seconds_total"), rss: value("sv_process_resident_memory_bytes") };
}

/** Statements per request, counted over a few requests sent one at a time. */
async function statementsPer(base: URL, calls: HttpCall[]): Promise<number> {
  const agent = new Agent({ keepAlive: true });
  // One call first: a session's last-seen write happens at most once a minute, keep it out.
  await send(agent, base, calls[0]!);
  const before = await metrics(base);
  for (const call of calls) checkOk(...Object.values(await send(agent, base, call)) as [number, string]);
  const after = await metrics(base);
  agent.destroy();
  return (after.statements - before.statements) / calls.length;
}

type Check = (status: number, body: string, worker: number) => void;

async function measure(mode: Row["mode"], system: string, service: Service, workload: string, variant: string, call: (i: number, worker: number) => HttpCall, check: Check = checkOk, withStatements = false) {
  const base = new URL(service.url);
  const statements = withStatements ? await statementsPer(base, Array.from({ length: 10 }, (_, i) => call(i, 0))) : undefined;
  const scansBefore = mode === "postgres" ? await findingsSeqScans() : undefined;
  const before = processStats(service.pid);
  const load = await runLoad({ base, concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: WARMUP, next: (w, i) => call(i, w), check });
  const after = processStats(service.pid);
  const scansAfter = scansBefore === undefined ? undefined : await findingsSeqScans();
  // CPU over the warm-up too: divide by every request sent, measured ones scaled up.
  const requests = load.requests * ((SECONDS + WARMUP) / SECONDS);
  const row: Row = {
    mode, workload, variant, system, load,
    statementsPerRequest: statements,
    cpuMsPerRequest: ((after.cpuSeconds - before.cpuSeconds) * 1000) / Math.max(1, requests),
    rssMiB: after.rssBytes / 2 ** 20,
    findingsSeqScans: scansAfter === undefined || scansBefore === undefined ? undefined : scansAfter - scansBefore,
  };
  rows.push(row);
  const extra = (statements === undefined ? "" : `, ${statements.toFixed(1)} statements/request`) + (row.findingsSeqScans === undefined ? "" : `, ${row.findingsSeqScans} seq scans of findings`);
  console.log(`  ${mode} ${workload}${variant ? ` (${variant})` : ""} ${system}: ${load.throughput.toFixed(0)} req/s, p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms, ${row.cpuMsPerRequest!.toFixed(2)} ms CPU/request${extra}${load.errors ? `, ${load.errors} ERRORS (${load.firstError})` : ""}`);
  return row;
}

const READS: { workload: ReadWorkload; variant: string }[] = [
  { workload: "W1", variant: "" },
  { workload: "W2", variant: "" },
  { workload: "W3", variant: "country" },
  { workload: "W3", variant: "city" },
  { workload: "W5", variant: "" },
];

async function startOurs(env: NodeJS.ProcessEnv, name = "API"): Promise<Service> {
  return startService({
    name,
    command: process.execPath,
    // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles our server during a run.
    args: [...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []), projectPath("dist/server/main.js")],
    env: { NODE_ENV: "production", PORT: "0", METRICS: "on", SEED_DEMO: "false", ...env },
    cpu: SERVER_CPU,
    ready: /API ready at (\S+)/,
  });
}

async function startL1(env: NodeJS.ProcessEnv): Promise<Service> {
  return startService({ name: "L1", command: process.execPath, args: [projectPath("dist/test/bench/raw-sql-server.js")], env: { PORT: "0", ...env }, cpu: SERVER_CPU, ready: /raw SQL baseline at (\S+)/ });
}

/** W4: each worker takes its own findings through record → start → measure → submit → verify. */
function workflowCalls(params: Params, token: string) {
  const state = new Map<number, { step: number; id?: string }>();
  let n = 0;
  const call = (_i: number, worker: number): HttpCall => {
    const s = state.get(worker) ?? { step: 0 };
    state.set(worker, s);
    const step = s.step % W4_STEPS.length;
    const today = shanghaiDate(new Date());
    const input =
      step === 0
        ? { unit: toGlobalId("Unit", params.departments[n++ % params.departments.length]!), title: `压测问题 ${n}`, description: "基准测试写入的问题", category: "CASE_PROCEDURE",
            severity: "IRREGULAR", source: "PROCESS_MONITORING", rectificationClass: "GRADUAL", deadline: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}` }
        : step === 2 ? { id: s.id, text: "逐项整改", due: today }
        : step === 4 ? { id: s.id, verifier: toGlobalId("Person", params.verifier) }
        : { id: s.id };
    return graphqlCall(W4_STEPS[step]!, { input }, token);
  };
  const check = (status: number, body: string, worker: number) => {
    checkOk(status, body);
    const s = state.get(worker)!;
    if (s.step % W4_STEPS.length === 0) s.id = (JSON.parse(body) as { data: { recordFinding: { id: string } } }).data.recordFinding.id;
    s.step++;
  };
  return { call, check };
}

/** test/bench/postgraphile.ts, loaded only when L3 runs (it installs PostGraphile on first use). */
const L3_MODULE = "./postgraphile.js";
interface L3Module {
  startPostGraphile(options: { databaseUrl: string; port: number; cpu?: number }): Promise<{ url: string; pid: number; stop(): Promise<void> }>;
  L3_QUERIES: Partial<Record<string, { query: string; variables(args: ReturnType<typeof l3Args> & { at?: Date }): Record<string, unknown>; normalise(data: unknown): unknown }>>;
}

async function benchPostgres(url: string, params: Params, token: string, l3: L3Module | undefined) {
  const now = new Date();
  const answers = new Answers();
  const reads = READS.filter((r) => wanted(r.workload));
  const l1 = await startL1({ DATABASE_URL: url });
  for (const r of reads) {
    await answers.collect("L1 raw SQL", r, l1, (i) => readCall("L1", r.workload, r.variant, params, i, token, now), (d) => d);
    await measure("postgres", "L1 raw SQL", l1, r.workload, r.variant, (i) => readCall("L1", r.workload, r.variant, params, i, token, now));
  }
  await l1.stop();

  const ours = await startOurs({ DATABASE_URL: url });
  for (const r of reads) {
    await answers.collect("ours", r, ours, (i) => readCall("ours", r.workload, r.variant, params, i, token, now), numericIds);
    await measure("postgres", "ours", ours, r.workload, r.variant, (i) => readCall("ours", r.workload, r.variant, params, i, token, now), checkOk, true);
  }
  // Page-size independence: the same ledger page with 10 rows instead of 100.
  if (wanted("W2")) {
    const small = Array.from({ length: 10 }, (_, i) => readCall("ours", "W2", "", params, i, token, now)).map((c) => ({ ...c, body: c.body!.replace("first: 100", "first: 10") }));
    w2SmallPageStatements = await statementsPer(new URL(ours.url), small);
    console.log(`  postgres W2 ours, first: 10 → ${w2SmallPageStatements.toFixed(1)} statements/request`);
  }
  await ours.stop();

  if (l3) {
    const pg = await l3.startPostGraphile({ databaseUrl: url, port: 0, cpu: SERVER_CPU });
    const service: Service = { name: "L3", pid: pg.pid, url: pg.url, stop: pg.stop };
    for (const r of reads) {
      const spec = l3.L3_QUERIES[r.workload];
      if (!spec) continue;
      const call = (i: number): HttpCall => ({
        method: "POST", path: new URL(pg.url).pathname, headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: spec.query, variables: spec.variables({ ...l3Args(r.workload, r.variant, params, i), at: now }) }),
      });
      await answers.collect("L3 PostGraphile", r, service, call, (d) => spec.normalise(d));
      await measure("postgres", "L3 PostGraphile", service, r.workload, r.variant, call);
    }
    await pg.stop();
  }
  answers.verify();

  // Writes last: they change what the reads above return.
  if (wanted("W4")) {
    for (const [variant, env] of [["NOTIFY", {}], ["no NOTIFY", { JOURNAL_NOTIFY: "off" }]] as const) {
      const node = await startOurs({ DATABASE_URL: url, ...env });
      const w4 = workflowCalls(params, token);
      await measure("postgres", "ours", node, "W4", variant, w4.call, w4.check);
      await node.stop();
    }
  }
}

let w2SmallPageStatements: number | undefined;

/**
 * The same calls' answers from every system, compared before any number is reported: a
 * baseline that returned less would not be a baseline.
 */
class Answers {
  private readonly seen = new Map<string, { system: string; data: unknown }[]>();

  async collect(system: string, r: { workload: ReadWorkload; variant: string }, service: Service, call: (i: number) => HttpCall, normalise: (data: unknown) => unknown) {
    const agent = new Agent({ keepAlive: true });
    for (let i = 0; i < 3; i++) {
      const { status, body } = await send(agent, new URL(service.url), call(i));
      checkOk(status, body);
      const key = `${r.workload} ${r.variant} #${i}`;
      const list = this.seen.get(key) ?? [];
      list.push({ system, data: canonicalAnswer(normalise((JSON.parse(body) as { data: unknown }).data)) });
      this.seen.set(key, list);
    }
    agent.destroy();
  }

  verify() {
    for (const [key, list] of this.seen) {
      const [first, ...rest] = list;
      for (const other of rest) {
        const a = JSON.stringify(first!.data);
        const b = JSON.stringify(other.data);
        if (a !== b) throw new Error(`${key}: ${other.system} answers differently from ${first!.system}\n  ${first!.system}: ${a.slice(0, 400)}\n  ${other.system}: ${b.slice(0, 400)}`);
      }
    }
    console.log(`  answers agree: ${this.seen.size} calls × ${Math.max(...[...this.seen.values()].map((l) => l.length))} systems`);
  }
}

/** Our global ids as the row ids the baselines return. */
function numericIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(numericIds);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "id" && typeof v === "string" ? (fromGlobalId(v)?.id ?? v) : numericIds(v)]));
  }
  return value;
}

/** Keys sorted, board rows in name order (their tie order is not part of the contract). */
function canonicalAnswer(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonicalAnswer);
    const isBoardRows = items.every((v) => v && typeof v === "object" && "unit" in (v as object) && "black" in (v as object));
    return isBoardRows ? items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : items;
  }
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonicalAnswer((value as Record<string, unknown>)[k])]));
  return value;
}

/** PGlite mode: the demo data in a fresh data folder, our API against its own raw-SQL floor. */
async function benchPglite() {
  const dir = mkdtempSync(join(tmpdir(), "sv-bench-pglite-"));
  try {
    const database = await openDatabase({ kind: "pglite", dataDir: dir });
    await database.migrate();
    await seedIfEmpty(database);
    const token = await systemToken(database);
    const params = await pickParams(database.exec);
    const findings = Number((await database.exec(`select count(*)::int as n from findings`))[0]!.n);
    await database.close();
    console.log(`PGlite (demo data, ${findings} findings):`);
    const now = new Date();
    const l1 = await startL1({ PGLITE_DIR: dir });
    for (const r of READS.filter((r) => wanted(r.workload))) await measure("pglite", "L1 raw SQL", l1, r.workload, r.variant, (i) => readCall("L1", r.workload, r.variant, params, i, token, now));
    await l1.stop();
    const ours = await startOurs({ DATA_DIR: dir });
    for (const r of READS.filter((r) => wanted(r.workload))) await measure("pglite", "ours", ours, r.workload, r.variant, (i) => readCall("ours", r.workload, r.variant, params, i, token, now), checkOk, true);
    if (wanted("W4")) {
      const w4 = workflowCalls(params, token);
      await measure("pglite", "ours", ours, "W4", "NOTIFY", w4.call, w4.check);
    }
    await ours.stop();
    return { findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A system token with write access at the root, made directly in the database. */
async function systemToken(database: Database): Promise<string> {
  const [root] = await database.exec(`select id from units where parent_id is null order by id limit 1`);
  const ctx = internalContext(database.db, systemClock, "bench");
  const { secret } = await createApiToken(ctx, { name: `bench ${new Date().toISOString()}`, kind: "SYSTEM", scopeUnitId: Number(root!.id), canWrite: true, expiresInDays: 1 });
  return secret;
}

async function postgresSize(url: string): Promise<{ units: number; findings: number; journal: number } | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql.unsafe(`select (select count(*) from units)::int as units, (select count(*) from findings)::int as findings, (select count(*) from journal)::int as journal`);
    return row as never;
  } catch {
    return null;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function ensureDatabase(url: string) {
  const target = new URL(url);
  const admin = postgres({ host: target.hostname, port: Number(target.port || 5432), user: decodeURIComponent(target.username || "postgres"), password: decodeURIComponent(target.password), database: "postgres", max: 1, onnotice: () => {} });
  const name = decodeURIComponent(target.pathname.slice(1));
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  await admin.end();
}

async function main() {
  const url = args.url!;
  await ensureDatabase(url);
  let size = await postgresSize(url);
  if (args.generate || !size || size.findings === 0) {
    console.log(`Generating ${args.units} units and ${args.findings} findings into ${new URL(url).pathname.slice(1)} (npm run generate)…`);
    const report = await generateBulk({ url, units: Number(args.units), findings: Number(args.findings), seed: 1, now: new Date(), reset: true });
    console.log(`  ${report.rows.toLocaleString("en")} rows in ${(report.totalMs / 1000).toFixed(0)} s`);
    size = await postgresSize(url);
  }
  const database = await openDatabase({ kind: "postgres", url, max: 2 });
  await database.migrate();
  const token = await systemToken(database);
  const params = await pickParams(database.exec);
  const [pg] = await database.exec(`select current_setting('server_version') as v`);
  await database.close();
  console.log(`PostgreSQL ${pg!.v}: ${size!.units.toLocaleString("en")} units, ${size!.findings.toLocaleString("en")} findings, ${size!.journal.toLocaleString("en")} journal rows; ${CONCURRENCY} clients, ${SECONDS} s per run after ${WARMUP} s warm-up, server on CPU ${SERVER_CPU ?? "any"}`);
  const l3 = args["no-l3"] ? undefined : ((await import(L3_MODULE)) as L3Module);
  statsSql = postgres(url, { max: 1, onnotice: () => {} });
  await benchPostgres(url, params, token, l3);
  await statsSql.end({ timeout: 5 });
  statsSql = undefined;
  const pglite = args["no-pglite"] ? undefined : await benchPglite();
  writeReport({ postgres: { version: String(pg!.v), ...size! }, pglite });
}

interface Target {
  name: string;
  value: number;
  limit: number;
  unit: string;
  /** true: value must be ≤ limit; false: ≥. */
  atMost: boolean;
}

function find(mode: Row["mode"], workload: string, system: string, variant = ""): Row | undefined {
  return rows.find((r) => r.mode === mode && r.workload === workload && r.system === system && r.variant === variant);
}

function targets(): Target[] {
  const out: Target[] = [];
  const ours = (w: string, v = "") => find("postgres", w, "ours", v);
  const l1 = (w: string, v = "") => find("postgres", w, "L1 raw SQL", v);
  const l3 = (w: string, v = "") => find("postgres", w, "L3 PostGraphile", v);
  const w2 = ours("W2");
  if (w2?.statementsPerRequest !== undefined) out.push({ name: "W2 SQL statements per request", value: w2.statementsPerRequest, limit: 6, unit: "", atMost: true });
  if (w2?.statementsPerRequest !== undefined && w2SmallPageStatements !== undefined) {
    out.push({ name: "W2 statements, first: 100 minus first: 10", value: w2.statementsPerRequest - w2SmallPageStatements, limit: 0, unit: "", atMost: true });
  }
  if (w2 && l1("W2")) out.push({ name: "W2 p50 ÷ L1 p50", value: w2.load.p50Ms / l1("W2")!.load.p50Ms, limit: 2, unit: "×", atMost: true });
  if (w2 && l3("W2")) out.push({ name: "W2 throughput ÷ L3 throughput", value: w2.load.throughput / l3("W2")!.load.throughput, limit: 1, unit: "×", atMost: false });
  for (const w of ["W1", "W2"]) if (ours(w) && l1(w)) out.push({ name: `${w} p99 ÷ L1 p99`, value: ours(w)!.load.p99Ms / l1(w)!.load.p99Ms, limit: 2.5, unit: "×", atMost: true });
  if (ours("W3", "country")) out.push({ name: "W3 whole-country board p50", value: ours("W3", "country")!.load.p50Ms, limit: 50, unit: " ms", atMost: true });
  if (ours("W3", "city")) out.push({ name: "W3 one-city board p50", value: ours("W3", "city")!.load.p50Ms, limit: 10, unit: " ms", atMost: true });
  for (const [w, v] of [["W1", ""], ["W2", ""], ["W3", "country"], ["W3", "city"]] as const) {
    const scans = ours(w, v)?.findingsSeqScans;
    if (scans !== undefined) out.push({ name: `${w}${v ? ` ${v}` : ""}: sequential scans of findings`, value: scans, limit: 0, unit: "", atMost: true });
  }
  const notify = ours("W4", "NOTIFY");
  const quiet = ours("W4", "no NOTIFY");
  if (notify) out.push({ name: "W4 workflow mutations/s", value: notify.load.throughput, limit: 300, unit: "/s", atMost: false });
  if (notify && quiet) out.push({ name: "W4 throughput lost to NOTIFY", value: 100 * (1 - notify.load.throughput / quiet.load.throughput), limit: 15, unit: " %", atMost: true });
  return out;
}

function writeReport(data: { postgres: { version: string; units: number; findings: number; journal: number }; pglite?: { findings: number } }) {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${data.postgres.version}`;
  const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "–" : n === Infinity ? "∞" : n.toFixed(digits));
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}. Server under test pinned to one core`,
    `(taskset -c ${SERVER_CPU ?? "–"}); PostgreSQL and the load generator are not pinned (PostgreSQL takes up to 1.7 cores in W2, so it also competes for the server's). ${CONCURRENCY} concurrent clients, closed loop,`,
    `${SECONDS} s measured after ${WARMUP} s warm-up per row. PostgreSQL data: ${data.postgres.units.toLocaleString("en")} units,`,
    `${data.postgres.findings.toLocaleString("en")} findings, ${data.postgres.journal.toLocaleString("en")} journal rows (\`npm run generate\`).`,
    data.pglite ? `PGlite data: the demo seed (${data.pglite.findings} findings).` : "",
    "",
    "This machine is small and shared, so read the ratios, not the absolute numbers. Live fan-out",
    "(`npm run bench:live`) is in [benchmarks-live.md](benchmarks-live.md).",
    "",
    "| mode | workload | system | req/s | p50 ms | p99 ms | CPU ms/req | SQL/req | findings seq scans | RSS MiB | errors |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.mode} | ${r.workload}${r.variant ? ` ${r.variant}` : ""} | ${r.system} | ${fmt(r.load.throughput, 0)} | ${fmt(r.load.p50Ms)} | ${fmt(r.load.p99Ms)} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.statementsPerRequest)} | ${r.findingsSeqScans ?? "–"} | ${fmt(r.rssMiB, 0)} | ${r.load.errors} |`),
    "",
    "## Ratios",
    "",
    "| mode | workload | ours ÷ L1 p50 | ours ÷ L1 p99 | ours ÷ L3 throughput |",
    "|---|---|---:|---:|---:|",
    ...ratioRows().map((r) => `| ${r.mode} | ${r.workload} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.l3)} |`),
    "",
    "## Targets (issue 7)",
    "",
    "| target | measured | limit | |",
    "|---|---:|---:|---|",
    ...targets().map((t) => {
      const met = t.atMost ? t.value <= t.limit : t.value >= t.limit;
      const by = t.limit === 0 || t.value === 0 ? "" : ` (${(t.atMost ? t.value / t.limit : t.limit / t.value).toFixed(2)}× off)`;
      return `| ${t.name} | ${fmt(t.value, 2)}${t.unit} | ${t.atMost ? "≤" : "≥"} ${t.limit}${t.unit} | ${met ? "met" : `**missed**${by}`} |`;
    }),
    "",
  ];
  const out = isAbsolute(args.out!) ? args.out! : projectPath(args.out!);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.md`, lines.filter((l, i, all) => !(l === "" && all[i - 1] === "")).join("\n"));
  writeFileSync(`${out}.json`, JSON.stringify({ date: new Date().toISOString(), machine, settings: { concurrency: CONCURRENCY, seconds: SECONDS, warmup: WARMUP, serverCpu: SERVER_CPU }, data, rows, targets: targets() }, null, 2) + "\n");
  console.log(`\nWrote ${args.out}.md and ${args.out}.json`);
  for (const r of ratioRows()) console.log(`  ${r.mode} ${r.workload}: ours/L1 p50 ${fmt(r.p50)}×, p99 ${fmt(r.p99)}×${r.l3 === undefined ? "" : `, ours/L3 throughput ${fmt(r.l3)}×`}`);
}

function ratioRows() {
  const out: { mode: string; workload: string; p50?: number; p99?: number; l3?: number }[] = [];
  for (const r of rows.filter((r) => r.system === "ours")) {
    const l1 = find(r.mode, r.workload, "L1 raw SQL", r.variant);
    const l3 = find(r.mode, r.workload, "L3 PostGraphile", r.variant);
    if (!l1 && !l3) continue;
    out.push({ mode: r.mode, workload: `${r.workload}${r.variant ? ` ${r.variant}` : ""}`, p50: l1 && r.load.p50Ms / l1.load.p50Ms, p99: l1 && r.load.p99Ms / l1.load.p99Ms, l3: l3 && r.load.throughput / l3.load.throughput });
  }
  return out;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

/** The arguments an L3 query's `variables` builder receives for call i. */
function l3Args(workload: string, variant: string, params: Params, i: number) {
  const pick = <T>(list: T[]) => list[i % list.length]!;
  const unit = workload === "W3" ? (variant === "country" ? params.root : params.city) : pick(params.ledgerUnits);
  return { id: pick(params.findingIds), path: unit.path, unitId: unit.id, statuses: ["OPEN", "RECTIFYING"], text: pick(params.texts) };
}
