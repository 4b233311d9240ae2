import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Finding } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import { Person } from "../people/person.type.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import { QualityReviewsArgs, RecordQualityReviewInput } from "./quality-review.inputs.js";
import { QualityReview } from "./quality-review.type.js";
import { listQualityReviews, recordQualityReview } from "./quality-reviews.service.js";
import { getVetoWatch } from "./veto-watch.service.js";
import { VetoWatch } from "./veto-watch.type.js";

const QualityReviewConnection = connectionType("QualityReview", QualityReview, "case quality reviews");

@Resolver(() => QualityReview)
export class QualityReviewsResolver {
  @Query(() => QualityReviewConnection, { description: "案件质量评查: quality reviews the viewer may see, newest first." })
  async qualityReviews(@Args(() => QualityReviewsArgs) args: QualityReviewsArgs, @Ctx() ctx: Context) {
    return toConnection(await listQualityReviews(ctx, args));
  }

  @Query(() => VetoWatch, { description: "一票否决: prosecutors with FLAW or UNQUALIFIED case reviews in a year, vetoed or near it." })
  vetoWatch(
    @Arg("year", () => Int, { description: "Calendar year (Asia/Shanghai), 2000–2100." }) year: number,
    @Arg("unit", () => ID, { nullable: true, description: "Reviews of prosecutors in this unit's subtree; default all the viewer sees." }) unit: string | null,
    @Ctx() ctx: Context,
  ) {
    return getVetoWatch(ctx, year, unit);
  }

  @Mutation(() => QualityReview, { description: "案件质量评查: registers a case quality review; FLAW and UNQUALIFIED open a linked finding against the prosecutor." })
  recordQualityReview(@Arg("input", () => RecordQualityReviewInput) input: RecordQualityReviewInput, @Ctx() ctx: Context) {
    return recordQualityReview(ctx, input);
  }

  @FieldResolver(() => Person, { nullable: true, description: "The prosecutor whose case was reviewed (承办检察官)." })
  prosecutor(@Root() review: QualityReview, @Ctx() ctx: Context) {
    return ctx.loaders.person.load(review.prosecutorRowId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The reviewed unit: the prosecutor's unit when reviewed (被评查单位)." })
  unit(@Root() review: QualityReview, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(review.unitRowId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The reviewing unit (评查单位); null when outside the viewer's scope." })
  reviewerUnit(@Root() review: QualityReview, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(review.reviewerUnitRowId);
  }

  @FieldResolver(() => Finding, { nullable: true, description: "The finding a FLAW or UNQUALIFIED review opened." })
  async finding(@Root() review: QualityReview, @Ctx() ctx: Context) {
    const [row] = await ctx.loaders.findingsByQualityReview.load(review.rowId);
    return row ? toFinding(row, ctx.clock.now()) : null;
  }
}
