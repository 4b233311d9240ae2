import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "../client.js";
import { people, units, users } from "../tables/index.js";
import { createApiToken, createUser } from "../../server/auth/auth.service.js";
import type { Role } from "../../server/auth/viewer.js";
import type { Clock } from "../../server/clock.js";
import { internalContext } from "../../server/context.js";
import { CITY_CODE } from "./org.js";

/**
 * Demo logins, one per role, and a wall-screen token. They are demo data with published
 * passwords: `npm start` prints them. A real installation makes its own (token:create, createUser).
 */
export const DEMO_LOGINS: { username: string; password: string; role: Role; unit: string; person: SQL | null; businessLine?: string; what: string }[] = [
  { username: "admin", password: "demo-admin-2026", role: "ADMIN", unit: CITY_CODE, person: null, what: "系统管理员, everything" },
  { username: "supervisor", password: "demo-supervisor-2026", role: "SUPERVISOR", unit: CITY_CODE, person: eq(people.supervisorKind, "CASE_MANAGEMENT"), what: "案管流程监管员, the whole city jurisdiction" },
  { username: "line", password: "demo-line-2026", role: "LINE_SUPERVISOR", unit: CITY_CODE, person: eq(people.supervisorKind, "BUSINESS"), businessLine: "公诉", what: "业务条线监管员, the 公诉 line" },
  { username: "head", password: "demo-head-2026", role: "UNIT_HEAD", unit: `${CITY_CODE}-DC`, person: eq(people.position, "LEADER"), what: "院领导, one basic office" },
  { username: "viewer", password: "demo-viewer-2026", role: "VIEWER", unit: CITY_CODE, person: null, what: "只读, the whole city" },
];

/** Fixed so that every start can print it; only for the demo. */
export const DEMO_DISPLAY_TOKEN = "svd_demo-wall-board-qingchuan-city-0000000000";

/** Creates the demo logins and token; returns how many mutations (journal rows) that took. */
export async function seedDemoLogins(database: Database, clock: Clock): Promise<number> {
  const ctx = internalContext(database.db, clock, "seed");
  const city = await unitId(database, CITY_CODE);
  for (const login of DEMO_LOGINS) {
    const scopeUnitId = await unitId(database, login.unit);
    const [scope] = await database.db.select({ path: units.path }).from(units).where(eq(units.id, scopeUnitId));
    const [person] = login.person
      ? await database.db
          .select({ id: people.id })
          .from(people)
          .innerJoin(units, eq(units.id, people.unitId))
          .where(
            and(
              login.person,
              sql`${units.path} like ${scope!.path + "%"}`,
              login.businessLine ? eq(units.businessLine, login.businessLine) : undefined,
            ),
          )
          .orderBy(people.id)
          .limit(1)
      : [];
    await createUser(ctx, {
      username: login.username,
      password: login.password,
      role: login.role,
      personId: person?.id ?? null,
      scopeUnitId: login.role === "ADMIN" ? null : scopeUnitId,
      businessLine: login.businessLine ?? null,
    });
  }
  await createApiToken(ctx, { name: "曝光台大屏（演示）", kind: "DISPLAY", scopeUnitId: city, expiresInDays: 3650, secret: DEMO_DISPLAY_TOKEN });
  return DEMO_LOGINS.length + 1;
}

/** The lines `npm start` prints when the demo logins exist. */
export async function demoLoginLines(database: Database, origin: string): Promise<string[]> {
  const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, "admin"));
  if (!admin) return [];
  return [
    "Demo logins (demo data — change or remove them for real use):",
    ...DEMO_LOGINS.map((l) => `  ${l.username.padEnd(11)} ${l.password.padEnd(22)} ${l.role.padEnd(16)} ${l.what}`),
    `  wall board (曝光台大屏): ${origin}/board?token=${DEMO_DISPLAY_TOKEN}`,
  ];
}

async function unitId(database: Database, code: string): Promise<number> {
  const [row] = await database.db.select({ id: units.id }).from(units).where(eq(units.code, code));
  if (!row) throw new Error(`demo unit ${code} missing`);
  return row.id;
}
