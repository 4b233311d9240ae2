import { IsOptional, Length, MaxLength, ValidateNested } from "class-validator";
import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from "type-graphql";
import { CASE_REF_MAX, TEXT_MAX, TITLE_MAX } from "../findings/finding.inputs.js";
import { FindingCategory, FindingSeverity, RectificationClass } from "../findings/finding.enums.js";
import { ConnectionArgs } from "../relay/connection.js";
import { QualityReviewMode, QualityReviewResult } from "./quality-review.type.js";

@InputType({ description: "The problem a FLAW or UNQUALIFIED review found; unit, handler (the prosecutor), case and source come from the review." })
export class QualityReviewProblemInput {
  @Field(() => String, { description: "Title (标题)." }) @Length(1, TITLE_MAX) title!: string;
  @Field(() => String, { description: "Concrete description (具体表现)." }) @Length(1, TEXT_MAX) description!: string;
  @Field(() => FindingCategory, { description: "Category (问题类别)." }) category!: FindingCategory;
  @Field(() => FindingSeverity, {
    nullable: true,
    description: "Severity (性质); default the review's result. A FLAW review may say IRREGULAR; an UNQUALIFIED review is always UNQUALIFIED.",
  })
  severity?: FindingSeverity | null;
  @Field(() => RectificationClass, { description: "Rectification class (整改分类)." }) rectificationClass!: RectificationClass;
  @Field(() => GraphQLLocalDate, { description: "Deadline (整改时限)." }) deadline!: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Warning time; default 3 days before the deadline." }) warningAt?: Date | null;
}

@InputType({ description: "Registers one case quality review (案件质量评查)." })
export class RecordQualityReviewInput {
  @Field(() => String, { description: "Case reference (案号) of the reviewed case." }) @Length(1, CASE_REF_MAX) caseRef!: string;
  @Field(() => ID, { description: "The prosecutor whose case it is (承办检察官)." }) prosecutor!: string;
  @Field(() => GraphQLLocalDate, { description: "Day reviewed; not in the future." }) reviewedOn!: string;
  @Field(() => QualityReviewMode, { description: "Who reviews (评查方式); must agree with the reviewer unit." }) mode!: QualityReviewMode;
  @Field(() => ID, { description: "The reviewing unit (评查单位): an office or one of its departments." }) reviewerUnit!: string;
  @Field(() => QualityReviewResult, { description: "QUALIFIED, or FLAW / UNQUALIFIED with `problem` filled in." }) result!: QualityReviewResult;
  @Field(() => String, { defaultValue: "", description: "Notes (备注)." }) @MaxLength(2000) notes: string = "";
  @Field(() => QualityReviewProblemInput, { nullable: true, description: "The problem found; required with FLAW and UNQUALIFIED, refused with QUALIFIED." })
  @IsOptional()
  @ValidateNested()
  problem?: QualityReviewProblemInput | null;
}

@InputType({ description: "Which quality reviews to list." })
export class QualityReviewFilter {
  @Field(() => ID, { nullable: true, description: "Reviews of prosecutors in this unit and everything under it (the reviewed unit)." }) unit?: string | null;
  @Field(() => ID, { nullable: true, description: "Reviews of this prosecutor." }) prosecutor?: string | null;
  @Field(() => QualityReviewMode, { nullable: true, description: "By this mode." }) mode?: QualityReviewMode | null;
  @Field(() => QualityReviewResult, { nullable: true, description: "With this result." }) result?: QualityReviewResult | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Reviewed on or after this day." }) from?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Reviewed on or before this day." }) to?: string | null;
}

@ArgsType()
export class QualityReviewsArgs extends ConnectionArgs {
  @Field(() => QualityReviewFilter, { nullable: true }) @ValidateNested() filter?: QualityReviewFilter | null;
}
