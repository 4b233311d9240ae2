import { getTableColumns } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../client.js";
import { findings } from "../tables/index.js";
import { FINDING_KEYS, Output } from "./output.js";
import { generateRows, type GenerateProgress, type GenerateSize } from "./run.js";
import { deferIndexes, hasData, resetSchema, restoreDeferred, setSequences } from "./schema-ops.js";

export interface GenerateOptions extends GenerateSize {
  /** A PostgreSQL URL (postgres://…). */
  url: string;
  /** Drop and recreate the public schema first; without it a database with data is refused. */
  reset: boolean;
  /** Called after each generated month (the CLI prints it every few seconds). */
  progress?: GenerateProgress;
}

export interface GenerateReport {
  tables: { name: string; rows: number }[];
  rows: number;
  /** Time spent streaming rows (the rows/s base). */
  loadMs: number;
  phases: { name: string; ms: number }[];
  totalMs: number;
  lastHash: string;
  /** Findings columns the generator leaves to their default (a newer schema than it knows). */
  unknownFindingColumns: string[];
}

/** Refused without --reset: the generator never mixes its rows with existing data. */
export class GenerateRefused extends Error {}

/**
 * Fills an empty PostgreSQL database with a national tree and `findings` findings over three
 * years, through COPY, and leaves it migrated, indexed, constrained and analysed. Deterministic
 * for a given seed, sizes and `now`.
 */
export async function generateBulk(options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const phases: GenerateReport["phases"] = [];
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push({ name, ms: now - mark });
    mark = now;
  };

  const database = await openDatabase({ kind: "postgres", url: options.url, max: 2 });
  const sql = postgres(options.url, { max: 14, onnotice: () => {} });
  try {
    if (options.reset) await resetSchema(sql);
    else {
      const table = await hasData(sql);
      if (table) throw new GenerateRefused(`the database is not empty (table ${table} has rows); use --reset to drop and recreate the public schema`);
    }
    await database.migrate();
    const out = new Output(sql);
    const tables = out.streams.map((s) => s.name);
    const deferred = await deferIndexes(sql, tables);
    // The board tallies' row trigger would cost ~10 upserts per COPY row: off, then one rebuild.
    await sql.unsafe(`alter table findings disable trigger board_tally`);
    phase("schema");

    await out.open();
    const loadStart = performance.now();
    await generateRows(options, out, options.progress);
    await out.close();
    const loadMs = performance.now() - loadStart;
    phase("rows and journal");

    await restoreDeferred(sql, deferred, phase);
    await sql.unsafe(`select board_tally_rebuild()`);
    await sql.unsafe(`alter table findings enable trigger board_tally`);
    phase("board tallies");
    await setSequences(sql, tables);
    await sql.unsafe(`analyze ${[...tables, "board_active", "board_months"].map((t) => `"${t}"`).join(", ")}`);
    phase("sequences and analyze");

    const known = new Set<string>(FINDING_KEYS);
    return {
      tables: out.streams.map((s) => ({ name: s.name, rows: s.rows })),
      rows: out.streams.reduce((sum, s) => sum + s.rows, 0),
      loadMs,
      phases,
      totalMs: performance.now() - started,
      lastHash: out.writer.lastHash,
      unknownFindingColumns: Object.keys(getTableColumns(findings)).filter((key) => !known.has(key)),
    };
  } finally {
    await sql.end({ timeout: 5 });
    await database.close();
  }
}
