import { ArrayMaxSize, IsOptional, Length, MaxLength, Min, ValidateNested } from "class-validator";
import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { TEXT_MAX, TITLE_MAX } from "../findings/finding.inputs.js";
import { ConnectionArgs } from "../relay/connection.js";
import { PlanStatus } from "./plan.type.js";

/** Most findings or milestones one request may add to a plan. */
export const PLAN_ITEMS_MAX = 100;

@InputType({ description: "A milestone of a plan's timetable (时间表节点)." })
export class PlanMilestoneInput {
  @Field(() => String, { description: "What is to be achieved (节点内容)." }) @Length(1, TITLE_MAX) title!: string;
  @Field(() => ID, { nullable: true, description: "Who is responsible (责任人)." }) owner?: string | null;
  @Field(() => GraphQLLocalDate, { description: "Due date, within the plan's period." }) dueOn!: string;
}

@InputType({ description: "A new improvement plan (一院一策) for one unit." })
export class CreatePlanInput {
  @Field(() => ID, { description: "The unit the plan is for (an office or a department)." }) unit!: string;
  @Field(() => String, { description: "Title (方案名称)." }) @Length(1, TITLE_MAX) title!: string;
  @Field(() => String, { defaultValue: "", description: "Summary of problems and approach (整改思路)." }) @MaxLength(TEXT_MAX) summary: string = "";
  @Field(() => GraphQLLocalDate, { description: "First day of the plan." }) startsOn!: string;
  @Field(() => GraphQLLocalDate, { description: "Last day of the plan; at most two years after the first." }) endsOn!: string;
  @Field(() => [ID], { nullable: true, description: "Findings of the unit's subtree the plan takes on; not withdrawn." })
  @IsOptional()
  @ArrayMaxSize(PLAN_ITEMS_MAX)
  findings?: string[] | null;
  @Field(() => [PlanMilestoneInput], { nullable: true, description: "The timetable's milestones." })
  @IsOptional()
  @ArrayMaxSize(PLAN_ITEMS_MAX)
  @ValidateNested()
  milestones?: PlanMilestoneInput[] | null;
}

@InputType({ description: "A change to an existing plan." })
export class PlanStepInput {
  @Field(() => ID, { description: "Global id of the plan." }) id!: string;
  @Field(() => Int, { nullable: true, description: "If given, the change fails with CONFLICT when the plan changed since." })
  @IsOptional()
  @Min(1)
  version?: number | null;
}

@InputType({ description: "Findings to add to a plan." })
export class AddPlanFindingsInput extends PlanStepInput {
  @Field(() => [ID], { description: "Findings of the plan unit's subtree, not withdrawn, not yet in the plan." })
  @ArrayMaxSize(PLAN_ITEMS_MAX)
  findings!: string[];
}

@InputType({ description: "A finding to take out of a plan (it stays on the ledger)." })
export class RemovePlanFindingInput extends PlanStepInput {
  @Field(() => ID, { description: "A finding in the plan." }) finding!: string;
}

@InputType({ description: "A milestone to add to a plan's timetable." })
export class AddPlanMilestoneInput extends PlanStepInput {
  @Field(() => String, { description: "What is to be achieved (节点内容)." }) @Length(1, TITLE_MAX) title!: string;
  @Field(() => ID, { nullable: true, description: "Who is responsible (责任人)." }) owner?: string | null;
  @Field(() => GraphQLLocalDate, { description: "Due date, within the plan's period." }) dueOn!: string;
}

@InputType({ description: "Mark a milestone done." })
export class CompletePlanMilestoneInput {
  @Field(() => ID, { description: "Global id of the milestone." }) milestone!: string;
  @Field(() => Int, { nullable: true, description: "The plan's version, if the caller wants a CONFLICT check." })
  @IsOptional()
  @Min(1)
  version?: number | null;
}

@InputType({ description: "Which plans to list." })
export class PlanFilter {
  @Field(() => ID, { nullable: true, description: "Plans of this unit and everything under it." }) unit?: string | null;
  @Field(() => PlanStatus, { nullable: true, description: "With this status." }) status?: PlanStatus | null;
}

@ArgsType()
export class PlansArgs extends ConnectionArgs {
  @Field(() => PlanFilter, { nullable: true }) @ValidateNested() filter?: PlanFilter | null;
}
