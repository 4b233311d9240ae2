import { and, asc, eq, gte, inArray, lte, not, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { findings, supervisionFeedback, supervisionItems, supervisionNotices } from "../../db/tables/index.js";
import type { FindingRow } from "../findings/finding.type.js";
import { escapeLike, scopeCondition, type Scope } from "../scope.js";
import { supervisionInWarningSql, supervisionOverdueSql } from "./supervision.derive.js";
import type { SupervisionFeedbackRow, SupervisionItemRow, SupervisionNoticeRow } from "./supervision.type.js";

export interface SupervisionWhere {
  underPath?: string;
  status?: SupervisionItemRow["status"];
  source?: SupervisionItemRow["source"];
  overdue?: boolean;
  inWarning?: boolean;
  from?: string;
  to?: string;
}

const under = (column: PgColumn, underPath: string | undefined) =>
  underPath !== undefined ? sql`${column} like ${escapeLike(underPath) + "%"}` : undefined;

/** The WHERE clause of the item list; `now` decides overdue and warning. */
export function supervisionConditions(scope: Scope, where: SupervisionWhere, now: Date): SQL | undefined {
  const t = supervisionItems;
  return and(
    scopeCondition(t.unitPath, scope),
    under(t.unitPath, where.underPath),
    where.status ? eq(t.status, where.status) : undefined,
    where.source ? eq(t.source, where.source) : undefined,
    where.overdue === undefined ? undefined : where.overdue ? supervisionOverdueSql(now) : not(supervisionOverdueSql(now)),
    where.inWarning === undefined ? undefined : where.inWarning ? supervisionInWarningSql(now) : not(supervisionInWarningSql(now)),
    where.from ? gte(t.startedOn, where.from) : undefined,
    where.to ? lte(t.startedOn, where.to) : undefined,
  );
}

export function selectSupervisionItemsPage(db: Db, condition: SQL | undefined, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(supervisionItems).where(and(condition, keyset)).orderBy(...orderBy).limit(limit);
}

export async function countSupervisionItems(db: Db, condition: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(supervisionItems).where(condition);
  return row?.n ?? 0;
}

export function selectSupervisionItemsByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<SupervisionItemRow[]> {
  return db.select().from(supervisionItems).where(and(inArray(supervisionItems.id, [...ids]), scopeCondition(supervisionItems.unitPath, scope)));
}

export async function selectSupervisionItemForUpdate(tx: Db, id: number): Promise<SupervisionItemRow | undefined> {
  const [row] = await tx.select().from(supervisionItems).where(eq(supervisionItems.id, id)).for("update");
  return row;
}

/** Serialises numbering of one series (items, or one notice kind) within a year; held until the transaction ends. */
export async function lockSeries(tx: Db, series: number, year: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${7262100 + series}::int, ${year}::int)`);
}

/** The next number of a code series `prefix〔year〕N号`; nothing is deleted, so the count is the last number. */
async function nextNumber(tx: Db, table: typeof supervisionItems | typeof supervisionNotices, prefix: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(table).where(sql`${table.code} like ${escapeLike(prefix) + "%"}`);
  return (row?.n ?? 0) + 1;
}

export const itemCode = (year: number, n: number) => `督〔${year}〕${n}号`;
export const NOTICE_PREFIX = { SUGGESTION: "督建", RECTIFICATION_NOTICE: "督改" } as const;
export const noticeCode = (kind: keyof typeof NOTICE_PREFIX, year: number, n: number) => `${NOTICE_PREFIX[kind]}〔${year}〕${n}号`;

/** Inserts an item with the next number of its year (call under `lockSeries(tx, 0, year)`). */
export async function insertSupervisionItem(tx: Db, values: Omit<typeof supervisionItems.$inferInsert, "code">, year: number): Promise<SupervisionItemRow> {
  const n = await nextNumber(tx, supervisionItems, `督〔${year}〕`);
  const [row] = await tx.insert(supervisionItems).values({ ...values, code: itemCode(year, n) }).returning();
  return row!;
}

export async function updateSupervisionItemRow(tx: Db, id: number, changes: Partial<typeof supervisionItems.$inferInsert>): Promise<SupervisionItemRow> {
  const [row] = await tx
    .update(supervisionItems)
    .set({ ...changes, version: sql`${supervisionItems.version} + 1` })
    .where(eq(supervisionItems.id, id))
    .returning();
  return row!;
}

export async function insertSupervisionFeedback(tx: Db, values: typeof supervisionFeedback.$inferInsert): Promise<SupervisionFeedbackRow> {
  const [row] = await tx.insert(supervisionFeedback).values(values).returning();
  return row!;
}

/** Inserts a notice with the next number of its kind and year (call under the kind's `lockSeries`). */
export async function insertSupervisionNotice(tx: Db, values: Omit<typeof supervisionNotices.$inferInsert, "code">, year: number): Promise<SupervisionNoticeRow> {
  const n = await nextNumber(tx, supervisionNotices, `${NOTICE_PREFIX[values.kind]}〔${year}〕`);
  const [row] = await tx.insert(supervisionNotices).values({ ...values, code: noticeCode(values.kind, year, n) }).returning();
  return row!;
}

export function selectFeedbackByItems(db: Db, itemIds: readonly number[]): Promise<SupervisionFeedbackRow[]> {
  return db.select().from(supervisionFeedback).where(inArray(supervisionFeedback.itemId, [...itemIds])).orderBy(asc(supervisionFeedback.id));
}

export function selectNoticesByItems(db: Db, itemIds: readonly number[]): Promise<SupervisionNoticeRow[]> {
  return db.select().from(supervisionNotices).where(inArray(supervisionNotices.itemId, [...itemIds])).orderBy(asc(supervisionNotices.id));
}

export function selectNoticesByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<SupervisionNoticeRow[]> {
  return db.select().from(supervisionNotices).where(and(inArray(supervisionNotices.id, [...ids]), scopeCondition(supervisionNotices.unitPath, scope)));
}

/** Findings notices opened, within the finding scope. */
export function selectFindingsOfNotices(db: Db, scope: Scope, noticeIds: readonly number[]): Promise<FindingRow[]> {
  return db
    .select()
    .from(findings)
    .where(and(inArray(findings.supervisionNoticeId, [...noticeIds]), scopeCondition(findings.unitPath, scope)))
    .orderBy(asc(findings.id));
}
