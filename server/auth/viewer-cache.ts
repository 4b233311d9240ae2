import { createHash } from "node:crypto";
import type { Db } from "../../db/client.js";
import type { JournalRow } from "../journal/journal.queries.js";
import { resolveViewer } from "./auth.service.js";
import type { Viewer } from "./viewer.js";

/** Journal entities whose change can end or alter a credential: any of them empties the cache. */
const AUTH_ENTITIES = new Set(["Session", "ApiToken", "User", "Unit"]);

/**
 * Resolved viewers by credential for a few seconds, so a request does not pay a session or token
 * lookup. Sign-out, token revocation and user or unit changes go through the journal; every node
 * reads it (LiveHub) and empties its cache on such a row, so they take effect on the next request.
 * A credential ended behind the API's back (SQL) or expiring by time ends within `ttlMs`.
 * Failed credentials are not cached.
 */
export class ViewerCache {
  private readonly entries = new Map<string, { viewer: Viewer; until: number }>();
  private readonly pending = new Map<string, Promise<Viewer>>();
  private generation = 0;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 50_000,
  ) {}

  async resolve(db: Db, credentials: { session?: string; bearer?: string }, now: Date): Promise<Viewer> {
    if (this.ttlMs <= 0 || (!credentials.session && !credentials.bearer)) return resolveViewer(db, credentials, now);
    const key = createHash("sha256").update(`${credentials.session ?? ""}\u0000${credentials.bearer ?? ""}`).digest("base64");
    const hit = this.entries.get(key);
    if (hit && hit.until > now.getTime()) return hit.viewer;
    // One lookup per credential at a time: thousands of sockets on one wall-screen token that
    // re-check together cost one query, not one each.
    const pending = this.pending.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const lookup = resolveViewer(db, credentials, now)
      .then((viewer) => {
        this.entries.delete(key);
        // A clear() while the lookup ran (a credential ended) must not be undone by its answer.
        if (viewer.kind !== "ANONYMOUS" && generation === this.generation) {
          // Map order is insertion order: the first key is the oldest entry.
          if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(key, { viewer, until: now.getTime() + this.ttlMs });
        }
        return viewer;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, lookup);
    return lookup;
  }

  /** For LiveHub: drops every entry when a journal row touches sessions, tokens, users or units. */
  onJournalRow = (row: Pick<JournalRow, "entity" | "action">): void => {
    if (AUTH_ENTITIES.has(row.entity) || row.action === "logout") this.clear();
  };

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.pending.clear();
  }
}
