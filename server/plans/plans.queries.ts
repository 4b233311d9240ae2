import { and, asc, count, eq, inArray, max, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { findings, journal, planFindings, planMilestones, plans } from "../../db/tables/index.js";
import { escapeLike, scopeCondition, type Scope } from "../scope.js";
import type { PlanMilestoneRow, PlanRow } from "./plan.type.js";

export interface PlanWhere {
  underPath?: string;
  status?: PlanRow["status"];
}

function planConditions(scope: Scope, where: PlanWhere): SQL | undefined {
  return and(
    scopeCondition(plans.unitPath, scope),
    where.underPath !== undefined ? sql`${plans.unitPath} like ${escapeLike(where.underPath) + "%"}` : undefined,
    where.status ? eq(plans.status, where.status) : undefined,
  );
}

export function selectPlansPage(db: Db, scope: Scope, where: PlanWhere, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(plans).where(and(planConditions(scope, where), keyset)).orderBy(...orderBy).limit(limit);
}

export async function countPlans(db: Db, scope: Scope, where: PlanWhere): Promise<number> {
  const [row] = await db.select({ n: count() }).from(plans).where(planConditions(scope, where));
  return row?.n ?? 0;
}

export function selectPlansByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<PlanRow[]> {
  return db.select().from(plans).where(and(inArray(plans.id, [...ids]), scopeCondition(plans.unitPath, scope)));
}

/** Locks the plan row for a change; scope is checked by the caller. */
export async function selectPlanForUpdate(tx: Db, id: number): Promise<PlanRow | undefined> {
  const [row] = await tx.select().from(plans).where(eq(plans.id, id)).for("update");
  return row;
}

export async function insertPlan(tx: Db, values: typeof plans.$inferInsert): Promise<PlanRow> {
  const [row] = await tx.insert(plans).values(values).returning();
  return row!;
}

/** Bumps the version (and applies `changes`) of a plan that changed. */
export async function touchPlan(tx: Db, id: number, changes: Partial<typeof plans.$inferInsert>): Promise<PlanRow> {
  const [row] = await tx
    .update(plans)
    .set({ ...changes, version: sql`${plans.version} + 1` })
    .where(eq(plans.id, id))
    .returning();
  return row!;
}

export async function insertPlanFindings(tx: Db, planId: number, findingIds: readonly number[], at: Date): Promise<void> {
  if (findingIds.length === 0) return;
  await tx.insert(planFindings).values(findingIds.map((findingId) => ({ planId, findingId, addedAt: at })));
}

export async function deletePlanFinding(tx: Db, planId: number, findingId: number): Promise<boolean> {
  const rows = await tx
    .delete(planFindings)
    .where(and(eq(planFindings.planId, planId), eq(planFindings.findingId, findingId)))
    .returning({ id: planFindings.id });
  return rows.length > 0;
}

/** Finding ids already in the plan among `findingIds`. */
export async function selectFindingIdsInPlan(tx: Db, planId: number, findingIds: readonly number[]): Promise<number[]> {
  if (findingIds.length === 0) return [];
  const rows = await tx
    .select({ id: planFindings.findingId })
    .from(planFindings)
    .where(and(eq(planFindings.planId, planId), inArray(planFindings.findingId, [...findingIds])));
  return rows.map((r) => r.id);
}

/** The plans' finding ids that lie in `findingScope`, in the order they were added. */
export function selectPlanFindingIds(db: Db, findingScope: Scope, planIds: readonly number[]) {
  return db
    .select({ planId: planFindings.planId, findingId: planFindings.findingId })
    .from(planFindings)
    .innerJoin(findings, eq(findings.id, planFindings.findingId))
    .where(and(inArray(planFindings.planId, [...planIds]), scopeCondition(findings.unitPath, findingScope)))
    .orderBy(asc(planFindings.addedAt), asc(planFindings.id));
}

export function selectMilestonesByPlans(db: Db, planIds: readonly number[]): Promise<PlanMilestoneRow[]> {
  return db
    .select()
    .from(planMilestones)
    .where(inArray(planMilestones.planId, [...planIds]))
    .orderBy(asc(planMilestones.position));
}

export async function selectMilestone(db: Db, id: number): Promise<PlanMilestoneRow | undefined> {
  const [row] = await db.select().from(planMilestones).where(eq(planMilestones.id, id));
  return row;
}

export async function insertMilestones(tx: Db, planId: number, items: { title: string; ownerId: number | null; dueOn: string }[], at: Date): Promise<PlanMilestoneRow[]> {
  if (items.length === 0) return [];
  const [last] = await tx.select({ n: max(planMilestones.position) }).from(planMilestones).where(eq(planMilestones.planId, planId));
  const start = (last?.n ?? 0) + 1;
  return tx
    .insert(planMilestones)
    .values(items.map((m, i) => ({ planId, position: start + i, title: m.title, ownerId: m.ownerId, dueOn: m.dueOn, createdAt: at })))
    .returning();
}

export async function completeMilestoneRow(tx: Db, id: number, at: Date): Promise<PlanMilestoneRow> {
  const [row] = await tx.update(planMilestones).set({ doneAt: at }).where(eq(planMilestones.id, id)).returning();
  return row!;
}

export interface ProgressRow {
  date: string;
  red: number;
  yellow: number;
  black: number;
  withdrawn: number;
  notYetFound: number;
}

/**
 * 挂图: for each day from `from` every `step` (and always `to`), the plan's findings (within
 * `findingScope`) by flag at the end of that Shanghai day. A finding's status and deadline on a day
 * are those of its latest journal image written before the next day began; the flag follows
 * server/findings/flag.ts (RED verified; BLACK active and deadline before the day; YELLOW other
 * active; none when withdrawn). A finding with no journal row yet is "not yet found". One statement.
 */
export async function selectPlanProgress(db: Db, findingScope: Scope, planId: number, from: string, to: string, step: "1 day" | "7 days" | "1 month"): Promise<ProgressRow[]> {
  const progress = sql`(
    with days as (
      select d::date as day from generate_series(${from}::date, ${to}::date, ${step}::interval) d
      union select ${to}::date
    ),
    items as (
      select ${findings.id} as id from ${planFindings}
      join ${findings} on ${findings.id} = ${planFindings.findingId}
      where ${planFindings.planId} = ${planId} and ${scopeCondition(findings.unitPath, findingScope) ?? sql`true`}
    )
    select days.day, items.id as finding_id, s.status, s.deadline
    from days
    left join items on true
    left join lateral (
      select ${journal.after}->>'status' as status, (${journal.after}->>'deadline')::date as deadline
      from ${journal}
      where ${journal.entity} = 'Finding' and ${journal.entityId} = items.id::text
        and ${journal.at} < ((days.day + 1)::timestamp at time zone 'Asia/Shanghai')
      order by ${journal.seq} desc
      limit 1
    ) s on true
  ) as progress`;
  const active = sql`progress.status in ('OPEN', 'RECTIFYING', 'SUBMITTED')`;
  return db
    .select({
      date: sql<string>`to_char(progress.day, 'YYYY-MM-DD')`,
      red: sql<number>`(count(*) filter (where progress.status = 'VERIFIED'))::int`,
      yellow: sql<number>`(count(*) filter (where ${active} and progress.deadline >= progress.day))::int`,
      black: sql<number>`(count(*) filter (where ${active} and progress.deadline < progress.day))::int`,
      withdrawn: sql<number>`(count(*) filter (where progress.status = 'WITHDRAWN'))::int`,
      notYetFound: sql<number>`(count(progress.finding_id) filter (where progress.status is null))::int`,
    })
    .from(progress)
    .groupBy(sql`progress.day`)
    .orderBy(sql`progress.day`);
}
