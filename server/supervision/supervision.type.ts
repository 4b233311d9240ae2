import { GraphQLLocalDate } from "graphql-scalars";
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from "type-graphql";
import type { supervisionFeedback, supervisionItems, supervisionNotices } from "../../db/tables/index.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";
import type { SupervisionDerived } from "./supervision.derive.js";

export enum SupervisionSource {
  LEADER_ASSIGNED = "LEADER_ASSIGNED",
  HIGHER_OFFICE = "HIGHER_OFFICE",
  COMPLAINT = "COMPLAINT",
  ROUTINE = "ROUTINE",
  SPECIAL = "SPECIAL",
}
registerEnumType(SupervisionSource, {
  name: "SupervisionSource",
  description: "Where a supervision item comes from (督察来源).",
  valuesConfig: {
    LEADER_ASSIGNED: { description: "领导交办 assigned by the office's leadership" },
    HIGHER_OFFICE: { description: "上级交办 assigned by a higher office" },
    COMPLAINT: { description: "信访举报 a complaint or report" },
    ROUTINE: { description: "日常督察 routine supervision" },
    SPECIAL: { description: "专项督察 a special campaign" },
  },
});

export enum SupervisionStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
}
registerEnumType(SupervisionStatus, {
  name: "SupervisionStatus",
  description: "State of a supervision item.",
  valuesConfig: { OPEN: { description: "办理中 being handled" }, CLOSED: { description: "已办结 closed with a summary" } },
});

export enum SupervisionNoticeKind {
  SUGGESTION = "SUGGESTION",
  RECTIFICATION_NOTICE = "RECTIFICATION_NOTICE",
}
registerEnumType(SupervisionNoticeKind, {
  name: "SupervisionNoticeKind",
  description: "What a supervision item issues to the responsible unit.",
  valuesConfig: {
    SUGGESTION: { description: "督察建议 a supervision suggestion; may name problems" },
    RECTIFICATION_NOTICE: { description: "整改通知书 a rectification notice; names at least one problem" },
  },
});

export type SupervisionItemRow = typeof supervisionItems.$inferSelect;
export type SupervisionFeedbackRow = typeof supervisionFeedback.$inferSelect;
export type SupervisionNoticeRow = typeof supervisionNotices.$inferSelect;

@ObjectType({
  implements: Node,
  description: "检务督察 (项目化督察) One supervision item (督察立项): a matter taken on for a responsible unit, due in a week by default (一周办结).",
})
export class SupervisionItem extends Node {
  rowId!: number;
  unitRowId!: number;
  openedByRowId!: number | null;
  unitPath!: string;

  @Field(() => String, { description: "Item number (督察编号), e.g. 督〔2026〕3号: per year of opening." }) code!: string;
  @Field(() => String, { description: "Title (督察事项)." }) title!: string;
  @Field(() => SupervisionSource, { description: "Source (督察来源)." }) source!: SupervisionSource;
  @Field(() => String, { description: "Requirements (督察要求) the responsible unit must meet." }) requirements!: string;
  @Field(() => GraphQLLocalDate, { description: "Start day (立项日期, Asia/Shanghai)." }) startedOn!: string;
  @Field(() => GraphQLLocalDate, { description: "Due day (办结时限): the last allowed Shanghai day; default five working days after the start (一周办结)." })
  deadline!: string;
  @Field(() => GraphQLISODateTime, { description: "Warning time (预警时间); default the start of the working day before the deadline." }) warningAt!: Date;
  @Field(() => SupervisionStatus, { description: "State (办理状态)." }) status!: SupervisionStatus;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When it was closed (办结时间)." }) closedAt!: Date | null;
  @Field(() => String, { nullable: true, description: "Closing summary (办结情况)." }) closingSummary!: string | null;
  @Field(() => GraphQLISODateTime, { description: "When it was opened in the system." }) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { description: "Last change." }) updatedAt!: Date;
  @Field(() => Int, { description: "Optimistic-concurrency version; pass it back when closing." }) version!: number;
  @Field(() => Boolean, { description: "超期: open and past the deadline's last day (Asia/Shanghai)." }) overdue!: boolean;
  @Field(() => Boolean, { description: "预警: open, not overdue, and the warning time has come." }) inWarning!: boolean;
  @Field(() => Int, { nullable: true, description: "Calendar days from today to the deadline (0 = due today, negative = overdue); null once closed." })
  daysLeft!: number | null;

  static from(row: SupervisionItemRow, derived: SupervisionDerived): SupervisionItem {
    return Object.assign(new SupervisionItem(), {
      id: toGlobalId("SupervisionItem", row.id),
      rowId: row.id,
      unitRowId: row.unitId,
      openedByRowId: row.openedById,
      unitPath: row.unitPath,
      code: row.code,
      title: row.title,
      source: row.source as SupervisionSource,
      requirements: row.requirements,
      startedOn: row.startedOn,
      deadline: row.deadline,
      warningAt: row.warningAt,
      status: row.status as SupervisionStatus,
      closedAt: row.closedAt,
      closingSummary: row.closingSummary,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
      ...derived,
    });
  }
}

@ObjectType({ description: "反馈 One feedback entry on a supervision item: the responsible unit's reply or the supervisor's note." })
export class SupervisionFeedback {
  authorRowId!: number | null;
  @Field(() => String, { description: "What was reported (反馈内容)." }) text!: string;
  @Field(() => GraphQLISODateTime, { description: "When it was entered." }) createdAt!: Date;

  static from(row: SupervisionFeedbackRow): SupervisionFeedback {
    return Object.assign(new SupervisionFeedback(), { authorRowId: row.authorId, text: row.text, createdAt: row.createdAt });
  }
}

@ObjectType({ implements: Node, description: "督察建议 / 整改通知书 A notice issued from a supervision item; its problems become findings (source SUPERVISION)." })
export class SupervisionNotice extends Node {
  rowId!: number;
  itemRowId!: number;
  issuedByRowId!: number | null;
  unitPath!: string;

  @Field(() => SupervisionNoticeKind, { description: "Kind (督察建议 or 整改通知书)." }) kind!: SupervisionNoticeKind;
  @Field(() => String, { description: "Notice number, per year and kind: 督建〔2026〕2号 or 督改〔2026〕1号." }) code!: string;
  @Field(() => String, { description: "The notice's text (正文)." }) text!: string;
  @Field(() => GraphQLISODateTime, { description: "When it was issued (签发时间)." }) issuedAt!: Date;

  static from(row: SupervisionNoticeRow): SupervisionNotice {
    return Object.assign(new SupervisionNotice(), {
      id: toGlobalId("SupervisionNotice", row.id),
      rowId: row.id,
      itemRowId: row.itemId,
      issuedByRowId: row.issuedById,
      unitPath: row.unitPath,
      kind: row.kind as SupervisionNoticeKind,
      code: row.code,
      text: row.text,
      issuedAt: row.issuedAt,
    });
  }
}
