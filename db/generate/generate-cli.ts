import "reflect-metadata";
import { DatabaseUnavailableError } from "../client.js";
import { ConfigError, loadConfig } from "../../server/config.js";
import { generateBulk, GenerateRefused, type GenerateReport } from "./generate.js";

const USAGE = "usage: npm run generate -- [--units 5000] [--findings 100000] [--seed 1] [--now 2026-11-23T08:00:00Z] [--reset]";

class UsageError extends Error {}

/** `npm run generate`: fills the PostgreSQL database of DATABASE_URL with a national tree and findings. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  if (config.database.kind !== "postgres") throw new UsageError("DATABASE_URL is not set; the generator fills PostgreSQL only (DATABASE_URL=postgres://…)");
  const where = describeUrl(config.database.url);
  console.log(`Generating ${args.units} units and ${args.findings} findings (seed ${args.seed}, now ${args.now.toISOString()}) into ${where}…`);
  const started = performance.now();
  let printed = started;
  const progress = (month: string, findings: number, journalRows: number) => {
    const now = performance.now();
    if (now - printed < 10_000) return;
    printed = now;
    const secs = (now - started) / 1000;
    console.log(`  ${secs.toFixed(0).padStart(5)} s  ${month}  ${findings.toLocaleString("en-US").padStart(11)} findings  ${journalRows.toLocaleString("en-US").padStart(11)} journal rows`);
  };
  const report = await generateBulk({ url: config.database.url, ...args, progress });
  console.log(describe(report));
}

function parseArgs(argv: string[]) {
  const out = { units: 5000, findings: 100_000, seed: 1, now: new Date(), reset: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value (${USAGE})`);
      return v;
    };
    const integer = (min: number) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min) throw new UsageError(`${arg} must be an integer ≥ ${min}`);
      return n;
    };
    switch (arg) {
      case "--units":
        out.units = integer(100);
        break;
      case "--findings":
        out.findings = integer(0);
        break;
      case "--seed":
        out.seed = integer(0);
        break;
      case "--now": {
        const text = value();
        out.now = new Date(text);
        if (Number.isNaN(out.now.getTime())) throw new UsageError(`--now must be a date-time such as 2026-11-23T08:00:00Z, got "${text}"`);
        break;
      }
      case "--reset":
        out.reset = true;
        break;
      default:
        throw new UsageError(`unknown argument ${arg} (${USAGE})`);
    }
  }
  return out;
}

function describe(r: GenerateReport): string {
  const secs = r.loadMs / 1000;
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [`Done in ${(r.totalMs / 1000).toFixed(1)} s; rows streamed in ${secs.toFixed(1)} s:`];
  for (const t of r.tables) lines.push(`  ${t.name.padEnd(32)}${n(t.rows).padStart(13)} rows ${n(Math.round(t.rows / secs)).padStart(11)} rows/s`);
  lines.push(`  ${"total".padEnd(32)}${n(r.rows).padStart(13)} rows ${n(Math.round(r.rows / secs)).padStart(11)} rows/s`);
  lines.push(`Phases: ${r.phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(", ")}`);
  lines.push(`Journal hash chain ends in ${r.lastHash.slice(0, 16)}… (check it: npm run journal:verify)`);
  if (r.unknownFindingColumns.length > 0) lines.push(`Note: findings columns left to their defaults: ${r.unknownFindingColumns.join(", ")}`);
  return lines.join("\n");
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL ${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

main().catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof ConfigError || error instanceof DatabaseUnavailableError || error instanceof GenerateRefused;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Cannot generate: ${known ? message : message.split("\n")[0]}`);
  if (!known) console.error("The database may now hold part of the data; run again with --reset.");
  process.exit(1);
});
