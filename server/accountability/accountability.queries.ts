import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { accountabilityActionFindings, accountabilityActions } from "../../db/tables/index.js";
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
