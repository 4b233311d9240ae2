import { createHash, type Hash } from "node:crypto";
import type { journal } from "../tables/index.js";
import { GENESIS_HASH } from "../../server/journal/canonical.js";
import type { CopyStream } from "./copy.js";

/**
 * canonicalJson (server/journal/canonical.ts) for plain JSON values, with each object shape's key
 * order sorted once: the same text, several times faster on millions of rows of the same shapes.
 */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
    case "boolean":
      return String(value);
    default:
      break;
  }
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonical(v))).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const shape = keys.join("\u0000");
  let sorted = SHAPES.get(shape);
  if (!sorted) {
    sorted = { keys: [...keys].sort(), quoted: [] };
    sorted.quoted = sorted.keys.map((k) => JSON.stringify(k) + ":");
    SHAPES.set(shape, sorted);
  }
  let out = "{";
  let first = true;
  for (let i = 0; i < sorted.keys.length; i++) {
    const v = record[sorted.keys[i]!];
    if (v === undefined) continue;
    out += (first ? "" : ",") + sorted.quoted[i] + canonical(v);
    first = false;
  }
  return out + "}";
}

const SHAPES = new Map<string, { keys: string[]; quoted: string[] }>();

/**
 * Fixed UTF-8 bytes with text cut in: bytes[0, cuts[0]) values[0] bytes[cuts[0], cuts[1]) values[1]
 * … bytes[cuts[n-1], end). A finding's fixed columns are encoded once into `bytes`; each step
 * renders only the values that change.
 */
export interface Spliced {
  bytes: Buffer;
  cuts: readonly number[];
  values: readonly string[];
}

/**
 * A canonical JSON text, as a string or spliced (see Spliced). The journal writes it into the
 * COPY buffer, where the fixed bytes are copied rather than encoded again, and hashes the bytes
 * written there.
 */
export class Json {
  private joined: string | undefined;
  constructor(readonly value: string | Spliced) {}

  get text(): string {
    const value = this.value;
    if (typeof value === "string") return value;
    if (this.joined === undefined) {
      let text = "";
      let at = 0;
      for (let i = 0; i < value.cuts.length; i++) {
        text += value.bytes.toString("utf8", at, value.cuts[i]) + value.values[i];
        at = value.cuts[i]!;
      }
      this.joined = text + value.bytes.toString("utf8", at);
    }
    return this.joined;
  }
}

/** The generator writes every change as the server's own tool. */
export const GENERATOR_ACTOR = "system:generate";
const ACTOR_JSON = JSON.stringify(GENERATOR_ACTOR);

/**
 * Appends journal rows in seq order and chains their hashes exactly as appendJournal does
 * (hash = sha256(prev_hash ‖ canonical row)), so `npm run journal:verify` accepts the result.
 */
export class JournalWriter {
  seq = 0;
  lastHash = GENESIS_HASH;
  private lastAt = -Infinity;

  constructor(private readonly copy: CopyStream<typeof journal>) {}

  append(at: number, action: string, entity: string, entityId: number, unitPath: string | null, before: Json | null, after: Json | null): void {
    if (at < this.lastAt) throw new Error(`generate: journal out of time order at ${new Date(at).toISOString()} (${action})`);
    this.lastAt = at;
    const seq = ++this.seq;
    const iso = new Date(at).toISOString();
    const id = String(entityId);
    // The row goes into the COPY buffer first; the hash then reads the JSON values from there,
    // as bytes, instead of encoding the same text a second time. The canonical row, keys sorted:
    // action, actor, after, at, before, entity, entityId, seq, unitPath.
    this.copy.openRow([seq, iso, GENERATOR_ACTOR, action, entity, id, unitPath, before, after]);
    const hash = createHash("sha256").update(`${this.lastHash}{"action":${JSON.stringify(action)},"actor":${ACTOR_JSON},"after":`);
    this.hashJson(hash, after, AFTER);
    hash.update(`,"at":"${iso}","before":`);
    this.hashJson(hash, before, BEFORE);
    hash.update(`,"entity":${JSON.stringify(entity)},"entityId":"${id}","seq":${seq},"unitPath":${unitPath === null ? "null" : JSON.stringify(unitPath)}}`);
    const digest = hash.digest("hex");
    this.copy.closeRow([this.lastHash, digest]);
    this.lastHash = digest;
  }

  private hashJson(hash: Hash, json: Json | null, index: number): void {
    if (json === null) hash.update("null");
    else hash.update(this.copy.jsonBytes(index) ?? json.text);
  }
}

export const JOURNAL_COLUMNS = ["seq", "at", "actor", "action", "entity", "entityId", "unitPath", "before", "after", "prevHash", "hash"] as const;
const BEFORE = JOURNAL_COLUMNS.indexOf("before");
const AFTER = JOURNAL_COLUMNS.indexOf("after");
