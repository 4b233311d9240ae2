import { IsOptional, Length, MaxLength, ValidateNested } from "class-validator";
import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from "type-graphql";
import { FindingCategory, FindingSeverity, FindingSource, RectificationClass } from "../findings/finding.enums.js";
import { ConnectionArgs } from "../relay/connection.js";
import { InspectionResult } from "./inspection.type.js";

@InputType({ description: "The problem an inspection found; unit, case, source and finder come from the inspection." })
export class InspectionProblemInput {
  @Field(() => String, { description: "Title (标题)." }) @Length(1, 200) title!: string;
  @Field(() => String, { description: "Concrete description (具体表现)." }) @Length(1, 4000) description!: string;
  @Field(() => ID, { nullable: true, description: "Handler (具体承办人), a person in the inspected unit." }) handler?: string | null;
  @Field(() => FindingCategory, { description: "Category (问题类别)." }) category!: FindingCategory;
  @Field(() => FindingSeverity, { description: "Severity (性质)." }) severity!: FindingSeverity;
  @Field(() => RectificationClass, { description: "Rectification class (整改分类)." }) rectificationClass!: RectificationClass;
  @Field(() => GraphQLLocalDate, { description: "Deadline (整改时限)." }) deadline!: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Warning time; default 3 days before the deadline." }) warningAt?: Date | null;
}

@InputType({ description: "Registers one inspection (检查登记), problem or not." })
export class RecordInspectionInput {
  @Field(() => ID, { nullable: true, description: "The supervisor who inspected; default the signed-in person." }) supervisor?: string | null;
  @Field(() => ID, { description: "The inspected unit (usually a department)." }) unit!: string;
  @Field(() => String, { description: "Case reference (案号)." }) @Length(1, 100) caseRef!: string;
  @Field(() => GraphQLLocalDate, { description: "Day inspected; not in the future." }) inspectedOn!: string;
  @Field(() => FindingSource, { defaultValue: FindingSource.PROCESS_MONITORING, description: "Process (来源); default process monitoring." })
  source: FindingSource = FindingSource.PROCESS_MONITORING;
  @Field(() => InspectionResult, { description: "NO_PROBLEM, or PROBLEM with `problem` filled in." }) result!: InspectionResult;
  @Field(() => String, { defaultValue: "", description: "Notes (备注)." }) @MaxLength(2000) notes: string = "";
  @Field(() => InspectionProblemInput, { nullable: true, description: "The problem found; required with result PROBLEM." })
  @IsOptional()
  @ValidateNested()
  problem?: InspectionProblemInput | null;
}

@InputType({ description: "Which inspections to list." })
export class InspectionFilter {
  @Field(() => ID, { nullable: true, description: "Inspections of this unit and everything under it." }) unit?: string | null;
  @Field(() => ID, { nullable: true, description: "By this supervisor." }) supervisor?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Inspected on or after this day." }) from?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Inspected on or before this day." }) to?: string | null;
}

@ArgsType()
export class InspectionsArgs extends ConnectionArgs {
  @Field(() => InspectionFilter, { nullable: true }) @ValidateNested() filter?: InspectionFilter | null;
}
