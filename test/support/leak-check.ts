/**
 * Bookkeeping of the leak tests: counts viewer×query pairs, leaks (something shown that the oracle
 * hides, or an error that tells a hidden object exists) and missing rows (something the oracle says
 * is visible but the API did not give), and keeps the first few of each for the report.
 */
import type { GraphQLResponse } from "./server.js";

export interface Finding {
  kind: "leak" | "missing";
  viewer: string;
  query: string;
  detail: string;
}

export class Tally {
  pairs = 0;
  leaks = 0;
  missing = 0;
  readonly samples: Finding[] = [];
  /** Distinct query shapes with a problem, for the summary. */
  readonly byQuery = new Map<string, { leaks: number; missing: number; viewers: Set<string> }>();

  report(kind: Finding["kind"], viewer: string, query: string, detail: string): void {
    if (kind === "leak") this.leaks++;
    else this.missing++;
    const key = `${kind}: ${query.replace(/"[^"]*"/g, '"…"').slice(0, 160)}`;
    const entry = this.byQuery.get(key) ?? { leaks: 0, missing: 0, viewers: new Set<string>() };
    entry[kind === "leak" ? "leaks" : "missing"]++;
    entry.viewers.add(viewer);
    this.byQuery.set(key, entry);
    if (this.samples.length < 60) this.samples.push({ kind, viewer, query, detail });
  }

  summary(): string {
    const lines = [...this.byQuery.entries()].map(([k, e]) => `  ${k}  ×${e.leaks + e.missing} (viewers: ${[...e.viewers].join(", ")})`);
    const samples = this.samples.slice(0, 25).map((s) => `  [${s.kind}] ${s.viewer}: ${s.query.slice(0, 200)} → ${s.detail.slice(0, 400)}`);
    return [...lines, ...(samples.length ? ["first problems:", ...samples] : [])].join("\n");
  }
}

/** Error codes of a response (extensions.code), in order. */
export function codes(res: GraphQLResponse): string[] {
  return (res.errors ?? []).map((e) => String(e.extensions?.code ?? "NO_CODE"));
}

/**
 * Compares what the API gave with what the oracle expects, reporting leaks and missing rows.
 * Lists are compared as sets keyed by `id` (or by value); `null` in `expected` means the reference
 * must be hidden.
 */
export function compare(tally: Tally, viewer: string, query: string, where: string, expected: unknown, actual: unknown): void {
  if (expected === null || expected === undefined) {
    if (actual !== null && actual !== undefined) tally.report("leak", viewer, query, `${where}: expected nothing, got ${JSON.stringify(actual).slice(0, 200)}`);
    return;
  }
  if (actual === null || actual === undefined) {
    tally.report("missing", viewer, query, `${where}: expected ${JSON.stringify(expected).slice(0, 200)}, got nothing`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      tally.report("missing", viewer, query, `${where}: expected a list, got ${JSON.stringify(actual).slice(0, 200)}`);
      return;
    }
    const key = (x: unknown) => (x !== null && typeof x === "object" ? String((x as { id?: unknown }).id) : JSON.stringify(x));
    const exp = new Map(expected.map((x) => [key(x), x]));
    const seen = new Set<string>();
    for (const a of actual) {
      const k = key(a);
      if (seen.has(k)) tally.report("leak", viewer, query, `${where}: ${k} listed twice`);
      seen.add(k);
      if (!exp.has(k)) tally.report("leak", viewer, query, `${where}: unexpected ${JSON.stringify(a).slice(0, 200)}`);
      else compare(tally, viewer, query, `${where}[${k}]`, exp.get(k), a);
    }
    for (const [k, e] of exp) if (!seen.has(k)) tally.report("missing", viewer, query, `${where}: missing ${JSON.stringify(e).slice(0, 200)}`);
    return;
  }
  if (typeof expected === "object") {
    if (typeof actual !== "object") {
      tally.report("missing", viewer, query, `${where}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    for (const [k, e] of Object.entries(expected as Record<string, unknown>)) {
      compare(tally, viewer, query, `${where}.${k}`, e, (actual as Record<string, unknown>)[k]);
    }
    return;
  }
  if (expected !== actual) {
    const kind = where.endsWith(".id") ? "leak" : "missing";
    tally.report(kind, viewer, query, `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Runs tasks with at most `n` in flight. */
export async function pool<T>(items: readonly T[], n: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await run(item);
    }
  });
  await Promise.all(workers);
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
