import { ArrayMaxSize, ArrayMinSize, Length, ValidateNested } from "class-validator";
import { GraphQLLocalDate } from "graphql-scalars";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../relay/connection.js";
import { AccountabilityKind } from "./accountability.type.js";

@InputType({ description: "Which accountability actions to list." })
export class AccountabilityFilter {
  @Field(() => ID, { nullable: true, description: "Actions whose target is in this unit's subtree." }) unit?: string | null;
  @Field(() => [AccountabilityKind], { nullable: true, description: "Kind (类别)." }) @ArrayMaxSize(3) kind?: AccountabilityKind[] | null;
  @Field(() => ID, { nullable: true, description: "Against this person." }) person?: string | null;
  @Field(() => ID, { nullable: true, description: "Linked to this finding." }) finding?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Decided on or after this day." }) decidedFrom?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Decided on or before this day." }) decidedTo?: string | null;
}

@ArgsType()
export class AccountabilityActionsArgs extends ConnectionArgs {
  @Field(() => AccountabilityFilter, { nullable: true }) @ValidateNested() filter?: AccountabilityFilter | null;
}

@InputType({ description: "Record a decided accountability action (记录问责决定)." })
export class RecordAccountabilityActionInput {
  @Field(() => AccountabilityKind, { description: "Kind (类别)." }) kind!: AccountabilityKind;
  @Field(() => ID, { nullable: true, description: "Target person; give this or targetUnit." }) targetPerson?: string | null;
  @Field(() => ID, { nullable: true, description: "Target unit; give this or targetPerson." }) targetUnit?: string | null;
  @Field(() => [ID], { description: "Findings the action is for." }) @ArrayMinSize(1) @ArrayMaxSize(100) findings!: string[];
  @Field(() => String, { description: "Reason (理由), required." }) @Length(1, 2000) reason!: string;
  @Field(() => ID, { nullable: true, description: "Who decided; default the signed-in person." }) decidedBy?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Default today (Asia/Shanghai)." }) decidedOn?: string | null;
}
