import { qualityReviews } from "../../db/tables/index.js";
import { requirePermission } from "../auth/permissions.js";
import { shanghaiDate, shanghaiStartOfDay } from "../clock.js";
import { createContext, type Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { FindingSource } from "../findings/finding.enums.js";
import { recordFinding } from "../findings/findings.workflow.js";
import { appendJournal } from "../journal/journal.service.js";
import { selectPersonUnscoped } from "../people/people.queries.js";
import type { Page } from "../relay/connection.js";
import { parseId, toGlobalId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { inScope } from "../scope.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import type { QualityReviewsArgs, QualityReviewFilter, RecordQualityReviewInput } from "./quality-review.inputs.js";
import { QualityReview, QualityReviewResult } from "./quality-review.type.js";
import {
  countQualityReviews,
  insertQualityReview,
  selectOfficesAmong,
  selectQualityReviewsPage,
  type QualityReviewWhere,
} from "./quality-reviews.queries.js";
import { findingSeverityFor, modeRefusal, nearestOffice, pathIds } from "./review-rules.js";

/**
 * 案件质量评查: registers a review of one prosecutor's case. The mode must fit the reviewer unit's
 * office (review-rules.ts); FLAW and UNQUALIFIED open a finding against the prosecutor, linked to
 * the review, in the same transaction (two journal rows, or none).
 */
export async function recordQualityReview(ctx: Context, input: RecordQualityReviewInput): Promise<QualityReview> {
  requirePermission(ctx.viewer, "recordFinding");
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.reviewedOn > today) throw badInput("reviewedOn", "cannot be in the future");
  if (input.result === QualityReviewResult.QUALIFIED && input.problem) throw badInput("problem", "a qualified case has no problem, so leave it out");
  if (input.result !== QualityReviewResult.QUALIFIED && !input.problem) throw badInput("problem", "describe the problem found");
  const severity = input.problem ? findingSeverityFor(input.result, input.problem.severity) : null;
  if (input.problem && !severity) throw badInput("problem.severity", "a FLAW review opens a FLAW or IRREGULAR finding, an UNQUALIFIED review an UNQUALIFIED one");
  const prosecutorId = parseId("prosecutor", input.prosecutor, "Person");
  const reviewerUnitId = parseId("reviewerUnit", input.reviewerUnit, "Unit");

  return ctx.db.transaction(async (tx) => {
    const prosecutor = await selectPersonUnscoped(tx, prosecutorId);
    if (!prosecutor || !inScope(prosecutor.unitPath, ctx.findingScope)) throw notFound("Person", input.prosecutor);
    const reviewerUnit = await selectUnitUnscoped(tx, reviewerUnitId);
    if (!reviewerUnit || !inScope(reviewerUnit.path, ctx.scope)) throw notFound("Unit", input.reviewerUnit);
    const offices = await selectOfficesAmong(tx, [...new Set([...pathIds(prosecutor.unitPath), ...pathIds(reviewerUnit.path)])]);
    const prosecutorOffice = nearestOffice(prosecutor.unitPath, offices);
    if (!prosecutorOffice) throw badInput("prosecutor", "this person works in no office (检察院)");
    const reviewerOffice = nearestOffice(reviewerUnit.path, offices);
    if (!reviewerOffice) throw badInput("reviewerUnit", "this unit belongs to no office (检察院)");
    const refusal = modeRefusal(input.mode, prosecutorOffice, reviewerOffice);
    if (refusal) throw badInput("reviewerUnit", refusal);

    const row = await insertQualityReview(tx, {
      caseRef: input.caseRef.trim(),
      prosecutorId,
      unitId: prosecutor.unitId,
      unitPath: prosecutor.unitPath,
      reviewerUnitId,
      mode: input.mode,
      result: input.result,
      reviewedOn: input.reviewedOn,
      notes: input.notes.trim(),
      createdAt: now,
    });
    await appendJournal(tx, ctx.actor, now, { action: "recordQualityReview", entity: "QualityReview", entityId: row.id, unitPath: row.unitPath, before: null, after: row });
    if (input.problem && severity) {
      const inner = createContext({ db: tx, viewer: ctx.viewer, scope: ctx.scope, findingScope: ctx.findingScope, actor: ctx.actor, clock: ctx.clock, requestId: ctx.requestId });
      const { severity: _asked, ...problem } = input.problem;
      await recordFinding(
        inner,
        {
          ...problem,
          severity,
          unit: toGlobalId("Unit", prosecutor.unitId),
          handler: input.prosecutor,
          caseRef: row.caseRef,
          source: FindingSource.QUALITY_REVIEW,
          // Found in the review: now when that is today, else the start of that day.
          foundAt: input.reviewedOn === today ? now : shanghaiStartOfDay(input.reviewedOn),
        },
        { qualityReviewId: row.id },
      ).catch((error: unknown) => {
        // The finding's own fields sit under `problem` in this input; say so in the error.
        if (error instanceof Error && "extensions" in error) {
          const ext = (error as { extensions: Record<string, unknown> }).extensions;
          if (ext.code === "BAD_USER_INPUT" && typeof ext.field === "string" && !["unit", "handler"].includes(ext.field)) {
            throw badInput(`problem.${ext.field}`, error.message.replace(/^[\w.]+: /, ""));
          }
        }
        throw error;
      });
    }
    return QualityReview.from(row);
  });
}

export async function listQualityReviews(ctx: Context, args: QualityReviewsArgs): Promise<Page<QualityReview>> {
  const where = await qualityReviewWhere(ctx, args.filter ?? {});
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: qualityReviews.id,
    sort: { column: qualityReviews.reviewedOn, cast: "date", direction: "desc", value: (row) => row.reviewedOn },
    fetch: (keyset, orderBy, limit) => selectQualityReviewsPage(ctx.db, ctx.findingScope, where, keyset, orderBy, limit),
    count: () => countQualityReviews(ctx.db, ctx.findingScope, where),
    map: QualityReview.from,
  });
}

async function qualityReviewWhere(ctx: Context, f: QualityReviewFilter): Promise<QualityReviewWhere> {
  const where: QualityReviewWhere = { mode: f.mode ?? undefined, result: f.result ?? undefined, from: f.from ?? undefined, to: f.to ?? undefined };
  if (f.unit) {
    const unit = await ctx.loaders.unit.load(parseId("filter.unit", f.unit, "Unit"));
    if (!unit) throw notFound("Unit", f.unit);
    where.underPath = unit.path;
  }
  if (f.prosecutor) where.prosecutorId = parseId("filter.prosecutor", f.prosecutor, "Person");
  return where;
}
