import { and, count, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { findings, people, qualityReviews, units } from "../../db/tables/index.js";
import { escapeLike, scopeCondition, type Scope } from "../scope.js";
import type { QualityReviewRow } from "./quality-review.type.js";
import type { Office } from "./review-rules.js";

export interface QualityReviewWhere {
  underPath?: string;
  prosecutorId?: number;
  mode?: QualityReviewRow["mode"];
  result?: QualityReviewRow["result"];
  from?: string;
  to?: string;
}

function reviewConditions(scope: Scope, where: QualityReviewWhere): SQL | undefined {
  return and(
    scopeCondition(qualityReviews.unitPath, scope),
    where.underPath !== undefined ? sql`${qualityReviews.unitPath} like ${escapeLike(where.underPath) + "%"}` : undefined,
    where.prosecutorId !== undefined ? eq(qualityReviews.prosecutorId, where.prosecutorId) : undefined,
    where.mode ? eq(qualityReviews.mode, where.mode) : undefined,
    where.result ? eq(qualityReviews.result, where.result) : undefined,
    where.from ? gte(qualityReviews.reviewedOn, where.from) : undefined,
    where.to ? lte(qualityReviews.reviewedOn, where.to) : undefined,
  );
}

export function selectQualityReviewsPage(db: Db, scope: Scope, where: QualityReviewWhere, keyset: SQL | undefined, orderBy: SQL[], limit: number) {
  return db.select().from(qualityReviews).where(and(reviewConditions(scope, where), keyset)).orderBy(...orderBy).limit(limit);
}

export async function countQualityReviews(db: Db, scope: Scope, where: QualityReviewWhere): Promise<number> {
  const [row] = await db.select({ n: count() }).from(qualityReviews).where(reviewConditions(scope, where));
  return row?.n ?? 0;
}

export function selectQualityReviewsByIds(db: Db, scope: Scope, ids: readonly number[]): Promise<QualityReviewRow[]> {
  return db.select().from(qualityReviews).where(and(inArray(qualityReviews.id, [...ids]), scopeCondition(qualityReviews.unitPath, scope)));
}

export async function insertQualityReview(db: Db, values: typeof qualityReviews.$inferInsert): Promise<QualityReviewRow> {
  const [row] = await db.insert(qualityReviews).values(values).returning();
  return row!;
}

/** The offices (kind OFFICE) among these unit ids: ancestors-or-self of the units the rules compare. */
export function selectOfficesAmong(db: Db, ids: readonly number[]): Promise<Office[]> {
  return db
    .select({ id: units.id, path: units.path, level: units.level })
    .from(units)
    .where(and(inArray(units.id, [...ids]), eq(units.kind, "OFFICE")));
}

/** Findings quality reviews opened, within the finding scope. */
export function selectFindingsOfQualityReviews(db: Db, scope: Scope, reviewIds: readonly number[]) {
  return db
    .select()
    .from(findings)
    .where(and(inArray(findings.qualityReviewId, [...reviewIds]), scopeCondition(findings.unitPath, scope)))
    .orderBy(findings.id);
}

/**
 * 一票否决: per prosecutor, FLAW and UNQUALIFIED reviews in [from, to] within the scope (and the
 * subtree), one statement; prosecutors with neither are left out.
 */
export function selectVetoCounts(db: Db, scope: Scope, underPath: string | undefined, from: string, to: string) {
  return db
    .select({
      person: people,
      unqualified: sql<number>`count(*) filter (where ${qualityReviews.result} = 'UNQUALIFIED')::int`,
      flaw: sql<number>`count(*) filter (where ${qualityReviews.result} = 'FLAW')::int`,
    })
    .from(qualityReviews)
    .innerJoin(people, eq(people.id, qualityReviews.prosecutorId))
    .where(
      and(
        reviewConditions(scope, { underPath, from, to }),
        inArray(qualityReviews.result, ["FLAW", "UNQUALIFIED"]),
      ),
    )
    .groupBy(people.id);
}
