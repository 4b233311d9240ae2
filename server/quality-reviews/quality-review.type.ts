import { GraphQLLocalDate } from "graphql-scalars";
import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from "type-graphql";
import type { qualityReviews } from "../../db/tables/index.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";

export enum QualityReviewMode {
  OWN_OFFICE = "OWN_OFFICE",
  HIGHER_OFFICE = "HIGHER_OFFICE",
  CROSS_REGION = "CROSS_REGION",
}
registerEnumType(QualityReviewMode, {
  name: "QualityReviewMode",
  description: "Who reviews the case (评查方式).",
  valuesConfig: {
    OWN_OFFICE: { description: "本院评查: the prosecutor's own office (routine cases)" },
    HIGHER_OFFICE: { description: "上级院评查 (提级抽查复核): an office above the prosecutor's (key cases)" },
    CROSS_REGION: { description: "异地交叉评查: another basic-level office (specific cases)" },
  },
});

export enum QualityReviewResult {
  QUALIFIED = "QUALIFIED",
  FLAW = "FLAW",
  UNQUALIFIED = "UNQUALIFIED",
}
registerEnumType(QualityReviewResult, {
  name: "QualityReviewResult",
  description: "Result of a case quality review (评查结果).",
  valuesConfig: {
    QUALIFIED: { description: "合格 qualified" },
    FLAW: { description: "瑕疵 flawed: opens a finding; three in a year veto the prosecutor's rating" },
    UNQUALIFIED: { description: "不合格 unqualified: opens a finding; one vetoes the prosecutor's rating" },
  },
});

export type QualityReviewRow = typeof qualityReviews.$inferSelect;

@ObjectType({ implements: Node, description: "案件质量评查 One reviewed case of one prosecutor (承办检察官), with the reviewer unit and the result." })
export class QualityReview extends Node {
  rowId!: number;
  prosecutorRowId!: number;
  unitRowId!: number;
  reviewerUnitRowId!: number;
  unitPath!: string;

  @Field(() => String, { description: "Case reference (案号) of the reviewed case." }) caseRef!: string;
  @Field(() => QualityReviewMode, { description: "Who reviewed (评查方式)." }) mode!: QualityReviewMode;
  @Field(() => QualityReviewResult, { description: "Result (评查结果)." }) result!: QualityReviewResult;
  @Field(() => GraphQLLocalDate, { description: "Day reviewed (Asia/Shanghai)." }) reviewedOn!: string;
  @Field(() => String, { description: "Notes (备注)." }) notes!: string;
  @Field(() => GraphQLISODateTime, { description: "When it was registered." }) createdAt!: Date;

  static from(row: QualityReviewRow): QualityReview {
    return Object.assign(new QualityReview(), {
      id: toGlobalId("QualityReview", row.id),
      rowId: row.id,
      prosecutorRowId: row.prosecutorId,
      unitRowId: row.unitId,
      reviewerUnitRowId: row.reviewerUnitId,
      unitPath: row.unitPath,
      caseRef: row.caseRef,
      mode: row.mode as QualityReviewMode,
      result: row.result as QualityReviewResult,
      reviewedOn: row.reviewedOn,
      notes: row.notes,
      createdAt: row.createdAt,
    });
  }
}
