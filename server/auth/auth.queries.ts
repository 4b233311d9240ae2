import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { apiTokens, loginThrottle, sessions, units, users } from "../../db/tables/index.js";

export type UserRow = typeof users.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function selectUserByName(db: Db, username: string) {
  const [row] = await db
    .select({ user: users, scopePath: units.path })
    .from(users)
    .leftJoin(units, eq(units.id, users.scopeUnitId))
    .where(eq(users.username, username));
  return row;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

/** Locks the throttle row of a username (creating it), so concurrent guesses count one by one. */
export async function lockThrottle(tx: Db, username: string) {
  await tx.insert(loginThrottle).values({ username }).onConflictDoNothing();
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.username, username)).for("update");
  return row!;
}

export async function setThrottle(tx: Db, username: string, values: Partial<typeof loginThrottle.$inferInsert>): Promise<void> {
  await tx.update(loginThrottle).set(values).where(eq(loginThrottle.username, username));
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  return row!;
}

/** A live session by its token hash, with what the viewer needs (user or display token). */
export async function selectLiveSession(db: Db, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users, userScopePath: units.path })
    .from(sessions)
    .leftJoin(users, eq(users.id, sessions.userId))
    .leftJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return row;
}

export async function touchSession(db: Db, id: number, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function revokeSession(db: Db, id: number, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, id));
}

export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function selectApiTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, scopePath: units.path })
    .from(apiTokens)
    .innerJoin(units, eq(units.id, apiTokens.scopeUnitId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

export async function selectApiTokenById(db: Db, id: number) {
  const [row] = await db
    .select({ token: apiTokens, scopePath: units.path })
    .from(apiTokens)
    .innerJoin(units, eq(units.id, apiTokens.scopeUnitId))
    .where(eq(apiTokens.id, id));
  return row;
}

/** Records use at most once a minute per token, so a busy token does not write on every request. */
export async function touchApiToken(db: Db, id: number, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000)))));
}

export async function revokeApiTokenRow(db: Db, id: number, now: Date): Promise<ApiTokenRow | undefined> {
  const [row] = await db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning();
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.apiTokenId, id), isNull(sessions.revokedAt)));
  return row;
}

export async function selectApiTokens(db: Db) {
  return db.select().from(apiTokens).orderBy(apiTokens.id);
}
