import { Length, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../relay/connection.js";
import { UnitCategory, UnitKind, UnitLevel } from "./unit.type.js";

@InputType({ description: "Which units to list." })
export class UnitFilter {
  @Field(() => ID, { nullable: true, description: "Only this unit's subtree (itself included)." }) under?: string | null;
  @Field(() => ID, { nullable: true, description: "Only direct children of this unit." }) parent?: string | null;
  @Field(() => UnitKind, { nullable: true, description: "Kind (类别)." }) kind?: UnitKind | null;
  @Field(() => UnitLevel, { nullable: true, description: "Level (层级)." }) level?: UnitLevel | null;
  @Field(() => String, { nullable: true, description: "Business line (业务条线)." }) @MaxLength(50) businessLine?: string | null;
  @Field(() => String, { nullable: true, description: "Text in name or code." }) @MaxLength(100) text?: string | null;
}

@ArgsType()
export class UnitsArgs extends ConnectionArgs {
  @Field(() => UnitFilter, { nullable: true }) filter?: UnitFilter | null;
}

@InputType({ description: "A new unit." })
export class CreateUnitInput {
  @Field(() => String, { description: "Code (代码), unique." }) @Length(1, 40) code!: string;
  @Field(() => String, { description: "Name (名称/姓名)." }) @Length(1, 100) name!: string;
  @Field(() => UnitKind, { description: "Kind (类别)." }) kind!: UnitKind;
  @Field(() => UnitLevel, { description: "Level (层级)." }) level!: UnitLevel;
  @Field(() => UnitCategory, { nullable: true, description: "Any of these categories." }) category?: UnitCategory | null;
  @Field(() => String, { nullable: true, description: "Business line (业务条线)." }) @MaxLength(50) businessLine?: string | null;
  @Field(() => ID, { nullable: true, description: "Parent unit; none for a root office." }) parent?: string | null;
  @Field(() => Int, { nullable: true, description: "Display order among siblings." }) sortOrder?: number | null;
}
