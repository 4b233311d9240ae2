import { GraphQLLocalDate } from "graphql-scalars";
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from "type-graphql";
import type { planMilestones, plans } from "../../db/tables/index.js";
import { Finding, Measure } from "../findings/finding.type.js";
import { Person } from "../people/person.type.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";

export type PlanRow = typeof plans.$inferSelect;
export type PlanMilestoneRow = typeof planMilestones.$inferSelect;

export enum PlanStatus {
  ACTIVE = "ACTIVE",
  CLOSED = "CLOSED",
}
registerEnumType(PlanStatus, {
  name: "PlanStatus",
  description: "Status of an improvement plan (一院一策).",
  valuesConfig: { ACTIVE: { description: "进行中 in progress" }, CLOSED: { description: "已结束 closed; no further changes" } },
});

export enum ProgressStep {
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
}
registerEnumType(ProgressStep, {
  name: "ProgressStep",
  description: "Spacing of the points of a plan's progress chart (挂图).",
  valuesConfig: { DAY: { description: "每日 one point a day" }, WEEK: { description: "每周 one point every 7 days" }, MONTH: { description: "每月 one point a month" } },
});

export enum TimetableEntryKind {
  MILESTONE = "MILESTONE",
  MEASURE = "MEASURE",
}
registerEnumType(TimetableEntryKind, {
  name: "TimetableEntryKind",
  description: "What a timetable entry (时间表) comes from.",
  valuesConfig: { MILESTONE: { description: "节点 a milestone of the plan" }, MEASURE: { description: "整改措施 a measure of one of the plan's findings" } },
});

@ObjectType({ implements: Node, description: "一院一策 An improvement plan for a weak unit (挂图作战): its problems, measures with owners and dates, and a timetable." })
export class Plan extends Node {
  rowId!: number;
  unitRowId!: number;
  createdByRowId!: number | null;
  unitPath!: string;

  @Field(() => String, { description: "Title (方案名称)." }) title!: string;
  @Field(() => String, { description: "Summary of the unit's problems and the approach (整改思路)." }) summary!: string;
  @Field(() => GraphQLLocalDate, { description: "First day of the plan (Asia/Shanghai)." }) startsOn!: string;
  @Field(() => GraphQLLocalDate, { description: "Last day of the plan (Asia/Shanghai)." }) endsOn!: string;
  @Field(() => PlanStatus, { description: "ACTIVE or CLOSED." }) status!: PlanStatus;
  @Field(() => GraphQLISODateTime, { description: "Created (创建时间)." }) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { description: "Last changed (更新时间)." }) updatedAt!: Date;
  @Field(() => Int, { description: "Version for optimistic concurrency; pass it back to change the plan." }) version!: number;

  static from(row: PlanRow): Plan {
    return Object.assign(new Plan(), {
      id: toGlobalId("Plan", row.id),
      rowId: row.id,
      unitRowId: row.unitId,
      createdByRowId: row.createdById,
      unitPath: row.unitPath,
      title: row.title,
      summary: row.summary,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      status: row.status as PlanStatus,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    });
  }
}

@ObjectType({ implements: Node, description: "时间表节点 A milestone of a plan's timetable, with an owner and a due date." })
export class PlanMilestone extends Node {
  rowId!: number;
  planRowId!: number;
  ownerRowId!: number | null;

  @Field(() => Int, { description: "Order in the plan (序号), from 1." }) position!: number;
  @Field(() => String, { description: "What is to be achieved (节点内容)." }) title!: string;
  @Field(() => GraphQLLocalDate, { description: "Due date (完成时限)." }) dueOn!: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When it was marked done (完成时间)." }) doneAt!: Date | null;
  @Field(() => Boolean, { description: "Done (已完成)." }) done!: boolean;

  static from(row: PlanMilestoneRow): PlanMilestone {
    return Object.assign(new PlanMilestone(), {
      id: toGlobalId("PlanMilestone", row.id),
      rowId: row.id,
      planRowId: row.planId,
      ownerRowId: row.ownerId,
      position: row.position,
      title: row.title,
      dueOn: row.dueOn,
      doneAt: row.doneAt,
      done: row.doneAt !== null,
    });
  }
}

@ObjectType({ description: "One entry of a plan's timetable (时间表): a milestone or a measure, by due date." })
export class PlanTimetableEntry {
  @Field(() => TimetableEntryKind, { description: "MILESTONE or MEASURE." }) kind!: TimetableEntryKind;
  @Field(() => GraphQLLocalDate, { description: "Due date (完成时限)." }) due!: string;
  @Field(() => String, { description: "What is to be done." }) title!: string;
  @Field(() => Person, { nullable: true, description: "Who is responsible (责任人); null when unset or outside the viewer's scope." }) owner!: Person | null;
  @Field(() => Boolean, { description: "Done (已完成)." }) done!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When it was done." }) doneAt!: Date | null;
  @Field(() => PlanMilestone, { nullable: true, description: "The milestone, for a MILESTONE entry." }) milestone!: PlanMilestone | null;
  @Field(() => Measure, { nullable: true, description: "The measure, for a MEASURE entry." }) measure!: Measure | null;
  @Field(() => Finding, { nullable: true, description: "The finding the measure belongs to, for a MEASURE entry." }) finding!: Finding | null;
}

@ObjectType({ description: "The plan's findings by flag (红/黄/黑旗) now." })
export class PlanFlagCounts {
  @Field(() => Int, { description: "Findings in the plan the viewer may see." }) total!: number;
  @Field(() => Int, { description: "红旗 verified and struck off." }) red!: number;
  @Field(() => Int, { description: "黄旗 in progress within the deadline." }) yellow!: number;
  @Field(() => Int, { description: "黑旗 past the deadline and not verified." }) black!: number;
  @Field(() => Int, { description: "Withdrawn (已撤销), no flag." }) withdrawn!: number;
}

@ObjectType({ description: "One point of a plan's progress chart (挂图): the plan's findings by flag at the end of a day (Asia/Shanghai)." })
export class PlanProgressPoint {
  @Field(() => GraphQLLocalDate, { description: "The day; counts are as at the end of it." }) date!: string;
  @Field(() => Int, { description: "红旗 verified by then." }) red!: number;
  @Field(() => Int, { description: "黄旗 open, rectifying or submitted, deadline not yet passed." }) yellow!: number;
  @Field(() => Int, { description: "黑旗 open, rectifying or submitted, past the deadline." }) black!: number;
  @Field(() => Int, { description: "Withdrawn (已撤销) by then." }) withdrawn!: number;
  @Field(() => Int, { description: "Not yet recorded on the ledger by then (尚未发现)." }) notYetFound!: number;
}
