
import type { Db } from "../../db/client.js";
import type { Context } from "../context.js";
import { AppError, badInput, notFound } from "../errors.js";
import { appendJournal } from "../journal/journal.service.js";
import { parseId } from "../relay/global-id.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import { selectPersonUnscoped } from "../people/people.queries.js";
import {
  insertApiToken,
  insertSession,
  insertUser,
  lockThrottle,
  revokeApiTokenRow,
  revokeSession,
  selectApiTokenByHash,
  selectApiTokenById,
  selectLiveSession,
  selectUserByName,
  setThrottle,
  touchApiToken,
  touchSession,
  type ApiTokenRow,
  type UserRow,
} from "./auth.queries.js";
import { requirePermission } from "./permissions.js";
import { dummyPasswordHash, hashPassword, newSecret, secretHash, verifyPassword } from "./secrets.js";
import { ANONYMOUS, type Role, type Viewer } from "./viewer.js";

export const SESSION_COOKIE = "sv_session";
/** A session ends after this long without a request (idle) or this long after sign-in (absolute). */
export const SESSION_IDLE_MS = 2 * 3600_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
/** Display sessions (wall screens) live as long as their token. */
const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;
const GENERIC_FAILURE = "wrong username or password";

/**
 * Sessions, tokens and the throttle run on wall-clock time, not the business clock (ctx.clock),
 * which tests and the demo seed move around freely; journal times still come from ctx.clock.
 */
const wallClock = () => new Date();

/** What login/logout need from the HTTP layer. */
export interface CookieJar {
  set(name: string, value: string, maxAgeMs: number): void;
  clear(name: string): void;
}

/**
 * Signs in: a per-username throttle (row-locked, so aliased or concurrent guesses count one by
 * one) allows MAX_FAILURES failures, then answers RATE_LIMITED for LOCK_MS. One generic message
 * for every failure; unknown names cost the same argon2 verification as known ones.
 */
export async function login(ctx: Context, username: string, password: string, cookies: CookieJar | undefined): Promise<UserRow> {
  const name = username.trim();
  const now = wallClock();
  const outcome = await ctx.db.transaction(async (tx) => {
    const throttle = await lockThrottle(tx, name);
    if (throttle.lockedUntil && throttle.lockedUntil > now) return { kind: "locked" as const, until: throttle.lockedUntil };
    const found = await selectUserByName(tx, name);
    const valid = found && !found.user.disabled ? await verifyPassword(found.user.passwordHash, password) : await verifyPassword(await dummyPasswordHash(), password).then(() => false);
    if (!valid || !found) {
      const failures = throttle.failures + 1;
      const locked = failures >= MAX_FAILURES;
      await setThrottle(tx, name, { failures: locked ? 0 : failures, lastFailureAt: now, lockedUntil: locked ? new Date(now.getTime() + LOCK_MS) : null });
      return { kind: "failed" as const };
    }
    await setThrottle(tx, name, { failures: 0, lockedUntil: null });
    const secret = newSecret("session");
    const session = await insertSession(tx, {
      tokenHash: secretHash(secret),
      userId: found.user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    });
    await appendJournal(tx, { label: `user:${found.user.username}`, personId: found.user.personId }, ctx.clock.now(), {
      action: "login",
      entity: "Session",
      entityId: session.id,
      unitPath: null,
      before: null,
      after: { userId: found.user.id, expiresAt: session.expiresAt },
    });
    return { kind: "ok" as const, user: found.user, secret };
  });
  if (outcome.kind === "locked") throw new AppError("RATE_LIMITED", "too many failed sign-ins; try again later", { retryAfter: outcome.until.toISOString() });
  if (outcome.kind === "failed") throw new AppError("UNAUTHENTICATED", GENERIC_FAILURE);
  cookies?.set(SESSION_COOKIE, outcome.secret, SESSION_ABSOLUTE_MS);
  return outcome.user;
}

export async function logout(ctx: Context, cookies: CookieJar | undefined): Promise<boolean> {
  cookies?.clear(SESSION_COOKIE);
  const sessionId = ctx.viewer.kind === "USER" || ctx.viewer.kind === "TOKEN" ? ctx.viewer.sessionId : null;
  if (sessionId === null) return false;
  const now = wallClock();
  await ctx.db.transaction(async (tx) => {
    await revokeSession(tx, sessionId, now);
    await appendJournal(tx, ctx.actor, ctx.clock.now(), { action: "logout", entity: "Session", entityId: sessionId, unitPath: null, before: null, after: { revokedAt: now } });
  });
  return true;
}

/** Exchanges a display token for an httpOnly session, so the wall screen's URL holds no secret. */
export async function startDisplaySession(ctx: Context, token: string, cookies: CookieJar | undefined): Promise<boolean> {
  const now = wallClock();
  const found = await selectApiTokenByHash(ctx.db, secretHash(token));
  if (!found || found.token.kind !== "DISPLAY" || !tokenLive(found.token, now)) throw new AppError("UNAUTHENTICATED", "this display token is not valid");
  const secret = newSecret("session");
  await ctx.db.transaction(async (tx) => {
    const session = await insertSession(tx, {
      tokenHash: secretHash(secret),
      apiTokenId: found.token.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: found.token.expiresAt,
    });
    await appendJournal(tx, { label: `token:${found.token.id}:${found.token.name}`, personId: null }, ctx.clock.now(), {
      action: "startDisplaySession",
      entity: "Session",
      entityId: session.id,
      unitPath: null,
      before: null,
      after: { apiTokenId: found.token.id, expiresAt: session.expiresAt },
    });
  });
  cookies?.set(SESSION_COOKIE, secret, found.token.expiresAt.getTime() - now.getTime());
  return true;
}

const tokenLive = (t: ApiTokenRow, now: Date) => t.revokedAt === null && t.expiresAt > now;

function tokenViewer(token: ApiTokenRow, scopePath: string, sessionId: number | null): Viewer {
  return {
    kind: "TOKEN",
    tokenId: token.id,
    name: token.name,
    tokenKind: token.kind,
    canWrite: token.canWrite,
    scopeUnitId: token.scopeUnitId,
    scopePath,
    expiresAt: token.expiresAt,
    sessionId,
  };
}

/** Who a request is: the session cookie, else a bearer token, else anonymous. Invalid credentials read as anonymous. */
export async function resolveViewer(db: Db, credentials: { session?: string; bearer?: string }, now: Date): Promise<Viewer> {
  if (credentials.session) {
    const found = await selectLiveSession(db, secretHash(credentials.session), now);
    if (found && found.session.lastSeenAt.getTime() + SESSION_IDLE_MS > now.getTime()) {
      if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) await touchSession(db, found.session.id, now);
      if (found.user && !found.user.disabled) return userViewer(found.user, found.userScopePath, found.session.id);
      if (found.session.apiTokenId !== null) {
        const token = await selectApiTokenById(db, found.session.apiTokenId);
        if (token && tokenLive(token.token, now)) return tokenViewer(token.token, token.scopePath, found.session.id);
      }
    } else if (found) {
      await revokeSession(db, found.session.id, now);
    }
  }
  if (credentials.bearer) {
    const found = await selectApiTokenByHash(db, secretHash(credentials.bearer));
    if (found && tokenLive(found.token, now)) {
      await touchApiToken(db, found.token.id, now);
      return tokenViewer(found.token, found.scopePath, null);
    }
  }
  return ANONYMOUS;
}

export function userViewer(user: UserRow, scopePath: string | null, sessionId: number | null): Viewer {
  return {
    kind: "USER",
    userId: user.id,
    username: user.username,
    personId: user.personId,
    role: user.role,
    scopeUnitId: user.scopeUnitId,
    scopePath: user.role === "ADMIN" ? "/" : (scopePath ?? "/__none__/"),
    businessLine: user.businessLine,
    sessionId,
  };
}

export interface CreateUserValues {
  username: string;
  password: string;
  role: Role;
  personId?: number | null;
  scopeUnitId?: number | null;
  businessLine?: string | null;
}

/** Adds a login (ADMIN only); the password is stored as argon2id. */
export async function createUser(ctx: Context, values: CreateUserValues): Promise<UserRow> {
  requirePermission(ctx.viewer, "administer");
  if (!/^[A-Za-z0-9_.-]{2,40}$/.test(values.username)) throw badInput("username", "use 2–40 letters, digits, '.', '_' or '-'");
  if (values.password.length < 10) throw badInput("password", "use at least 10 characters");
  if (values.role !== "ADMIN" && values.scopeUnitId == null) throw badInput("scopeUnit", "every role but ADMIN needs a scope unit");
  if (values.role === "LINE_SUPERVISOR" && !values.businessLine) throw badInput("businessLine", "a line supervisor needs a business line");
  const passwordHash = await hashPassword(values.password);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const unit = values.scopeUnitId == null ? undefined : await selectUnitUnscoped(tx, values.scopeUnitId);
    if (values.scopeUnitId != null && !unit) throw notFound("Unit", String(values.scopeUnitId));
    if (values.personId != null && !(await selectPersonUnscoped(tx, values.personId))) throw notFound("Person", String(values.personId));
    if (await selectUserByName(tx, values.username)) throw badInput("username", "this username is taken");
    const user = await insertUser(tx, {
      username: values.username,
      passwordHash,
      role: values.role,
      personId: values.personId ?? null,
      scopeUnitId: values.scopeUnitId ?? null,
      businessLine: values.businessLine ?? null,
      createdAt: now,
    });
    const { passwordHash: _hidden, ...visible } = user;
    await appendJournal(tx, ctx.actor, now, { action: "createUser", entity: "User", entityId: user.id, unitPath: unit?.path ?? null, before: null, after: visible });
    return user;
  });
}

export interface CreateTokenValues {
  name: string;
  kind: "DISPLAY" | "SYSTEM";
  scopeUnitId: number;
  canWrite?: boolean;
  expiresInDays?: number;
  /** Internal only (the demo seed's fixed wall-screen token); otherwise a random secret is made. */
  secret?: string;
}

/** Makes a display or system token; the secret is returned once and stored only as its hash. */
export async function createApiToken(ctx: Context, values: CreateTokenValues): Promise<{ token: ApiTokenRow; secret: string }> {
  requirePermission(ctx.viewer, "administer");
  const name = values.name.trim();
  if (!name || name.length > 100) throw badInput("name", "give a name of 1–100 characters");
  if (values.kind === "DISPLAY" && values.canWrite) throw badInput("canWrite", "a display token is read-only");
  const days = values.expiresInDays ?? 365;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw badInput("expiresInDays", "between 1 and 3650 days");
  const now = wallClock();
  const secret = values.secret ?? newSecret(values.kind === "DISPLAY" ? "display" : "system");
  const token = await ctx.db.transaction(async (tx) => {
    const unit = await selectUnitUnscoped(tx, values.scopeUnitId);
    if (!unit) throw notFound("Unit", String(values.scopeUnitId));
    const row = await insertApiToken(tx, {
      name,
      kind: values.kind,
      tokenHash: secretHash(secret),
      scopeUnitId: unit.id,
      canWrite: values.canWrite ?? false,
      createdById: ctx.viewer.kind === "USER" ? ctx.viewer.userId : null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + days * 86_400_000),
    });
    const { tokenHash: _hidden, ...visible } = row;
    await appendJournal(tx, ctx.actor, ctx.clock.now(), { action: "createApiToken", entity: "ApiToken", entityId: row.id, unitPath: unit.path, before: null, after: visible });
    return row;
  });
  return { token, secret };
}

export async function revokeApiToken(ctx: Context, globalId: string): Promise<ApiTokenRow> {
  requirePermission(ctx.viewer, "administer");
  const id = parseId("id", globalId, "ApiToken");
  const now = wallClock();
  return ctx.db.transaction(async (tx) => {
    const row = await revokeApiTokenRow(tx, id, now);
    if (!row) throw notFound("ApiToken", globalId);
    const { tokenHash: _hidden, ...visible } = row;
    await appendJournal(tx, ctx.actor, ctx.clock.now(), { action: "revokeApiToken", entity: "ApiToken", entityId: id, unitPath: null, before: null, after: visible });
    return row;
  });
}

