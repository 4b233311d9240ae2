import "reflect-metadata";
import { parseArgs } from "node:util";
import { DatabaseUnavailableError, openDatabase } from "../../db/client.js";
import { systemClock } from "../clock.js";
import { ConfigError, loadConfig } from "../config.js";
import { internalContext } from "../context.js";
import { selectUnitByCode } from "../units/units.queries.js";
import { createApiToken } from "./auth.service.js";

const USAGE = 'usage: npm run token:create -- --kind display|system --scope <unit code> --name "…" [--write] [--days N]';

/** `npm run token:create`: makes a display or system token and prints its secret once. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      kind: { type: "string" },
      scope: { type: "string" },
      name: { type: "string" },
      write: { type: "boolean", default: false },
      days: { type: "string" },
    },
  });
  const kind = values.kind?.toUpperCase();
  if ((kind !== "DISPLAY" && kind !== "SYSTEM") || !values.scope || !values.name) {
    console.error(USAGE);
    return 2;
  }
  const database = await openDatabase(loadConfig().database);
  try {
    await database.migrate();
    const unit = await selectUnitByCode(database.db, values.scope);
    if (!unit) {
      console.error(`no unit with code "${values.scope}"`);
      return 1;
    }
    const { token, secret } = await createApiToken(internalContext(database.db, systemClock, "token-cli"), {
      name: values.name,
      kind,
      scopeUnitId: unit.id,
      canWrite: values.write,
      expiresInDays: values.days ? Number(values.days) : undefined,
    });
    console.log(`${kind.toLowerCase()} token "${token.name}" for ${unit.name} (${unit.code}), expires ${token.expiresAt.toISOString()}`);
    console.log(secret);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DatabaseUnavailableError || (error as { extensions?: unknown }).extensions;
    console.error(`token:create failed: ${known || error instanceof Error ? (error as Error).message : String(error)}`);
    process.exit(1);
  },
);
