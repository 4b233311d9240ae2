import { boolean, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { people } from "./people.js";
import { units } from "./units.js";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const userRole = pgEnum("user_role", ["ADMIN", "SUPERVISOR", "LINE_SUPERVISOR", "UNIT_HEAD", "VIEWER"]);
export const tokenKind = pgEnum("token_kind", ["DISPLAY", "SYSTEM"]);

/** 用户 login identities; only an argon2id hash of the password is stored. */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    username: text("username").notNull(),
    passwordHash: text("password_hash").notNull(),
    personId: integer("person_id").references(() => people.id),
    role: userRole("role").notNull(),
    /** The unit whose subtree the user sees (their office for supervisors, their unit for heads); unused for ADMIN. */
    scopeUnitId: integer("scope_unit_id").references(() => units.id),
    /** For LINE_SUPERVISOR: the business line (业务条线) they supervise. */
    businessLine: text("business_line"),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [uniqueIndex("users_username_key").on(t.username)],
);

/** Browser sessions; the cookie holds a random token, the table only its sha256. */
export const sessions = pgTable(
  "sessions",
  {
    id: serial("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: integer("user_id").references(() => users.id),
    /** Set for a wall-screen session exchanged from a display token. */
    apiTokenId: integer("api_token_id"),
    createdAt: tstz("created_at").notNull(),
    lastSeenAt: tstz("last_seen_at").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [uniqueIndex("sessions_token_hash_key").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

/** Display and system tokens: shown once, stored as sha256, revocable, with expiry and last use. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    kind: tokenKind("kind").notNull(),
    tokenHash: text("token_hash").notNull(),
    scopeUnitId: integer("scope_unit_id").notNull().references(() => units.id),
    canWrite: boolean("can_write").notNull().default(false),
    createdById: integer("created_by").references(() => users.id),
    createdAt: tstz("created_at").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    lastUsedAt: tstz("last_used_at"),
    revokedAt: tstz("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash)],
);

/** Failed logins per username (known or not, so the throttle does not reveal which exist). */
export const loginThrottle = pgTable("login_throttle", {
  username: text("username").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: tstz("last_failure_at"),
  lockedUntil: tstz("locked_until"),
});
