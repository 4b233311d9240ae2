import { GraphQLLocalDate } from "graphql-scalars";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import type { inspections } from "../../db/tables/index.js";
import { FindingSource } from "../findings/finding.enums.js";
import { Person } from "../people/person.type.js";
import { Node } from "../relay/node.type.js";
import { toGlobalId } from "../relay/global-id.js";
import { SupervisorKind } from "../people/person.type.js";

export enum InspectionResult {
  NO_PROBLEM = "NO_PROBLEM",
  PROBLEM = "PROBLEM",
  QUALIFIED = "QUALIFIED",
  FLAW = "FLAW",
  UNQUALIFIED = "UNQUALIFIED",
}
registerEnumType(InspectionResult, {
  name: "InspectionResult",
  description: "What an inspection found.",
  valuesConfig: {
    NO_PROBLEM: { description: "未发现问题 (process monitoring)" },
    PROBLEM: { description: "发现问题: a finding was opened (process monitoring)" },
    QUALIFIED: { description: "合格 (quality review)" },
    FLAW: { description: "瑕疵 (quality review)" },
    UNQUALIFIED: { description: "不合格 (quality review)" },
  },
});

export type InspectionRow = typeof inspections.$inferSelect;

@ObjectType({ implements: Node, description: "检查登记 One inspection a supervisor made, problem or not." })
export class Inspection extends Node {
  rowId!: number;
  supervisorRowId!: number;
  unitRowId!: number;
  unitPath!: string;

  @Field(() => String, { description: "Case reference (案号) of the inspected case." }) caseRef!: string;
  @Field(() => GraphQLLocalDate, { description: "Day inspected (Asia/Shanghai)." }) inspectedOn!: string;
  @Field(() => FindingSource, { description: "The process it belongs to (来源)." }) source!: FindingSource;
  @Field(() => InspectionResult, { description: "Result." }) result!: InspectionResult;
  @Field(() => String, { description: "Notes (备注)." }) notes!: string;

  static from(row: InspectionRow): Inspection {
    return Object.assign(new Inspection(), {
      id: toGlobalId("Inspection", row.id),
      rowId: row.id,
      supervisorRowId: row.supervisorId,
      unitRowId: row.unitId,
      unitPath: row.unitPath,
      caseRef: row.caseRef,
      inspectedOn: row.inspectedOn,
      source: row.source as FindingSource,
      result: row.result as InspectionResult,
      notes: row.notes,
    });
  }
}

@ObjectType({ description: "A week a business-line supervisor fell short of 每周两案." })
export class QuotaWeek {
  @Field(() => GraphQLLocalDate, { description: "Monday of the week." }) weekStart!: string;
  @Field(() => Int, { description: "Inspections required that week (2, or fewer when the period holds fewer working days)." }) required!: number;
  @Field(() => Int, { description: "Inspections made that week." }) done!: number;
}

@ObjectType({ description: "One supervisor's inspection quota (每日一案 / 每周两案) over a period." })
export class QuotaRow {
  supervisorRowId!: number;
  @Field(() => Person, { description: "The supervisor (流程监管员)." }) supervisor!: Person;
  @Field(() => SupervisorKind, { description: "Case-management (daily quota) or business-line (weekly quota)." }) kind!: SupervisorKind;
  @Field(() => Int, { description: "Inspections required in the period up to today." }) required!: number;
  @Field(() => Int, { description: "Inspections made in the period." }) done!: number;
  @Field(() => Int, { description: "Required inspections met (extra ones on one day or week do not make up for another)." }) met!: number;
  @Field(() => [GraphQLLocalDate], { description: "Working days without an inspection (daily quota only)." }) missingDays!: string[];
  @Field(() => [QuotaWeek], { description: "Weeks short of the weekly quota (weekly quota only)." }) shortWeeks!: QuotaWeek[];
  @Field(() => Float, { description: "met ÷ required (1 when nothing was required)." }) complianceRate!: number;
}

@ObjectType({ description: "Inspection quota compliance for a period and a unit's supervisors." })
export class InspectionQuota {
  @Field(() => GraphQLLocalDate, { description: "First day of the period." }) from!: string;
  @Field(() => GraphQLLocalDate, { description: "Last day counted: the period's end, or today if earlier." }) to!: string;
  @Field(() => Int, { description: "Working days in the counted period." }) workingDays!: number;
  @Field(() => [QuotaRow], { description: "One row per supervisor, least compliant first." }) rows!: QuotaRow[];
  @Field(() => Float, { description: "All supervisors together: met ÷ required." }) complianceRate!: number;
}
