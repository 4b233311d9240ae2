/**
 * `npm run bench:live`: live fan-out (实时推送) on one node and across two. Phase 1 holds N
 * graphql-ws subscribers while a writer commits workflow mutations at rate R and measures
 * commit→client latency; phase 2 holds many idle subscribers and measures memory; phase 3 checks
 * that a second node on the same PostgreSQL delivers the same journal events. Writes
 * docs/benchmarks-live.md and .json.
 *
 * Commit stamp: the journal row's `at` (server clock, taken when the mutation starts, so it is
 * slightly before the commit: the latency is an upper bound). The client's receive time is the
 * same machine's wall clock. The time from each mutation's HTTP response is reported beside it.
 */
import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { cpus, totalmem } from "node:os";
import { dirname, isAbsolute } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase, type Database } from "../../db/client.js";
import { projectPath } from "../../db/paths.js";
import { createApiToken } from "../../server/auth/auth.service.js";
import { shanghaiDate, systemClock } from "../../server/clock.js";
import { internalContext } from "../../server/context.js";
import { fromGlobalId, toGlobalId } from "../../server/relay/global-id.js";
import { processStats, startService, type Service } from "./lib/child.js";
import { percentile, send } from "./lib/load.js";
import { ClientPool, wallNow, type ClientStats, type Deliveries, type SubscriptionSpec } from "./lib/ws-clients.js";
import { W4_STEPS } from "./workloads.js";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bench" },
    subscribers: { type: "string", default: "1000" },
    rate: { type: "string", default: "20" },
    seconds: { type: "string", default: "20" },
    /** Seconds of writing before the measured run (JIT, caches, first board snapshots). */
    warmup: { type: "string", default: "5" },
    idle: { type: "string", default: "10000" },
    /** Mutations committed through node 1 in the two-node check. */
    "two-node-mutations": { type: "string", default: "100" },
    threads: { type: "string", default: "2" },
    /** Subscription kinds in the active mix (to isolate one): journal, ledger, board. */
    kinds: { type: "string", default: "journal,ledger,board" },
    only: { type: "string" },
    out: { type: "string", default: "docs/benchmarks-live" },
    cpu: { type: "string", default: "1" },
    "client-cpu": { type: "string", default: "0" },
  },
});
const SUBSCRIBERS = Number(args.subscribers);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const WARMUP = Number(args.warmup);
const IDLE = Number(args.idle);
const TWO_NODE_MUTATIONS = Number(args["two-node-mutations"]);
const THREADS = Number(args.threads);
const SERVER_CPU = args.cpu === "none" ? undefined : Number(args.cpu);
const CLIENT_CPU = args["client-cpu"] === "none" ? undefined : Number(args["client-cpu"]);
const KINDS = new Set(args.kinds!.split(","));
const phases = new Set((args.only ?? "active,idle,two-node").split(","));

const TARGET_P99_MS = 100;
const TARGET_IDLE_RSS = 1.5 * 2 ** 30;
/** Seconds the idle node is watched for event-loop stalls (the credential re-check runs every 30 s). */
const IDLE_WINDOW_SECONDS = 35;
/** How long deliveries may trail the last commit before the run is cut off. */
const DRAIN_MS = 15_000;

// ——— data and credentials ———

interface Params {
  root: { id: number; path: string };
  /** A few city offices (市院): the scoped subscriptions watch these and the writer writes into them. */
  cities: { id: number; path: string }[];
  /** Basic departments the writer records findings in, half inside `cities`. */
  departments: number[];
  /** Units spread over the tree, for the idle subscribers' scopes. */
  units: number[];
  /** Who verifies the writer's findings (a system token acts for nobody, so it names the verifier). */
  verifier: number;
}

async function pickParams(exec: Database["exec"]): Promise<Params> {
  const [root] = await exec(`select id, path from units where parent_id is null order by id limit 1`);
  const cities = await exec(`select id, path from units where kind = 'OFFICE' and level = 'CITY'
    and exists (select 1 from units d where d.kind = 'DEPARTMENT' and d.level = 'BASIC' and d.path like units.path || '%') order by md5(id::text) limit 5`);
  const like = (path: unknown) => `path like '${String(path).replace(/'/g, "''")}%'`;
  const inside = await exec(`select id from units where kind = 'DEPARTMENT' and level = 'BASIC' and (${cities.map((c) => like(c.path)).join(" or ") || "false"})
    order by md5(id::text) limit 25`);
  const outside = await exec(`select id from units where kind = 'DEPARTMENT' and level = 'BASIC' order by md5(id::text) limit 25`);
  const units = await exec(`select id from units order by md5(id::text) limit 1000`);
  const [verifier] = await exec(`select id from people where supervisor_kind is not null order by id limit 1`);
  return {
    root: { id: Number(root!.id), path: String(root!.path) },
    cities: cities.map((c) => ({ id: Number(c.id), path: String(c.path) })),
    departments: [...inside, ...outside].map((r) => Number(r.id)),
    units: units.map((r) => Number(r.id)),
    verifier: Number(verifier?.id ?? 1),
  };
}

/** A system token with write access at the root, made directly in the database (as `npm run bench` does). */
async function systemToken(database: Database): Promise<string> {
  const [root] = await database.exec(`select id from units where parent_id is null order by id limit 1`);
  const ctx = internalContext(database.db, systemClock, "bench:live");
  const { secret } = await createApiToken(ctx, { name: `bench:live ${new Date().toISOString()}`, kind: "SYSTEM", scopeUnitId: Number(root!.id), canWrite: true, expiresInDays: 1 });
  return secret;
}

// ——— subscriptions ———

const JOURNAL = `subscription J($filter: JournalEventFilter) { journalEvents(filter: $filter) { seq at action entity entityId } }`;
const LEDGER = `subscription L($filter: FindingFilter) { ledgerChanged(filter: $filter) { seq action matches finding { id code status version updatedAt } } }`;
const BOARD = `subscription B($unit: ID) { boardChanged(unit: $unit) { asOf open overdue inWarning verified rectificationRate } }`;

/** What a subscription watches, to know which journal rows it should receive. */
interface Watch {
  kind: "journal" | "ledger" | "board";
  /** Unit path prefix; undefined = the whole tree. */
  under?: string;
}

interface Planned {
  spec: SubscriptionSpec;
  watch: Watch;
}

const unitId = (id: number) => toGlobalId("Unit", id);

/**
 * The active mix, by i mod 10: 30 % journalEvents, 20 % journalEvents of a city, 20 % ledger of a
 * city, 10 % whole ledger, 10 % national board, 10 % city board; kinds left out of --kinds are skipped.
 */
function activeMix(n: number, params: Params): Planned[] {
  const out: Planned[] = [];
  for (let i = 0; out.length < n; i++) {
    const planned = mixEntry(i, params);
    if (KINDS.has(planned.watch.kind)) out.push(planned);
  }
  return out;
}

function mixEntry(i: number, params: Params): Planned {
  const city = params.cities[Math.floor(i / 10) % params.cities.length]!;
  switch (i % 10) {
    case 3: case 4: return { spec: { query: JOURNAL, variables: { filter: { unit: unitId(city.id) } } }, watch: { kind: "journal", under: city.path } };
    case 5: case 6: return { spec: { query: LEDGER, variables: { filter: { unit: unitId(city.id) } } }, watch: { kind: "ledger", under: city.path } };
    case 7: return { spec: { query: LEDGER, variables: {} }, watch: { kind: "ledger" } };
    case 8: return { spec: { query: BOARD, variables: { unit: unitId(params.root.id) } }, watch: { kind: "board", under: params.root.path } };
    case 9: return { spec: { query: BOARD, variables: { unit: unitId(city.id) } }, watch: { kind: "board", under: city.path } };
    default: return { spec: { query: JOURNAL, variables: {} }, watch: { kind: "journal" } };
  }
}

/** The idle mix: journalEvents, and journalEvents / board / ledger scoped to units spread over the tree. */
function idleMix(n: number, params: Params): SubscriptionSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const unit = unitId(params.units[Math.floor(i / 4) % params.units.length]!);
    switch (i % 4) {
      case 1: return { query: JOURNAL, variables: { filter: { unit } } };
      case 2: return { query: BOARD, variables: { unit } };
      case 3: return { query: LEDGER, variables: { filter: { unit } } };
      default: return { query: JOURNAL, variables: {} };
    }
  });
}

// ——— server nodes ———

async function startNode(url: string, name: string): Promise<Service> {
  return startService({
    name,
    command: process.execPath,
    args: [projectPath("dist/server/main.js")],
    env: { NODE_ENV: "production", PORT: "0", METRICS: "on", SEED_DEMO: "false", DATABASE_URL: url },
    cpu: SERVER_CPU,
    ready: /API ready at (\S+)/,
  });
}

const wsUrl = (service: Service) => service.url.replace(/^http/, "ws");

/** Gauges from the node's /metrics; `reset` restarts its event-loop histogram after reading. */
async function metrics(service: Service, reset = false): Promise<{ rss: number; lagP99Ms: number; lagMaxMs: number; subscribers: number; statements: number }> {
  const agent = new Agent();
  const { body } = await send(agent, new URL(service.url), { method: "GET", path: reset ? "/metrics?reset" : "/metrics" });
  agent.destroy();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(body)?.[1] ?? NaN);
  return {
    rss: value("sv_process_resident_memory_bytes"),
    lagP99Ms: value("sv_event_loop_delay_p99_seconds") * 1000,
    lagMaxMs: value("sv_event_loop_delay_max_seconds") * 1000,
    subscribers: value("sv_live_subscribers"),
    statements: value("sv_sql_statements_total"),
  };
}

/** Waits until the node counts `n` live subscriptions (graphql-ws has no subscribe acknowledgement). */
async function waitForSubscribers(service: Service, n: number, timeoutMs = 120_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  let seen = 0;
  while (Date.now() < end) {
    seen = (await metrics(service)).subscribers;
    if (seen >= n) return seen;
    await sleep(250);
  }
  return seen;
}

// ——— the writer ———

interface Commit {
  action: string;
  finding: number;
  sentAt: number;
  respondedAt: number;
  ok: boolean;
}

/** One finding through record → start → measure → submit → verify (W4), one step at a time. */
interface Chain {
  step: number;
  finding?: number;
  busy: boolean;
}

const ACTIONS = ["recordFinding", "startRectification", "addMeasure", "submitRectification", "verifyRectification"] as const;

/**
 * Open loop: a mutation starts every 1/rate s whether or not earlier ones finished; each goes to
 * an idle chain (a new one when all are busy). Returns every commit with its client-side times.
 */
async function runWriter(service: Service, token: string, params: Params, rate: number, count: number): Promise<{ commits: Commit[]; errors: number; firstError?: string }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const base = new URL(service.url);
  const chains: Chain[] = [];
  const commits: Commit[] = [];
  const inFlight: Promise<void>[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let recorded = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    let chain = chains.find((c) => !c.busy);
    if (!chain) chains.push((chain = { step: 0, busy: false }));
    inFlight.push(step(chain));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { commits, errors, firstError };

  async function step(chain: Chain): Promise<void> {
    chain.busy = true;
    const index = chain.step % W4_STEPS.length;
    const today = shanghaiDate(new Date());
    const id = chain.finding === undefined ? undefined : toGlobalId("Finding", chain.finding);
    const input =
      index === 0
        ? { unit: unitId(params.departments[recorded++ % params.departments.length]!), title: `实时压测问题 ${recorded}`, description: "实时推送基准测试写入的问题", category: "CASE_PROCEDURE",
            severity: "IRREGULAR", source: "PROCESS_MONITORING", rectificationClass: "GRADUAL", deadline: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}` }
        : index === 2 ? { id, text: "逐项整改", due: today }
        : index === 4 ? { id, verifier: toGlobalId("Person", params.verifier) }
        : { id };
    const body = JSON.stringify({ query: W4_STEPS[index], variables: { input } });
    const sentAt = wallNow();
    let ok = false;
    try {
      const response = await send(agent, base, { method: "POST", path: "/graphql", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
      if (response.status !== 200 || response.body.includes(`"errors":[`)) throw new Error(`HTTP ${response.status}: ${response.body.slice(0, 300)}`);
      if (index === 0) chain.finding = Number(fromGlobalId((JSON.parse(response.body) as { data: { recordFinding: { id: string } } }).data.recordFinding.id)?.id);
      ok = true;
      chain.step++;
    } catch (error) {
      errors++;
      firstError ??= error instanceof Error ? error.message : String(error);
      // A failed step restarts the chain with a new finding.
      chain.step = 0;
      chain.finding = undefined;
    }
    commits.push({ action: ACTIONS[index]!, finding: chain.finding ?? -1, sentAt, respondedAt: wallNow(), ok });
    chain.busy = false;
  }
}

/** Busy jiffies and total jiffies per CPU, from /proc/stat (Linux). */
function cpuTimes(): { busy: number; total: number }[] {
  return readFileSync("/proc/stat", "utf8")
    .split("\n")
    .filter((line) => /^cpu\d/.test(line))
    .map((line) => {
      const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number) as number[];
      const busy = user! + nice! + system! + irq! + softirq! + steal!;
      return { busy, total: busy + idle! + iowait! };
    });
}

/** Percent busy per CPU between two readings: tells whether the client/PostgreSQL core was saturated. */
function cpuBusy(before: ReturnType<typeof cpuTimes>, after: ReturnType<typeof cpuTimes>): number[] {
  return after.map((a, i) => (100 * (a.busy - before[i]!.busy)) / Math.max(1, a.total - before[i]!.total));
}

// ——— the journal, read back after a run ———

interface JournalStamp {
  seq: number;
  atMs: number;
  action: string;
  entity: string;
  entityId: string;
  unitPath: string | null;
}

async function lastSeq(sql: postgres.Sql): Promise<number> {
  const [row] = await sql`select coalesce(max(seq), 0)::bigint as seq from journal`;
  return Number(row!.seq);
}

async function journalAfter(sql: postgres.Sql, after: number): Promise<JournalStamp[]> {
  const rows = await sql`select seq::bigint as seq, extract(epoch from at) * 1000 as at_ms, action, entity, entity_id, unit_path from journal where seq > ${after} order by seq`;
  return rows.map((r) => ({ seq: Number(r.seq), atMs: Number(r.at_ms), action: String(r.action), entity: String(r.entity), entityId: String(r.entity_id), unitPath: r.unit_path as string | null }));
}

// ——— phase 1: active fan-out ———

interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

function summarise(values: number[]): LatencySummary {
  values.sort((a, b) => a - b);
  return { count: values.length, p50Ms: percentile(values, 0.5), p99Ms: percentile(values, 0.99), p999Ms: percentile(values, 0.999), maxMs: values[values.length - 1] ?? NaN };
}

interface ActiveResult {
  subscribers: number;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  commits: number;
  commitErrors: number;
  commitFirstError?: string;
  /** Mutations per second achieved (HTTP responses over the writer's wall time). */
  achievedRate: number;
  mutationMs: LatencySummary;
  /** journalEvents and ledgerChanged deliveries: journal `at` → client receive. */
  events: LatencySummary;
  /** The same, split: journalEvents (no query per event) and ledgerChanged (a query per event and group). */
  journalEvents: LatencySummary;
  ledgerEvents: LatencySummary;
  /** The same deliveries measured from the mutation's HTTP response (negative: the event won). */
  eventsFromResponse: LatencySummary;
  /** Board snapshots (throttled to 4/s per group by design): journal `at` → first snapshot received after that mutation's response. */
  boards: LatencySummary;
  boardSnapshots: number;
  /** Seconds of node age whose commits' events had p99 over the target: shows periodic server work (the 30 s credential re-check). */
  slowSeconds: { nodeAgeS: number; p99Ms: number }[];
  deliveries: number;
  deliveriesPerSecond: number;
  /** Deliveries a journal/ledger subscriber should have had but did not, and repeats. */
  missing: number;
  duplicates: number;
  client: ClientStats;
  serverLagP99Ms: number;
  serverLagMaxMs: number;
  serverCpuPercent: number;
  /** Whole-machine busy % per CPU during the writer's run (every process, the lead's too). */
  machineCpuPercent: number[];
  serverRssMiB: number;
  connectSeconds: number;
}

async function phaseActive(url: string, sql: postgres.Sql, token: string, params: Params): Promise<ActiveResult> {
  const node = await startNode(url, "node 1");
  const nodeStarted = wallNow();
  const pool = new ClientPool(THREADS);
  try {
    const plan = activeMix(SUBSCRIBERS, params);
    const t0 = performance.now();
    const opened = await pool.open(wsUrl(node), token, plan.map((p) => p.spec));
    await waitForSubscribers(node, opened.open);
    const connectSeconds = (performance.now() - t0) / 1000;
    console.log(`  ${opened.open} subscribers open in ${connectSeconds.toFixed(1)} s${opened.failed ? `, ${opened.failed} FAILED (${opened.firstError})` : ""}`);
    await runWriter(node, token, params, RATE, Math.round(RATE * WARMUP));
    await sleep(2000);
    await pool.collect();
    await metrics(node, true);
    const from = await lastSeq(sql);
    const cpuBefore = processStats(node.pid);
    const machineBefore = cpuTimes();
    const writeStart = wallNow();
    const writer = await runWriter(node, token, params, RATE, Math.round(RATE * SECONDS));
    const writeSeconds = (wallNow() - writeStart) / 1000;
    const cpuAfter = processStats(node.pid);
    const machineCpuPercent = cpuBusy(machineBefore, cpuTimes());
    const server = await metrics(node, true);
    const rows = await journalAfter(sql, from);
    const { deliveries, stats } = await drain(pool, plan, rows);
    const ok = writer.commits.filter((c) => c.ok);
    return {
      subscribers: opened.open,
      rate: RATE,
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      commits: ok.length,
      commitErrors: writer.errors,
      commitFirstError: writer.firstError,
      achievedRate: ok.length / writeSeconds,
      mutationMs: summarise(ok.map((c) => c.respondedAt - c.sentAt)),
      ...latencies(plan, rows, ok, deliveries),
      slowSeconds: slowSeconds(rows, deliveries, nodeStarted),
      boardSnapshots: deliveries.seq.filter((seq) => seq < 0).length,
      deliveries: deliveries.sub.length,
      deliveriesPerSecond: deliveries.sub.length / writeSeconds,
      client: stats,
      serverLagP99Ms: server.lagP99Ms,
      serverLagMaxMs: server.lagMaxMs,
      serverCpuPercent: (100 * (cpuAfter.cpuSeconds - cpuBefore.cpuSeconds)) / writeSeconds,
      machineCpuPercent,
      serverRssMiB: server.rss / 2 ** 20,
      connectSeconds,
    };
  } finally {
    await pool.close();
    await node.stop();
  }
}

/** Collects until every expected event arrived or deliveries stop for a while. */
async function drain(pool: ClientPool, plan: Planned[], rows: JournalStamp[]): Promise<{ deliveries: Deliveries; stats: ClientStats }> {
  const expected = plan.reduce((n, p) => n + (p.watch.kind === "board" ? 0 : rows.filter((r) => concerns(p.watch, r)).length), 0);
  const all: Deliveries = { sub: [], seq: [], at: [] };
  let stats: ClientStats | undefined;
  let quietSince = Date.now();
  for (;;) {
    const got = await pool.collect();
    stats = stats ? { ...got.stats, lagP99Ms: stats.lagP99Ms.map((v, i) => Math.max(v, got.stats.lagP99Ms[i]!)), lagMaxMs: stats.lagMaxMs.map((v, i) => Math.max(v, got.stats.lagMaxMs[i]!)) } : got.stats;
    for (let i = 0; i < got.deliveries.sub.length; i++) {
      all.sub.push(got.deliveries.sub[i]!);
      all.seq.push(got.deliveries.seq[i]!);
      all.at.push(got.deliveries.at[i]!);
    }
    if (got.deliveries.sub.length) quietSince = Date.now();
    const events = all.seq.filter((s) => s >= 0).length;
    if (events >= expected && Date.now() - quietSince > 500) break;
    if (Date.now() - quietSince > DRAIN_MS) break;
    await sleep(200);
  }
  return { deliveries: all, stats };
}

/** Whether a journal/ledger/board subscription should hear of this row (root scope: all rows are visible). */
function concerns(watch: Watch, row: JournalStamp): boolean {
  if (watch.under && !row.unitPath?.startsWith(watch.under)) return false;
  return watch.kind === "journal" || row.entity === "Finding";
}

/** Event latency grouped by the node's age (whole seconds) when the row was stamped; the seconds whose p99 misses the target. */
function slowSeconds(rows: JournalStamp[], deliveries: Deliveries, nodeStarted: number): { nodeAgeS: number; p99Ms: number }[] {
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const perSecond = new Map<number, number[]>();
  for (let i = 0; i < deliveries.seq.length; i++) {
    const row = bySeq.get(deliveries.seq[i]!);
    if (!row) continue;
    const age = Math.floor((row.atMs - nodeStarted) / 1000);
    const values = perSecond.get(age) ?? [];
    values.push(deliveries.at[i]! - row.atMs);
    perSecond.set(age, values);
  }
  return [...perSecond]
    .map(([nodeAgeS, values]) => ({ nodeAgeS, p99Ms: summarise(values).p99Ms }))
    .filter((s) => s.p99Ms > TARGET_P99_MS)
    .sort((a, b) => a.nodeAgeS - b.nodeAgeS);
}

function latencies(plan: Planned[], rows: JournalStamp[], commits: Commit[], deliveries: Deliveries) {
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const responded = new Map(commits.map((c) => [`${c.action}:${c.finding}`, c.respondedAt]));
  const respondedAt = (r: JournalStamp) => responded.get(`${r.action}:${r.entityId}`);
  const events: number[] = [];
  const byKind = { journal: [] as number[], ledger: [] as number[] };
  const fromResponse: number[] = [];
  const seen = new Map<number, Set<number>>();
  const boardTimes = new Map<number, number[]>();
  let duplicates = 0;
  for (let i = 0; i < deliveries.sub.length; i++) {
    const sub = deliveries.sub[i]!;
    const seq = deliveries.seq[i]!;
    const at = deliveries.at[i]!;
    if (seq < 0) {
      const times = boardTimes.get(sub) ?? [];
      times.push(at);
      boardTimes.set(sub, times);
      continue;
    }
    const row = bySeq.get(seq);
    if (!row) continue; // a row from before the run
    const mine = seen.get(sub) ?? new Set<number>();
    if (mine.has(seq)) duplicates++;
    mine.add(seq);
    seen.set(sub, mine);
    events.push(at - row.atMs);
    byKind[plan[sub]!.watch.kind === "ledger" ? "ledger" : "journal"].push(at - row.atMs);
    const response = respondedAt(row);
    if (response !== undefined) fromResponse.push(at - response);
  }
  let missing = 0;
  const boards: number[] = [];
  plan.forEach((p, sub) => {
    const mine = rows.filter((r) => concerns(p.watch, r));
    if (p.watch.kind !== "board") {
      missing += mine.filter((r) => !seen.get(sub)?.has(r.seq)).length;
      return;
    }
    const times = (boardTimes.get(sub) ?? []).sort((a, b) => a - b);
    for (const r of mine) {
      const after = respondedAt(r) ?? r.atMs;
      const next = times.find((t) => t >= after);
      if (next !== undefined) boards.push(next - r.atMs);
    }
  });
  return {
    events: summarise(events),
    journalEvents: summarise(byKind.journal),
    ledgerEvents: summarise(byKind.ledger),
    eventsFromResponse: summarise(fromResponse),
    boards: summarise(boards),
    missing,
    duplicates,
  };
}

// ——— phase 2: idle subscribers ———

interface IdleResult {
  target: number;
  reached: number;
  failed: number;
  firstError?: string;
  connectSeconds: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  rssPer1000MiB: number;
  /** Event-loop delay over the idle window, read each second: worst per-second p99, worst max. */
  serverLagP99Ms: number;
  serverLagMaxMs: number;
  /** Seconds into the window at which the loop stalled for over 100 ms (periodic work shows here). */
  stallsAtSecond: number[];
  /** Server CPU over the idle window, % of one core: what holding the sockets costs with no events. */
  serverCpuPercent: number;
  /** SQL statements the idle node sent over the window (credential re-checks, keep-alive). */
  statementsPerSecond: number;
  fdLimit: number;
}

async function phaseIdle(url: string, token: string, params: Params): Promise<IdleResult> {
  const fdLimit = openFileLimit();
  if (fdLimit < IDLE + 1000) console.log(`  note: open-file limit is ${fdLimit}; ${IDLE} sockets need ~${IDLE + 1000} in each process (raise with \`ulimit -n ${IDLE * 2}\`)`);
  const node = await startNode(url, "node idle");
  const pool = new ClientPool(THREADS);
  try {
    await sleep(2000);
    const before = await metrics(node);
    const t0 = performance.now();
    const opened = await pool.open(wsUrl(node), token, idleMix(IDLE, params), 200);
    const reached = await waitForSubscribers(node, opened.open);
    const connectSeconds = (performance.now() - t0) / 1000;
    console.log(`  ${reached} idle subscribers in ${connectSeconds.toFixed(1)} s${opened.failed ? `, ${opened.failed} FAILED (${opened.firstError})` : ""}`);
    // Let start-up garbage settle, then watch an idle window longer than the 30 s credential re-check.
    await sleep(5000);
    const start = await metrics(node, true);
    const cpuBefore = processStats(node.pid);
    const window: { lagP99Ms: number; lagMaxMs: number }[] = [];
    for (let second = 0; second < IDLE_WINDOW_SECONDS; second++) {
      await sleep(1000);
      window.push(await metrics(node, true));
    }
    const after = await metrics(node);
    const cpuAfter = processStats(node.pid);
    return {
      target: IDLE,
      reached,
      failed: opened.failed,
      firstError: opened.firstError,
      connectSeconds,
      rssBeforeMiB: before.rss / 2 ** 20,
      rssAfterMiB: after.rss / 2 ** 20,
      rssPer1000MiB: reached ? ((after.rss - before.rss) / 2 ** 20 / reached) * 1000 : NaN,
      serverLagP99Ms: Math.max(...window.map((w) => w.lagP99Ms)),
      serverLagMaxMs: Math.max(...window.map((w) => w.lagMaxMs)),
      serverCpuPercent: (100 * (cpuAfter.cpuSeconds - cpuBefore.cpuSeconds)) / IDLE_WINDOW_SECONDS,
      statementsPerSecond: (after.statements - start.statements) / IDLE_WINDOW_SECONDS,
      stallsAtSecond: window.flatMap((w, second) => (w.lagMaxMs > 100 ? [second + 1] : [])),
      fdLimit,
    };
  } finally {
    await pool.close();
    await node.stop();
  }
}

function openFileLimit(): number {
  const out = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  return Number(out.stdout.trim()) || NaN;
}

// ——— phase 3: two nodes ———

interface TwoNodeResult {
  mutations: number;
  journalRows: number;
  /** Every journalEvents subscriber on both nodes received exactly the journal's seqs, in order. */
  same: boolean;
  node1: LatencySummary;
  node2: LatencySummary;
  detail?: string;
}

const TWO_NODE_SUBSCRIBERS = 10;

async function phaseTwoNodes(url: string, sql: postgres.Sql, token: string, params: Params): Promise<TwoNodeResult> {
  const nodes = [await startNode(url, "node 1"), await startNode(url, "node 2")];
  const pools = nodes.map(() => new ClientPool(1));
  try {
    const plan: Planned[] = Array.from({ length: TWO_NODE_SUBSCRIBERS }, () => ({ spec: { query: JOURNAL, variables: {} }, watch: { kind: "journal" } }));
    for (const [i, node] of nodes.entries()) {
      await pools[i]!.open(wsUrl(node), token, plan.map((p) => p.spec));
      await waitForSubscribers(node, TWO_NODE_SUBSCRIBERS);
    }
    const from = await lastSeq(sql);
    const writer = await runWriter(nodes[0]!, token, params, RATE, TWO_NODE_MUTATIONS);
    const rows = await journalAfter(sql, from);
    const expected = rows.map((r) => r.seq).join(",");
    const results = await Promise.all(pools.map((pool) => drain(pool, plan, rows)));
    const problems: string[] = [];
    const summaries = results.map(({ deliveries }, n) => {
      for (let sub = 0; sub < TWO_NODE_SUBSCRIBERS; sub++) {
        const got = deliveries.seq.filter((seq, i) => deliveries.sub[i] === sub && seq > from).join(",");
        if (got !== expected) problems.push(`node ${n + 1} subscriber ${sub}: got ${got.split(",").filter(Boolean).length} seqs, expected ${rows.length}`);
      }
      return latencies(plan, rows, writer.commits.filter((c) => c.ok), deliveries).events;
    });
    return { mutations: writer.commits.filter((c) => c.ok).length, journalRows: rows.length, same: problems.length === 0 && rows.length > 0, node1: summaries[0]!, node2: summaries[1]!, detail: problems.slice(0, 3).join("; ") || undefined };
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
    await Promise.all(nodes.map((node) => node.stop()));
  }
}

// ——— report ———

interface Target {
  name: string;
  value: number;
  limit: number;
  unit: string;
  atMost: boolean;
}

function targets(active?: ActiveResult, idle?: IdleResult, two?: TwoNodeResult): Target[] {
  const out: Target[] = [];
  if (active) out.push({ name: `commit→client p99, ${active.subscribers} subscribers × ${active.rate} mutations/s`, value: active.events.p99Ms, limit: TARGET_P99_MS, unit: " ms", atMost: true });
  if (idle) {
    out.push({ name: "idle subscribers held", value: idle.reached, limit: idle.target, unit: "", atMost: false });
    out.push({ name: `server RSS with ${idle.reached} idle subscribers`, value: idle.rssAfterMiB, limit: TARGET_IDLE_RSS / 2 ** 20, unit: " MiB", atMost: true });
  }
  if (two) out.push({ name: "second node delivers the same seqs", value: two.same ? 1 : 0, limit: 1, unit: "", atMost: false });
  return out;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(digits));
const verdict = (t: Target) => {
  const met = t.atMost ? t.value <= t.limit : t.value >= t.limit;
  const by = t.atMost ? t.value / t.limit : t.limit / t.value;
  return met ? "met" : `**missed**${Number.isFinite(by) ? ` (${by.toFixed(1)}× off)` : ""}`;
};
const lat = (s: LatencySummary) => `${fmt(s.p50Ms)} / ${fmt(s.p99Ms)} / ${fmt(s.p999Ms)}`;

function writeReport(info: { postgres: string; units: number; findings: number }, active?: ActiveResult, idle?: IdleResult, two?: TwoNodeResult) {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${info.postgres}`;
  const rows: [string, string][] = [];
  if (active) {
    rows.push(
      ["subscribers (sockets, 1 subscription each)", `${active.subscribers}, opened in ${fmt(active.connectSeconds)} s`],
      ["mutations committed (W4 steps) / errors", `${active.commits} at ${fmt(active.achievedRate)}/s (asked ${active.rate}/s for ${active.seconds} s after ${active.warmupSeconds} s warm-up) / ${active.commitErrors}`],
      ["mutation HTTP p50 / p99 ms", `${fmt(active.mutationMs.p50Ms)} / ${fmt(active.mutationMs.p99Ms)}`],
      ["events: journal `at` → client, p50 / p99 / p99.9 ms", `${lat(active.events)} (max ${fmt(active.events.maxMs)}, n = ${active.events.count})`],
      ["… journalEvents only / ledgerChanged only, p50 / p99 / p99.9 ms", `${lat(active.journalEvents)} | ${lat(active.ledgerEvents)}`],
      ["events: mutation response → client, p50 / p99 / p99.9 ms", lat(active.eventsFromResponse)],
      ["boards (throttled 250 ms): `at` → next snapshot, p50 / p99 / p99.9 ms", `${lat(active.boards)} (${active.boardSnapshots} snapshots received)`],
      ["seconds (node age) whose events' p99 > target", active.slowSeconds.map((s) => `${s.nodeAgeS} s: ${fmt(s.p99Ms, 0)} ms`).join(", ") || "none"],
      ["deliveries/s (all subscriptions)", fmt(active.deliveriesPerSecond, 0)],
      [`missing (none for ${DRAIN_MS / 1000} s) / duplicate events, client errors, dropped sockets`, `${active.missing} / ${active.duplicates}, ${active.client.errors}, ${active.client.dropped}`],
      ["server: CPU % of one core, loop delay p99 / max ms, RSS MiB", `${fmt(active.serverCpuPercent, 0)} %, ${fmt(active.serverLagP99Ms)} / ${fmt(active.serverLagMaxMs)}, ${fmt(active.serverRssMiB, 0)}`],
      ["machine: busy % per CPU during the run", active.machineCpuPercent.map((v, i) => `CPU ${i} ${fmt(v, 0)} %`).join(", ")],
      ["client: loop delay p99 / max ms per thread", active.client.lagP99Ms.map((v, i) => `${fmt(v)} / ${fmt(active.client.lagMaxMs[i])}`).join(", ")],
    );
  }
  if (idle) {
    rows.push(
      ["idle subscribers held / asked", `${idle.reached} / ${idle.target}${idle.failed ? ` (${idle.failed} failed: ${idle.firstError})` : ""}, opened in ${fmt(idle.connectSeconds)} s`],
      ["idle: server RSS before → after MiB", `${fmt(idle.rssBeforeMiB, 0)} → ${fmt(idle.rssAfterMiB, 0)}`],
      ["idle: RSS per 1,000 connections MiB", fmt(idle.rssPer1000MiB)],
      ["idle: server CPU % of one core / SQL statements per s, with no events", `${fmt(idle.serverCpuPercent, 0)} % / ${fmt(idle.statementsPerSecond, 0)}`],
      [`idle: server loop delay, worst 1 s p99 / max ms (${IDLE_WINDOW_SECONDS} s window)`, `${fmt(idle.serverLagP99Ms)} / ${fmt(idle.serverLagMaxMs)}${idle.stallsAtSecond.length ? `, stalls > 100 ms at s ${idle.stallsAtSecond.join(", ")}` : ""}`],
    );
  }
  if (two) {
    rows.push(
      ["two nodes: journal rows from node-1 mutations", `${two.journalRows} (${two.mutations} mutations)`],
      ["two nodes: same seqs, same order on every subscriber", two.same ? "yes" : `NO — ${two.detail ?? ""}`],
      ["two nodes: `at` → client p50 / p99 ms, node 1 | node 2", `${fmt(two.node1.p50Ms)} / ${fmt(two.node1.p99Ms)} | ${fmt(two.node2.p50Ms)} / ${fmt(two.node2.p99Ms)}`],
    );
  }
  const list = targets(active, idle, two);
  const lines = [
    "## Live fan-out (`npm run bench:live`)",
    "",
    `Written on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}. Database: ${info.units.toLocaleString("en")} units, ${info.findings.toLocaleString("en")} findings.`,
    `Server pinned to CPU ${SERVER_CPU ?? "any"}; subscribers (${THREADS} worker threads) and PostgreSQL share CPU ${CLIENT_CPU ?? "any"}.`,
    "Commit stamp: the journal row's `at` (server clock when the mutation starts, before its commit), so those latencies are upper bounds;",
    "measured from the mutation's HTTP response (after its commit) they are lower bounds. The true commit→client time lies between.",
    "",
    "| measure | value |",
    "|---|---|",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    ...list.map((t) => `| target: ${t.name} ${t.atMost ? "≤" : "≥"} ${fmt(t.limit, 0)}${t.unit} | ${fmt(t.value, t.unit ? 1 : 0)}${t.unit}: ${verdict(t)} |`),
    "",
    `machine: live subscribers=${active?.subscribers ?? "–"} rate=${RATE} p50=${fmt(active?.events.p50Ms)}ms p99=${fmt(active?.events.p99Ms)}ms p999=${fmt(active?.events.p999Ms)}ms deliveries/s=${fmt(active?.deliveriesPerSecond, 0)} idle=${idle?.reached ?? "–"} rss/1000=${fmt(idle?.rssPer1000MiB)}MiB two-node=${two ? (two.same ? "same" : "differs") : "–"}`,
    "",
  ];
  const out = isAbsolute(args.out!) ? args.out! : projectPath(args.out!);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.md`, lines.join("\n"));
  const settings = { subscribers: SUBSCRIBERS, rate: RATE, seconds: SECONDS, warmup: WARMUP, idle: IDLE, twoNodeMutations: TWO_NODE_MUTATIONS, threads: THREADS, serverCpu: SERVER_CPU, clientCpu: CLIENT_CPU };
  writeFileSync(`${out}.json`, JSON.stringify({ date: new Date().toISOString(), machine, settings, database: info, active, idle, twoNodes: two, targets: list }, null, 2) + "\n");
  console.log(`\nWrote ${args.out}.md and ${args.out}.json`);
  for (const t of list) console.log(`  ${t.name}: ${fmt(t.value)}${t.unit} (${t.atMost ? "≤" : "≥"} ${t.limit}${t.unit}) ${verdict(t).replace(/\*/g, "")}`);
}

// ——— main ———

/** The bench process (main thread and later workers) on its own core, away from the server. */
function pinSelf(): void {
  if (CLIENT_CPU === undefined) return;
  const result = spawnSync("taskset", ["-a", "-p", "-c", String(CLIENT_CPU), String(process.pid)], { encoding: "utf8" });
  if (result.status !== 0) console.log(`  note: could not pin the bench to CPU ${CLIENT_CPU} (${result.stderr.trim() || "taskset missing"})`);
}

async function size(sql: postgres.Sql): Promise<{ units: number; findings: number } | null> {
  try {
    const [row] = await sql`select (select count(*) from units)::int as units, (select count(*) from findings)::int as findings`;
    return row as { units: number; findings: number };
  } catch {
    return null;
  }
}

async function main() {
  pinSelf();
  const url = args.url!;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const counts = await size(sql);
    if (!counts || counts.findings === 0) {
      console.error(`No generated data in ${new URL(url).pathname.slice(1)}: run \`npm run bench\` or \`npm run generate\` first (or pass --url).`);
      process.exit(1);
    }
    const database = await openDatabase({ kind: "postgres", url, max: 2 });
    await database.migrate();
    const token = await systemToken(database);
    const params = await pickParams(database.exec);
    await database.close();
    const [pg] = await sql`select current_setting('server_version') as v`;
    console.log(`PostgreSQL ${pg!.v}: ${counts.units} units, ${counts.findings} findings; server on CPU ${SERVER_CPU ?? "any"}, client on CPU ${CLIENT_CPU ?? "any"}`);
    let active: ActiveResult | undefined;
    let idle: IdleResult | undefined;
    let two: TwoNodeResult | undefined;
    if (phases.has("active")) {
      console.log(`Active: ${SUBSCRIBERS} subscribers, ${RATE} mutations/s for ${SECONDS} s`);
      active = await phaseActive(url, sql, token, params);
      console.log(`  events p50 ${fmt(active.events.p50Ms)} ms, p99 ${fmt(active.events.p99Ms)} ms, p99.9 ${fmt(active.events.p999Ms)} ms (from the HTTP response: p99 ${fmt(active.eventsFromResponse.p99Ms)} ms); mutation p99 ${fmt(active.mutationMs.p99Ms)} ms; ${fmt(active.deliveriesPerSecond, 0)} deliveries/s; missing ${active.missing}; server CPU ${fmt(active.serverCpuPercent, 0)} %`);
    }
    if (phases.has("idle")) {
      console.log(`Idle: ${IDLE} subscribers`);
      idle = await phaseIdle(url, token, params);
      console.log(`  RSS ${fmt(idle.rssBeforeMiB, 0)} → ${fmt(idle.rssAfterMiB, 0)} MiB, ${fmt(idle.rssPer1000MiB)} MiB per 1,000`);
    }
    if (phases.has("two-node")) {
      console.log(`Two nodes: ${TWO_NODE_MUTATIONS} mutations through node 1, journalEvents on both`);
      two = await phaseTwoNodes(url, sql, token, params);
      console.log(`  ${two.same ? "same seqs on both nodes" : `DIFFERENT: ${two.detail}`}; node 2 p99 ${fmt(two.node2.p99Ms)} ms`);
    }
    writeReport({ postgres: String(pg!.v), ...counts }, active, idle, two);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:live failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
