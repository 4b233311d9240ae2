import { and, eq, gte, lt, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { findings } from "../../db/tables/index.js";
import { shanghaiMonth } from "../clock.js";
import { ACTIVE_STATUSES, flagSql, inWarningSql, overdueSql } from "../findings/flag.js";
import { Flag } from "../findings/finding.enums.js";
import { escapeLike, scopeCondition, type Scope } from "../scope.js";

const count = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

function boardConditions(scope: Scope, underPath: string | undefined): SQL | undefined {
  return and(
    scopeCondition(findings.unitPath, scope),
    underPath !== undefined ? sql`${findings.unitPath} like ${escapeLike(underPath) + "%"}` : undefined,
  );
}

function counters(now: Date) {
  const month = shanghaiMonth(now);
  return {
    open: count(sql`${findings.status} in (${sql.join(ACTIVE_STATUSES.map((s) => sql`${s}`), sql`, `)})`),
    overdue: count(overdueSql(now)),
    inWarning: count(inWarningSql(now)),
    verified: count(eq(findings.status, "VERIFIED")),
    verifiedThisMonth: count(and(eq(findings.status, "VERIFIED"), gte(findings.verifiedAt, month.start), lt(findings.verifiedAt, month.end))!),
    notWithdrawn: count(ne(findings.status, "WITHDRAWN")),
    red: count(flagSql(Flag.RED, now)),
    yellow: count(flagSql(Flag.YELLOW, now)),
    black: count(flagSql(Flag.BLACK, now)),
  };
}

export async function selectBoardTotals(db: Db, scope: Scope, underPath: string | undefined, now: Date) {
  const [row] = await db.select(counters(now)).from(findings).where(boardConditions(scope, underPath));
  return row!;
}

/**
 * Counters per child of `underPath` (or per root when undefined): the child id is the path
 * segment right after the parent's, so one GROUP BY covers every subtree.
 */
export async function selectBoardRows(db: Db, scope: Scope, underPath: string | undefined, now: Date) {
  const segment = (underPath ?? "/").split("/").length;
  const childId = sql<number>`nullif(split_part(${findings.unitPath}, '/', ${sql.raw(String(segment))}), '')::int`;
  return db
    .select({ unitId: childId, ...counters(now) })
    .from(findings)
    .where(and(boardConditions(scope, underPath), sql`${childId} is not null`))
    .groupBy(childId);
}

/** Findings opened and verified per Shanghai month since `since`, in the board's subtree. */
export async function selectBoardTrend(db: Db, scope: Scope, underPath: string | undefined, since: Date) {
  const monthOf = (column: typeof findings.foundAt | typeof findings.verifiedAt) =>
    sql<string>`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const [opened, verified] = await Promise.all([
    db
      .select({ month: monthOf(findings.foundAt), n: sql<number>`count(*)::int` })
      .from(findings)
      .where(and(boardConditions(scope, underPath), gte(findings.foundAt, since), ne(findings.status, "WITHDRAWN")))
      .groupBy(monthOf(findings.foundAt)),
    db
      .select({ month: monthOf(findings.verifiedAt), n: sql<number>`count(*)::int` })
      .from(findings)
      .where(and(boardConditions(scope, underPath), eq(findings.status, "VERIFIED"), gte(findings.verifiedAt, since)))
      .groupBy(monthOf(findings.verifiedAt)),
  ]);
  return { opened, verified };
}
