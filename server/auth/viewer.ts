import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { units } from "../../db/tables/index.js";
import { ALL, escapeLike, type Scope } from "../scope.js";
import type { Actor } from "../journal/journal.service.js";

export type Role = "ADMIN" | "SUPERVISOR" | "LINE_SUPERVISOR" | "UNIT_HEAD" | "VIEWER";

/** Who is asking. Every request and WebSocket connection has exactly one. */
export type Viewer =
  | { kind: "ANONYMOUS" }
  /** The server's own tools (seed, CLIs): every permission, whole tree. Never from a request. */
  | { kind: "INTERNAL"; label: string }
  | {
      kind: "USER";
      userId: number;
      username: string;
      personId: number | null;
      role: Role;
      /** Null for ADMIN, who sees everything. */
      scopeUnitId: number | null;
      scopePath: string;
      businessLine: string | null;
      sessionId: number | null;
    }
  | {
      kind: "TOKEN";
      tokenId: number;
      name: string;
      tokenKind: "DISPLAY" | "SYSTEM";
      canWrite: boolean;
      scopeUnitId: number;
      scopePath: string;
      expiresAt: Date;
      sessionId: number | null;
    };

export const ANONYMOUS: Viewer = { kind: "ANONYMOUS" };

export function actorOf(viewer: Viewer): Actor {
  switch (viewer.kind) {
    case "ANONYMOUS":
      return { label: "anonymous", personId: null };
    case "INTERNAL":
      return { label: `system:${viewer.label}`, personId: null };
    case "USER":
      return { label: `user:${viewer.username}`, personId: viewer.personId };
    case "TOKEN":
      return { label: `token:${viewer.tokenId}:${viewer.name}`, personId: null };
    default: {
      const never: never = viewer;
      throw new Error(`unknown viewer ${JSON.stringify(never)}`);
    }
  }
}

/**
 * THE scope function: the set of units (as materialised-path subtrees) a viewer may see.
 * ADMIN sees everything; a LINE_SUPERVISOR sees the departments of their business line inside
 * their office's subtree; everyone else the subtree of their scope unit. Anonymous sees nothing.
 */
export async function scopeOf(db: Db, viewer: Viewer): Promise<Scope> {
  if (viewer.kind === "ANONYMOUS") return { kind: "SUBTREES", paths: [] };
  if (viewer.kind === "INTERNAL") return ALL;
  if (viewer.kind === "USER" && viewer.role === "ADMIN") return ALL;
  if (viewer.kind === "USER" && viewer.role === "LINE_SUPERVISOR") {
    if (!viewer.businessLine) return { kind: "SUBTREES", paths: [] };
    const rows = await db
      .select({ path: units.path })
      .from(units)
      .where(and(sql`${units.path} like ${escapeLike(viewer.scopePath) + "%"}`, eq(units.businessLine, viewer.businessLine)));
    return { kind: "SUBTREES", paths: minimalPaths(rows.map((r) => r.path)) };
  }
  return { kind: "SUBTREES", paths: [viewer.scopePath] };
}

/** Drops paths already covered by a shorter one, so each unit matches once. */
function minimalPaths(paths: string[]): string[] {
  const sorted = [...paths].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept.sort();
}
