import { Field, GraphQLISODateTime, Int, ObjectType } from "type-graphql";
import { Unit } from "../units/unit.type.js";
import { SupervisionItem } from "./supervision.type.js";

@ObjectType({ description: "Supervision items of one unit's subtree in the report month (or of the report unit itself, `own`)." })
export class SupervisionReportUnitRow {
  @Field(() => Unit, { description: "The responsible unit (with everything under it, unless `own`)." }) unit!: Unit;
  @Field(() => Boolean, { description: "True for the row of items on the report unit itself (本级), not on a unit under it." }) own!: boolean;
  @Field(() => Int, { description: "Items started (立项) in the month." }) opened!: number;
  @Field(() => Int, { description: "Items closed (办结) in the month." }) closed!: number;
  @Field(() => Int, { description: "Items open at the report time, whenever started." }) open!: number;
  @Field(() => Int, { description: "Of them, overdue (超期) at the report time." }) overdue!: number;
}

@ObjectType({ description: "督察专报 The monthly supervision report to the chief (检察长) for a Shanghai calendar month." })
export class SupervisionReport {
  @Field(() => String, { description: "The month, YYYY-MM (Asia/Shanghai)." }) month!: string;
  @Field(() => Unit, { nullable: true, description: "The unit reported on (null: the viewer's several separate subtrees)." }) unit!: Unit | null;
  @Field(() => GraphQLISODateTime, { description: "Report time: the end of the month, or now for the current month." }) asOf!: Date;
  @Field(() => Int, { description: "Items started in the month." }) opened!: number;
  @Field(() => Int, { description: "Items closed in the month." }) closed!: number;
  @Field(() => Int, { description: "Items open at the report time." }) open!: number;
  @Field(() => Int, { description: "Items overdue at the report time." }) overdue!: number;
  @Field(() => Int, { description: "Supervision suggestions (督察建议) issued in the month." }) suggestions!: number;
  @Field(() => Int, { description: "Rectification notices (整改通知书) issued in the month." }) rectificationNotices!: number;
  @Field(() => [SupervisionReportUnitRow], {
    description: "One row per unit directly under the report's unit (or per subtree top), in tree order; first a row (`own`) for items on the report unit itself when they count for anything in the month.",
  })
  byUnit!: SupervisionReportUnitRow[];
  @Field(() => [SupervisionItem], { description: "Items overdue at the report time, soonest deadline first, at most 50." }) overdueItems!: SupervisionItem[];
}
