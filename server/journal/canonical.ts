import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so the same row always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  unitPath: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/**
 * The canonical JSON of a row around its seq: body = prefix + seq + suffix. Keys sort as action,
 * actor, after, at, before, entity, entityId, seq, unitPath, so seq and unitPath come last and the
 * database can hash a row whose seq it assigns at COMMIT (journal_chain, migration 0011).
 */
export function journalHashText(row: Omit<HashedFields, "seq" | "prevHash">): { prefix: string; suffix: string } {
  const head = canonicalJson({
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
  });
  return { prefix: `${head.slice(0, -1)},"seq":`, suffix: `,"unitPath":${JSON.stringify(row.unitPath)}}` };
}

/** hash = sha256(prev_hash ‖ canonical JSON of the row without its hash). */
export function journalHash(row: HashedFields): string {
  const { prefix, suffix } = journalHashText(row);
  return createHash("sha256").update(row.prevHash).update(`${prefix}${row.seq}${suffix}`).digest("hex");
}
