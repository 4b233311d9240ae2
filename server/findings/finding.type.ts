import { GraphQLLocalDate } from "graphql-scalars";
import { Field, GraphQLISODateTime, Int, ObjectType } from "type-graphql";
import type { findings, measures, responsibilities } from "../../db/tables/index.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";
import {
  Flag,
  FindingCategory,
  FindingSeverity,
  FindingSource,
  FindingStatus,
  RectificationClass,
  ResponsibilityTier,
} from "./finding.enums.js";

export type FindingRow = typeof findings.$inferSelect;
export type MeasureRow = typeof measures.$inferSelect;
export type ResponsibilityRow = typeof responsibilities.$inferSelect;

@ObjectType({ implements: Node, description: "问题 A finding: one problem, down to unit, handler and case, driven to a verified fix." })
export class Finding extends Node {
  row!: FindingRow;

  @Field(() => String, { description: "Finding code (问题编号), e.g. ZG-2026-00042." }) code!: string;
  @Field(() => String, { description: "Short title (问题概要)." }) title!: string;
  @Field(() => String, { description: "Concrete example and description (具体表现)." }) description!: string;
  @Field(() => String, { nullable: true, description: "Case reference (案号)." }) caseRef!: string | null;
  @Field(() => FindingCategory, { description: "Category (问题类别)." }) category!: FindingCategory;
  @Field(() => FindingSeverity, { description: "Severity (性质)." }) severity!: FindingSeverity;
  @Field(() => FindingSource, { description: "Source process (来源)." }) source!: FindingSource;
  @Field(() => RectificationClass, { description: "Rectification class (整改分类)." }) rectificationClass!: RectificationClass;
  @Field(() => FindingStatus, { description: "Workflow status (状态)." }) status!: FindingStatus;
  @Field(() => GraphQLLocalDate, { description: "Deadline (整改时限), the last allowed day in Asia/Shanghai." }) deadline!: string;
  @Field(() => GraphQLISODateTime, { description: "From this time the finding is in warning (预警时间)." }) warningAt!: Date;
  @Field(() => GraphQLISODateTime, { description: "When it was found (发现时间)." }) foundAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When the fix was last submitted (提交验收)." }) submittedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When it was verified and struck off (销号)." }) verifiedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Reason of the last rejection (退回理由)." }) rejectionReason!: string | null;
  @Field(() => String, { nullable: true, description: "Reason of withdrawal (撤销理由)." }) withdrawalReason!: string | null;
  @Field(() => GraphQLISODateTime, { description: "Created (创建时间)." }) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { description: "Last changed (更新时间)." }) updatedAt!: Date;
  @Field(() => Int, { description: "Version for optimistic concurrency; pass it back to updateFinding." }) version!: number;
  @Field(() => Boolean, { description: "Past the deadline and not verified (超期)." }) overdue!: boolean;
  @Field(() => Boolean, { description: "In the warning period before the deadline (预警)." }) inWarning!: boolean;
  @Field(() => Flag, { nullable: true, description: "红/黄/黑旗; null for a withdrawn finding." }) flag!: Flag | null;

  static from(row: FindingRow, derived: { overdue: boolean; inWarning: boolean; flag: Flag | null }): Finding {
    return Object.assign(new Finding(), {
      id: toGlobalId("Finding", row.id),
      row,
      code: row.code,
      title: row.title,
      description: row.description,
      caseRef: row.caseRef,
      category: row.category as FindingCategory,
      severity: row.severity as FindingSeverity,
      source: row.source as FindingSource,
      rectificationClass: row.rectificationClass as RectificationClass,
      status: row.status as FindingStatus,
      deadline: row.deadline,
      warningAt: row.warningAt,
      foundAt: row.foundAt,
      submittedAt: row.submittedAt,
      verifiedAt: row.verifiedAt,
      rejectionReason: row.rejectionReason,
      withdrawalReason: row.withdrawalReason,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
      ...derived,
    });
  }
}

@ObjectType({ implements: Node, description: "整改措施 A rectification measure with an owner and a due date." })
export class Measure extends Node {
  row!: MeasureRow;
  @Field(() => String, { description: "What will be done (措施内容)." }) text!: string;
  @Field(() => GraphQLLocalDate, { description: "Due date (完成时限)." }) due!: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When it was completed (完成时间)." }) doneAt!: Date | null;
  @Field(() => Boolean, { description: "Completed (已完成)." }) done!: boolean;

  static from(row: MeasureRow): Measure {
    return Object.assign(new Measure(), {
      id: toGlobalId("Measure", row.id),
      row,
      text: row.text,
      due: row.due,
      doneAt: row.doneAt,
      done: row.doneAt !== null,
    });
  }
}

@ObjectType({ implements: Node, description: "责任 Who answers for a finding, and at which tier." })
export class Responsibility extends Node {
  row!: ResponsibilityRow;
  @Field(() => ResponsibilityTier, { description: "Tier (首要/主要/直接责任)." }) tier!: ResponsibilityTier;

  static from(row: ResponsibilityRow): Responsibility {
    return Object.assign(new Responsibility(), {
      id: toGlobalId("Responsibility", row.id),
      row,
      tier: row.tier as ResponsibilityTier,
    });
  }
}
