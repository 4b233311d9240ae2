import { Field, ObjectType, registerEnumType } from "type-graphql";
import { AccountabilityKind } from "./accountability.type.js";

export enum AccountabilityReasonKind {
  OVERDUE = "OVERDUE",
  REJECTED = "REJECTED",
  REPEAT = "REPEAT",
}
registerEnumType(AccountabilityReasonKind, {
  name: "AccountabilityReasonKind",
  description: "Why accountability (追责问责) is recommended: rectification is not in place.",
  valuesConfig: {
    OVERDUE: { description: "超期未整改 not verified and past its deadline (Asia/Shanghai)" },
    REJECTED: { description: "整改被退回 a submitted fix was rejected at least once" },
    REPEAT: {
      description: "重复发生 the same category again for the same target within 12 months, or marked as a repeat (repeatOf)",
    },
  },
});

@ObjectType({ description: "问责事由 One reason for a recommendation, naming the findings it is about." })
export class AccountabilityReason {
  /** Row ids of the findings named; the field resolver loads them. */
  findingIds!: number[];
  @Field(() => AccountabilityReasonKind, { description: "Kind of reason (事由)." }) kind!: AccountabilityReasonKind;
}

@ObjectType({
  description:
    "问责建议 The next rung of accountability recommended against one person (承办人) or one unit; " +
    "it only recommends — a person decides and records the action.",
})
export class AccountabilityRecommendation {
  targetPersonId!: number | null;
  targetUnitId!: number | null;
  /** Every finding named by a reason, ascending. */
  findingIds!: number[];
  /** For sorting: the target's name, loaded through the request's DataLoaders. */
  targetName!: string;

  @Field(() => [AccountabilityReason], { description: "Reasons (事由): overdue, then rejected, then repeat; each names its findings." })
  reasons!: AccountabilityReason[];
  @Field(() => AccountabilityKind, {
    nullable: true,
    description: "Highest rung already recorded against this target by actions linked to these findings (已受问责); null if none.",
  })
  received!: AccountabilityKind | null;
  @Field(() => AccountabilityKind, {
    nullable: true,
    description: "The rung recommended now (建议问责方式), one above `received`; null only when `exhausted`.",
  })
  next!: AccountabilityKind | null;
  @Field(() => Boolean, {
    description:
      "通报批评 was already received: beyond the ladder — refer to the discipline inspection organ (移送纪检监察机关). " +
      "The target stays listed with next = null.",
  })
  exhausted!: boolean;
}
