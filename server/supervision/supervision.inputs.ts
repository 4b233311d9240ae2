import { ArrayMaxSize, IsOptional, Length, MaxLength, Min, ValidateNested } from "class-validator";
import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from "type-graphql";
import { CASE_REF_MAX, TEXT_MAX, TITLE_MAX } from "../findings/finding.inputs.js";
import { FindingCategory, FindingSeverity, RectificationClass } from "../findings/finding.enums.js";
import { ConnectionArgs } from "../relay/connection.js";
import { SupervisionNoticeKind, SupervisionSource, SupervisionStatus } from "./supervision.type.js";

/** The most problems one notice may name. */
export const NOTICE_PROBLEMS_MAX = 20;

@InputType({ description: "Opens a supervision item (督察立项)." })
export class OpenSupervisionItemInput {
  @Field(() => String, { description: "Title (督察事项)." }) @Length(1, TITLE_MAX) title!: string;
  @Field(() => SupervisionSource, { description: "Source (督察来源)." }) source!: SupervisionSource;
  @Field(() => String, { description: "Requirements (督察要求)." }) @Length(1, TEXT_MAX) requirements!: string;
  @Field(() => ID, { description: "The responsible unit (责任单位)." }) unit!: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Start day (立项日期); default today; not in the future." }) startedOn?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Due day (办结时限); default five working days after the start (一周办结)." })
  deadline?: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Warning time (预警时间); default the start of the working day before the deadline." })
  warningAt?: Date | null;
}

@InputType({ description: "Adds a feedback entry (反馈) to an open supervision item." })
export class AddSupervisionFeedbackInput {
  @Field(() => ID, { description: "The supervision item." }) item!: string;
  @Field(() => String, { description: "What is reported (反馈内容)." }) @Length(1, TEXT_MAX) text!: string;
}

@InputType({ description: "Closes a supervision item (办结) with a summary." })
export class CloseSupervisionItemInput {
  @Field(() => ID, { description: "The supervision item." }) id!: string;
  @Field(() => Int, { description: "The version that was read; a stale one fails with CONFLICT." }) @Min(1) version!: number;
  @Field(() => String, { description: "Closing summary (办结情况)." }) @Length(1, TEXT_MAX) summary!: string;
}

@InputType({ description: "One problem a notice names; it becomes a finding (source SUPERVISION) linked to the notice." })
export class SupervisionProblemInput {
  @Field(() => String, { description: "Title (标题)." }) @Length(1, TITLE_MAX) title!: string;
  @Field(() => String, { description: "Concrete description (具体表现)." }) @Length(1, TEXT_MAX) description!: string;
  @Field(() => ID, { nullable: true, description: "Unit where the problem is; default the item's responsible unit; must lie in its subtree." }) unit?: string | null;
  @Field(() => ID, { nullable: true, description: "Handler (具体承办人), a person in that unit." }) handler?: string | null;
  @Field(() => String, { nullable: true, description: "Case reference (案号)." }) @IsOptional() @MaxLength(CASE_REF_MAX) caseRef?: string | null;
  @Field(() => FindingCategory, { description: "Category (问题类别)." }) category!: FindingCategory;
  @Field(() => FindingSeverity, { description: "Severity (性质)." }) severity!: FindingSeverity;
  @Field(() => RectificationClass, { description: "Rectification class (整改分类)." }) rectificationClass!: RectificationClass;
  @Field(() => GraphQLLocalDate, { description: "Deadline (整改时限)." }) deadline!: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Warning time; default 3 days before the deadline." }) warningAt?: Date | null;
}

@InputType({ description: "Issues a supervision suggestion (督察建议) or rectification notice (整改通知书) from an open item." })
export class IssueSupervisionNoticeInput {
  @Field(() => ID, { description: "The supervision item." }) item!: string;
  @Field(() => SupervisionNoticeKind, { description: "Kind." }) kind!: SupervisionNoticeKind;
  @Field(() => String, { description: "The notice's text (正文)." }) @Length(1, TEXT_MAX) text!: string;
  @Field(() => [SupervisionProblemInput], {
    defaultValue: [],
    description: "Problems it names, each opening a finding; a rectification notice needs at least one. At most 20.",
  })
  @ArrayMaxSize(NOTICE_PROBLEMS_MAX)
  @ValidateNested({ each: true })
  problems!: SupervisionProblemInput[];
}

@InputType({ description: "Which supervision items to list." })
export class SupervisionItemFilter {
  @Field(() => ID, { nullable: true, description: "Items of this unit and everything under it." }) unit?: string | null;
  @Field(() => SupervisionStatus, { nullable: true, description: "In this state." }) status?: SupervisionStatus | null;
  @Field(() => SupervisionSource, { nullable: true, description: "From this source." }) source?: SupervisionSource | null;
  @Field(() => Boolean, { nullable: true, description: "Overdue (true) or not (false)." }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "In warning (true) or not (false)." }) inWarning?: boolean | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Started on or after this day." }) from?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Started on or before this day." }) to?: string | null;
}

@ArgsType()
export class SupervisionItemsArgs extends ConnectionArgs {
  @Field(() => SupervisionItemFilter, { nullable: true }) @ValidateNested() filter?: SupervisionItemFilter | null;
}
