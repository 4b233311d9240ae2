import { ArrayMaxSize, IsOptional, Length, MaxLength, Min, ValidateNested } from "class-validator";
import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, registerEnumType } from "type-graphql";
import { ConnectionArgs } from "../relay/connection.js";
import {
  Flag,
  FindingCategory,
  FindingSeverity,
  FindingSource,
  FindingStatus,
  RectificationClass,
  ResponsibilityTier,
} from "./finding.enums.js";

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;
export const REASON_MAX = 2000;
export const CASE_REF_MAX = 100;

@InputType({ description: "Ledger filter (整改台账筛选). All given conditions must hold." })
export class FindingFilter {
  @Field(() => ID, { nullable: true, description: "Findings of this unit and everything under it." }) unit?: string | null;
  @Field(() => [FindingStatus], { nullable: true, description: "Any of these statuses." }) @ArrayMaxSize(10) status?: FindingStatus[] | null;
  @Field(() => [Flag], { nullable: true, description: "Any of these flags (红/黄/黑旗)." }) @ArrayMaxSize(10) flag?: Flag[] | null;
  @Field(() => [RectificationClass], { nullable: true, description: "Any of these classes (整改分类)." }) @ArrayMaxSize(10) rectificationClass?: RectificationClass[] | null;
  @Field(() => [FindingSeverity], { nullable: true, description: "Any of these severities." }) @ArrayMaxSize(10) severity?: FindingSeverity[] | null;
  @Field(() => [FindingSource], { nullable: true, description: "Any of these sources." }) @ArrayMaxSize(10) source?: FindingSource[] | null;
  @Field(() => [FindingCategory], { nullable: true, description: "Any of these categories." }) @ArrayMaxSize(10) category?: FindingCategory[] | null;
  @Field(() => ID, { nullable: true, description: "Handler (承办人)." }) handler?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Only overdue (true) or only not overdue (false)." }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "Only in warning (true) or only not (false)." }) inWarning?: boolean | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Deadline on or after this day." }) deadlineFrom?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Deadline on or before this day." }) deadlineTo?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Found on or after this day (Asia/Shanghai)." }) foundFrom?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Found on or before this day (Asia/Shanghai)." }) foundTo?: string | null;
  @Field(() => String, { nullable: true, description: "Text in title, description or case reference." })
  @MaxLength(100)
  text?: string | null;
}

export enum FindingOrderField {
  DEADLINE = "DEADLINE",
  FOUND_AT = "FOUND_AT",
  UPDATED_AT = "UPDATED_AT",
}
export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(FindingOrderField, { name: "FindingOrderField", description: "Sort key of the ledger." });
registerEnumType(OrderDirection, { name: "OrderDirection", description: "Sort direction." });

@InputType({ description: "Ledger order; ties are broken by id." })
export class FindingOrder {
  @Field(() => FindingOrderField, { description: "Sort key." }) field!: FindingOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: "Sort direction." }) direction: OrderDirection = OrderDirection.ASC;
}

@ArgsType()
export class FindingsArgs extends ConnectionArgs {
  @Field(() => FindingFilter, { nullable: true }) @ValidateNested() filter?: FindingFilter | null;
  @Field(() => FindingOrder, { nullable: true, description: "Default: deadline ascending." }) orderBy?: FindingOrder | null;
}

@InputType({ description: "A new finding (记录问题)." })
export class RecordFindingInput {
  @Field(() => String, { description: "Title (标题)." }) @Length(1, TITLE_MAX) title!: string;
  @Field(() => String, { description: "Concrete description (具体表现)." }) @Length(1, TEXT_MAX) description!: string;
  @Field(() => ID, { description: "Unit (usually a department) where the problem is." }) unit!: string;
  @Field(() => ID, { nullable: true, description: "Handler (具体承办人), a person in that unit." }) handler?: string | null;
  @Field(() => String, { nullable: true, description: "Case reference (案号)." }) @IsOptional() @MaxLength(CASE_REF_MAX) caseRef?: string | null;
  @Field(() => FindingCategory, { description: "Category (问题类别)." }) category!: FindingCategory;
  @Field(() => FindingSeverity, { description: "Severity (性质)." }) severity!: FindingSeverity;
  @Field(() => FindingSource, { description: "Source process (来源)." }) source!: FindingSource;
  @Field(() => RectificationClass, { description: "Rectification class (整改分类)." }) rectificationClass!: RectificationClass;
  @Field(() => GraphQLLocalDate, { description: "Deadline (整改时限)." }) deadline!: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Warning time; default 3 days before the deadline." })
  warningAt?: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When found; default now." }) foundAt?: Date | null;
  @Field(() => ID, { nullable: true, description: "Who found it; default the signed-in person." }) foundBy?: string | null;
  @Field(() => ID, { nullable: true, description: "An earlier finding this one repeats." }) repeatOf?: string | null;
  @Field(() => ID, { nullable: true, description: "特别抽样评估: the sampling round that found it; source must be SAMPLING and the unit drawn in the round." })
  samplingRound?: string | null;
}

@InputType({ description: "Changes to a finding's record; only the given fields change." })
export class UpdateFindingInput {
  @Field(() => ID, { description: "Global id of the finding." }) id!: string;
  @Field(() => Int, { description: "The version that was read; a stale one fails with CONFLICT." }) @Min(1) version!: number;
  @Field(() => String, { nullable: true, description: "Title (标题)." }) @IsOptional() @Length(1, TITLE_MAX) title?: string | null;
  @Field(() => String, { nullable: true, description: "Concrete description (具体表现)." }) @IsOptional() @Length(1, TEXT_MAX) description?: string | null;
  @Field(() => ID, { nullable: true, description: "Handler (承办人), a person in the finding's unit." }) handler?: string | null;
  @Field(() => String, { nullable: true, description: "Case reference (案号)." }) @IsOptional() @MaxLength(CASE_REF_MAX) caseRef?: string | null;
  @Field(() => FindingCategory, { nullable: true, description: "Category (问题类别)." }) category?: FindingCategory | null;
  @Field(() => FindingSeverity, { nullable: true, description: "Severity (性质)." }) severity?: FindingSeverity | null;
  @Field(() => RectificationClass, { nullable: true, description: "Rectification class (整改分类)." }) rectificationClass?: RectificationClass | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Deadline (整改时限)." }) deadline?: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Warning time (预警时间)." }) warningAt?: Date | null;
}

@InputType({ description: "A workflow step on a finding." })
export class FindingStepInput {
  @Field(() => ID, { description: "Global id of the finding." }) id!: string;
  @Field(() => Int, { nullable: true, description: "If given, the step fails with CONFLICT when the finding changed since." })
  @IsOptional()
  @Min(1)
  version?: number | null;
}

@InputType({ description: "Verify a submitted fix and strike the finding off (销号)." })
export class VerifyRectificationInput extends FindingStepInput {
  @Field(() => ID, { nullable: true, description: "Verifier; default the signed-in person. Never the handler." }) verifier?: string | null;
}

@InputType({ description: "A workflow step that needs a reason." })
export class ReasonStepInput extends FindingStepInput {
  @Field(() => String, { description: "Reason (理由), required." }) @Length(1, REASON_MAX) reason!: string;
}

@InputType({ description: "A new rectification measure (整改措施)." })
export class AddMeasureInput extends FindingStepInput {
  @Field(() => String, { description: "Text (内容)." }) @Length(1, TEXT_MAX) text!: string;
  @Field(() => ID, { nullable: true, description: "Responsible person." }) owner?: string | null;
  @Field(() => GraphQLLocalDate, { description: "Due date (完成时限)." }) due!: string;
}

@InputType({ description: "Mark a measure done." })
export class CompleteMeasureInput {
  @Field(() => ID, { description: "Global id of the measure." }) measure!: string;
  @Field(() => Int, { nullable: true, description: "The finding's version, if the caller wants a CONFLICT check." })
  @IsOptional()
  @Min(1)
  version?: number | null;
}

@InputType({ description: "Name who answers for a finding (责任认定): a person or a unit." })
export class AssignResponsibilityInput extends FindingStepInput {
  @Field(() => ResponsibilityTier, { description: "Tier (责任层级)." }) tier!: ResponsibilityTier;
  @Field(() => ID, { nullable: true, description: "Person answering (责任人)." }) person?: string | null;
  @Field(() => ID, { nullable: true, description: "The unit." }) unit?: string | null;
}
