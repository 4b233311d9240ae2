import { GraphQLLocalDate } from "graphql-scalars";
import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from "type-graphql";
import type { accountabilityActions } from "../../db/tables/index.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";

export enum AccountabilityKind {
  TALK = "TALK",
  ADMONISHMENT = "ADMONISHMENT",
  BULLETIN_CRITICISM = "BULLETIN_CRITICISM",
}
registerEnumType(AccountabilityKind, {
  name: "AccountabilityKind",
  description: "Rungs of accountability (追责问责), in rising order.",
  valuesConfig: {
    TALK: { description: "约谈 talk" },
    ADMONISHMENT: { description: "诫勉谈话 admonishment" },
    BULLETIN_CRITICISM: { description: "通报批评 criticism by bulletin" },
  },
});

export type AccountabilityActionRow = typeof accountabilityActions.$inferSelect;

@ObjectType({ implements: Node, description: "追责问责 An accountability action against a person or a unit, linked to findings." })
export class AccountabilityAction extends Node {
  row!: AccountabilityActionRow;
  @Field(() => AccountabilityKind, { description: "Kind (问责方式)." }) kind!: AccountabilityKind;
  @Field(() => String, { description: "Reason (问责事由)." }) reason!: string;
  @Field(() => GraphQLLocalDate, { description: "Day decided (决定日期)." }) decidedOn!: string;
  @Field(() => GraphQLISODateTime, { description: "Recorded at." }) createdAt!: Date;

  static from(row: AccountabilityActionRow): AccountabilityAction {
    return Object.assign(new AccountabilityAction(), {
      id: toGlobalId("AccountabilityAction", row.id),
      row,
      kind: row.kind as AccountabilityKind,
      reason: row.reason,
      decidedOn: row.decidedOn,
      createdAt: row.createdAt,
    });
  }
}
