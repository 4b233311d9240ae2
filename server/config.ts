import { resolve } from "node:path";
import type { DatabaseOptions } from "../db/client.js";

export interface Config {
  port: number;
  database: DatabaseOptions;
  /** Seed the demo data on first start (an empty database). */
  seedDemo: boolean;
  /** Serve GET /metrics (METRICS=on). */
  metrics: boolean;
  /**
   * JOURNAL_NOTIFY=off skips pg_notify after journal appends: live events then arrive only when a
   * node reconnects. For the benchmark that prices NOTIFY; never in production.
   */
  journalNotify: boolean;
}

/** The only reader of process.env; fails with one clear line on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const url = env.DATABASE_URL?.trim();
  let database: DatabaseOptions;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql://");
    if (!URL.canParse(url)) throw new ConfigError("DATABASE_URL is not a valid postgres:// URL");
    database = { kind: "postgres", url };
  } else {
    database = { kind: "pglite", dataDir: resolve(env.DATA_DIR ?? "data") };
  }
  return { port, database, seedDemo: env.SEED_DEMO !== "false", metrics: onOff(env, "METRICS", false), journalNotify: onOff(env, "JOURNAL_NOTIFY", true) };
}

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === "") return fallback;
  if (["on", "true", "1"].includes(value)) return true;
  if (["off", "false", "0"].includes(value)) return false;
  throw new ConfigError(`${name} must be on or off, got "${env[name]}"`);
}

export class ConfigError extends Error {}
