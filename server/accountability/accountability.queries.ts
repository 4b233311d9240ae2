import { and, eq, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { accountabilityActionFindings, accountabilityActions, findings } from "../../db/tables/index.js";
import { ACTIVE_STATUSES, overdueSql } from "../findings/flag.js";
import { escapeLike, scopeCondition, type Scope } from "../scope.js";
import type { AccountabilityActionRow } from "./accountability.type.js";

export interface ActionWhere {
  underPath?: string;
  kind?: AccountabilityActionRow["kind"][];
  personId?: number;
  findingId?: number;
  decidedFrom?: string;
  decidedTo?: string;
}

function actionConditions(scope: Scope, where: ActionWhere): SQL | undefined {
  const t = accountabilityActions;
  return and(
    scopeCondition(t.unitPath, scope),
    where.underPath !== undefined ? sql`${t.unitPath} like ${escapeLike(where.underPath) + "%"}` : undefined,
    where.kind?.length ? inArray(t.kind, where.kind) : undefined,
    where.personId !== undefined ? eq(t.targetPersonId, where.personId) : undefined,
    where.findingId !== undefined
      ? sql`exists (select 1 from ${accountabilityActionFindings} l where l.action_id = ${t.id} and l.finding_id = ${where.findingId})`
      : undefined,
    where.decidedFrom ? gte(t.decidedOn, where.decidedFrom) : undefined,
    where.decidedTo ? lte(t.decidedOn, where.decidedTo) : undefined,
  );
}

export function selectActionsPage(db: Db, scope: Scope, where: ActionWhere, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(accountabilityActions).where(and(actionConditions(scope, where), keyset)).orderBy(...orderBy).limit(limit);
}

export async function countActions(db: Db, scope: Scope, where: ActionWhere): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(accountabilityActions).where(actionConditions(scope, where));
  return row?.n ?? 0;
}

export function selectActionsByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<AccountabilityActionRow[]> {
  const t = accountabilityActions;
  return db.select().from(t).where(and(inArray(t.id, [...ids]), scopeCondition(t.unitPath, scope)));
}

export function selectFindingIdsByActions(db: Db, actionIds: readonly number[]) {
  const l = accountabilityActionFindings;
  return db.select().from(l).where(inArray(l.actionId, [...actionIds])).orderBy(l.findingId);
}

export async function insertAction(tx: Db, values: typeof accountabilityActions.$inferInsert, findingIds: number[]): Promise<AccountabilityActionRow> {
  const [row] = await tx.insert(accountabilityActions).values(values).returning();
  await tx.insert(accountabilityActionFindings).values(findingIds.map((findingId) => ({ actionId: row!.id, findingId })));
  return row!;
}

/** Findings the viewer may see in the asked subtree (none withdrawn); `unitPath` is the findings column or an alias's. */
function visibleFindings(unitPath: PgColumn, status: PgColumn, scope: Scope, underPath: string | undefined): SQL | undefined {
  return and(
    scopeCondition(unitPath, scope),
    underPath !== undefined ? sql`${unitPath} like ${escapeLike(underPath) + "%"}` : undefined,
    ne(status, "WITHDRAWN"),
  );
}

/**
 * 问责建议 candidates: every visible finding still not in place (OPEN / RECTIFYING / SUBMITTED)
 * with at least one reason — overdue, rejected at least once, or repeating an earlier visible
 * finding of the same handler (person) or the same unit: same category found within the 12
 * months before it (Shanghai calendar), or linked by repeat_of. One statement for the whole scope.
 */
export function selectRecommendationFindings(db: Db, scope: Scope, underPath: string | undefined, now: Date) {
  const e = alias(findings, "e");
  const repeated = (sameTarget: SQL) => {
    const earlier = db
      .select({ ids: sql`array_agg(${e.id} order by ${e.id})` })
      .from(e)
      .where(
        and(
          visibleFindings(e.unitPath, e.status, scope, underPath),
          sameTarget,
          or(
            and(
              eq(e.category, findings.category),
              sql`(${e.foundAt}, ${e.id}) < (${findings.foundAt}, ${findings.id})`,
              sql`(${e.foundAt} at time zone 'Asia/Shanghai') >= (${findings.foundAt} at time zone 'Asia/Shanghai') - interval '12 months'`,
            ),
            eq(findings.repeatOfId, e.id),
          ),
        ),
      );
    return sql<number[]>`coalesce((${earlier}), '{}')`;
  };
  const candidates = db
    .select({
      id: findings.id,
      handlerId: findings.handlerId,
      unitId: findings.unitId,
      overdue: sql<boolean>`${overdueSql(now)}`.as("overdue"),
      // rejection_reason is set by every rejectRectification and never cleared, so "not null" is
      // exactly "rejected at least once" (the journal holds the same fact, one row per rejection).
      rejected: sql<boolean>`${findings.rejectionReason} is not null`.as("rejected"),
      personRepeats: repeated(eq(e.handlerId, findings.handlerId)).as("person_repeats"),
      unitRepeats: repeated(eq(e.unitId, findings.unitId)).as("unit_repeats"),
    })
    .from(findings)
    .where(and(visibleFindings(findings.unitPath, findings.status, scope, underPath), inArray(findings.status, [...ACTIVE_STATUSES])))
    .as("candidates");
  return db
    .select()
    .from(candidates)
    .where(
      sql`${candidates.overdue} or ${candidates.rejected} or cardinality(${candidates.personRepeats}) > 0 or cardinality(${candidates.unitRepeats}) > 0`,
    )
    .orderBy(candidates.id);
}

/**
 * The highest rung (enum order TALK < ADMONISHMENT < BULLETIN_CRITICISM) recorded against each of
 * these people and units, per linked finding among `findingIds`.
 */
export function selectReceivedRungs(db: Db, scope: Scope, findingIds: number[], personIds: number[], unitIds: number[]) {
  const a = accountabilityActions;
  const l = accountabilityActionFindings;
  return db
    .select({ personId: a.targetPersonId, unitId: a.targetUnitId, findingId: l.findingId, kind: sql<AccountabilityActionRow["kind"]>`max(${a.kind})` })
    .from(a)
    .innerJoin(l, eq(l.actionId, a.id))
    .where(
      and(
        inArray(l.findingId, findingIds),
        scopeCondition(a.unitPath, scope),
        or(personIds.length ? inArray(a.targetPersonId, personIds) : undefined, unitIds.length ? inArray(a.targetUnitId, unitIds) : undefined),
      ),
    )
    .groupBy(a.targetPersonId, a.targetUnitId, l.findingId);
}
