import { Field, GraphQLISODateTime, Int, ObjectType } from "type-graphql";
import { AccountabilityAction, AccountabilityKind } from "../accountability/accountability.type.js";
import { FindingCategory, FindingSeverity } from "../findings/finding.enums.js";
import { Finding } from "../findings/finding.type.js";
import { SupervisorKind } from "../people/person.type.js";
import { Unit } from "../units/unit.type.js";

@ObjectType({ description: "Inspections (检查) by one kind of process supervisor in the month." })
export class JointMeetingSupervisorKindCount {
  @Field(() => SupervisorKind, { nullable: true, description: "Supervisor kind (流程监管员类别); null for a supervisor no longer marked as one." })
  supervisorKind!: SupervisorKind | null;
  @Field(() => Int, { description: "Inspections registered." }) inspections!: number;
  @Field(() => Int, { description: "Of them, inspections that found a problem (发现问题)." }) withProblem!: number;
}

@ObjectType({ description: "Findings of one category (问题类别) found in the month." })
export class JointMeetingCategoryCount {
  @Field(() => FindingCategory, { description: "Category." }) category!: FindingCategory;
  @Field(() => Int, { description: "Findings." }) count!: number;
}

@ObjectType({ description: "Findings of one severity found in the month." })
export class JointMeetingSeverityCount {
  @Field(() => FindingSeverity, { description: "Severity (瑕疵/不规范/不合格)." }) severity!: FindingSeverity;
  @Field(() => Int, { description: "Findings." }) count!: number;
}

@ObjectType({ description: "Findings found in the month in one unit's subtree, directly under the report's unit." })
export class JointMeetingUnitCount {
  @Field(() => Unit, { description: "The unit (with everything under it)." }) unit!: Unit;
  @Field(() => Int, { description: "Findings found in the month." }) found!: number;
  @Field(() => Int, { description: "Of them, verified (销号) at the report time." }) verified!: number;
  @Field(() => Int, { description: "Overdue at the report time, whenever found." }) overdue!: number;
}

@ObjectType({ description: "Rectification status (整改情况) at the report time of the findings found in the month." })
export class JointMeetingStatusCounts {
  @Field(() => Int, { description: "OPEN 待整改." }) open!: number;
  @Field(() => Int, { description: "RECTIFYING 整改中." }) rectifying!: number;
  @Field(() => Int, { description: "SUBMITTED 待验收." }) submitted!: number;
  @Field(() => Int, { description: "VERIFIED 已销号." }) verified!: number;
  @Field(() => Int, { description: "WITHDRAWN 已撤销." }) withdrawn!: number;
}

@ObjectType({ description: "Accountability actions of one kind decided in the month." })
export class JointMeetingAccountabilityCount {
  @Field(() => AccountabilityKind, { description: "Kind (问责方式)." }) kind!: AccountabilityKind;
  @Field(() => Int, { description: "Actions." }) count!: number;
}

@ObjectType({ description: "联席会议 The monthly joint meeting report of process monitoring for a Shanghai calendar month." })
export class JointMeetingReport {
  @Field(() => String, { description: "The month, YYYY-MM (Asia/Shanghai)." }) month!: string;
  @Field(() => Unit, { nullable: true, description: "The unit reported on (null: the viewer's several separate subtrees)." }) unit!: Unit | null;
  @Field(() => GraphQLISODateTime, { description: "Report time: the end of the month, or now for the current month." }) asOf!: Date;

  @Field(() => Int, { description: "Inspections registered in the month (检查登记)." }) inspections!: number;
  @Field(() => Int, { description: "Of them, inspections that found a problem." }) inspectionsWithProblem!: number;
  @Field(() => [JointMeetingSupervisorKindCount], { description: "Inspections by supervisor kind (每日一案 case management / 每周两案 business)." })
  inspectionsBySupervisorKind!: JointMeetingSupervisorKindCount[];

  @Field(() => Int, { description: "Findings found in the month (M in N大类M项)." }) found!: number;
  @Field(() => Int, { description: "Distinct categories among them (N in N大类M项)." }) foundCategories!: number;
  @Field(() => String, { description: "The meeting's summary line, e.g. 3大类12项." }) summary!: string;
  @Field(() => [JointMeetingCategoryCount], { description: "Found findings per category, most first (categories with none left out)." })
  byCategory!: JointMeetingCategoryCount[];
  @Field(() => [JointMeetingSeverityCount], { description: "Found findings per severity, every severity." }) bySeverity!: JointMeetingSeverityCount[];
  @Field(() => [JointMeetingUnitCount], { description: "One row per unit directly under the report's unit (or per subtree top), in tree order." })
  byUnit!: JointMeetingUnitCount[];
  @Field(() => JointMeetingStatusCounts, { description: "Status at the report time of the findings found in the month." }) status!: JointMeetingStatusCounts;

  @Field(() => [Finding], { description: "Findings (found in any month) overdue at the report time, soonest deadline first, at most 50." })
  overdue!: Finding[];
  @Field(() => Int, { description: "All findings overdue at the report time." }) overdueCount!: number;

  @Field(() => [AccountabilityAction], { description: "Accountability actions (追责问责) decided in the month, in decision order." })
  accountabilityActions!: AccountabilityAction[];
  @Field(() => [JointMeetingAccountabilityCount], { description: "Those actions per kind, every kind." }) accountabilityByKind!: JointMeetingAccountabilityCount[];
}
