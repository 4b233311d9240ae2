import { resolve } from "node:path";
import type { DatabaseOptions } from "../db/client.js";

export interface Config {
  port: number;
  database: DatabaseOptions;
  /** Seed the demo data on first start (an empty database). */
  seedDemo: boolean;
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
  return { port, database, seedDemo: env.SEED_DEMO !== "false" };
}

export class ConfigError extends Error {}
