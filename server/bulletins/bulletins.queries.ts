import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { bulletinItems, bulletins } from "../../db/tables/index.js";
import { scopeCondition, type Scope } from "../scope.js";
import type { BulletinItemRow, BulletinRow } from "./bulletin.type.js";

export interface BulletinWhere {
  published?: boolean;
  year?: number;
  kind?: BulletinRow["kind"];
}

/**
 * Visibility: a published bulletin is visible to everyone in its jurisdiction (the viewer's scope
 * lies inside the issuing unit's subtree) and to anyone whose scope covers the issuing unit;
 * drafts only to the latter, and only with the readDrafts permission.
 */
export function bulletinVisible(scope: Scope, readDrafts: boolean): SQL | undefined {
  if (scope.kind === "ALL") return readDrafts ? undefined : isNotNull(bulletins.publishedAt);
  const covered = scopeCondition(bulletins.unitPath, scope);
  const inJurisdiction = scope.paths.length
    ? or(...scope.paths.map((p) => sql`${p} like ${bulletins.unitPath} || '%'`))
    : sql`false`;
  return or(and(isNotNull(bulletins.publishedAt), or(covered, inJurisdiction)), readDrafts ? covered : sql`false`);
}

function bulletinConditions(scope: Scope, readDrafts: boolean, where: BulletinWhere): SQL | undefined {
  return and(
    bulletinVisible(scope, readDrafts),
    where.published === undefined ? undefined : where.published ? isNotNull(bulletins.publishedAt) : isNull(bulletins.publishedAt),
    where.year !== undefined ? eq(bulletins.year, where.year) : undefined,
    where.kind ? eq(bulletins.kind, where.kind) : undefined,
  );
}

/** Newest first: published ones by publishing time, drafts (no time yet) after them. */
export function selectBulletinsPage(db: Db, scope: Scope, readDrafts: boolean, where: BulletinWhere, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(bulletins).where(and(bulletinConditions(scope, readDrafts, where), keyset)).orderBy(...orderBy).limit(limit);
}

export async function countBulletins(db: Db, scope: Scope, readDrafts: boolean, where: BulletinWhere): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(bulletins).where(bulletinConditions(scope, readDrafts, where));
  return row?.n ?? 0;
}

export function selectBulletinsByIds(db: Db, scope: Scope, readDrafts: boolean, ids: readonly number[]): Promise<BulletinRow[]> {
  return db.select().from(bulletins).where(and(inArray(bulletins.id, [...ids]), bulletinVisible(scope, readDrafts)));
}

export function selectItemsByBulletins(db: Db, bulletinIds: readonly number[]): Promise<BulletinItemRow[]> {
  return db.select().from(bulletinItems).where(inArray(bulletinItems.bulletinId, [...bulletinIds])).orderBy(bulletinItems.position);
}

export async function insertBulletin(tx: Db, values: typeof bulletins.$inferInsert, items: Omit<typeof bulletinItems.$inferInsert, "bulletinId">[]) {
  const [row] = await tx.insert(bulletins).values(values).returning();
  const itemRows = await tx.insert(bulletinItems).values(items.map((item) => ({ ...item, bulletinId: row!.id }))).returning();
  return { bulletin: row!, items: itemRows };
}

export async function selectBulletinForUpdate(tx: Db, id: number): Promise<BulletinRow | undefined> {
  const [row] = await tx.select().from(bulletins).where(eq(bulletins.id, id)).for("update");
  return row;
}

/** Serialises numbering within a year; held until the transaction ends. */
export async function lockBulletinYear(tx: Db, year: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7262003, ${year}::int)`);
}

export async function nextBulletinNumber(tx: Db, year: number): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${bulletins.number}), 0)::int + 1` }).from(bulletins).where(eq(bulletins.year, year));
  return row!.n;
}

export async function setPublished(tx: Db, id: number, values: Pick<BulletinRow, "year" | "number" | "publishedAt" | "publishedById">) {
  const [row] = await tx.update(bulletins).set(values).where(eq(bulletins.id, id)).returning();
  return row!;
}

export async function setItemSnapshots(tx: Db, items: Pick<BulletinItemRow, "id" | "snapshot">[]): Promise<void> {
  for (const item of items) await tx.update(bulletinItems).set({ snapshot: item.snapshot }).where(eq(bulletinItems.id, item.id));
}

export async function selectBulletinItem(db: Db, id: number): Promise<BulletinItemRow | undefined> {
  const [row] = await db.select().from(bulletinItems).where(eq(bulletinItems.id, id));
  return row;
}
