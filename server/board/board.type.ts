import { Field, Float, GraphQLISODateTime, Int, ObjectType } from "type-graphql";
import { Unit } from "../units/unit.type.js";

@ObjectType({ description: "Counts by flag for one unit and everything under it." })
export class BoardUnitRow {
  @Field(() => Unit, { description: "The unit." }) unit!: Unit;
  @Field(() => Int, { description: "Not yet verified (在账)." }) open!: number;
  @Field(() => Int, { description: "Past the deadline (超期)." }) overdue!: number;
  @Field(() => Int, { description: "In warning (预警)." }) inWarning!: number;
  @Field(() => Int, { description: "红旗 verified." }) red!: number;
  @Field(() => Int, { description: "黄旗 in progress within the deadline." }) yellow!: number;
  @Field(() => Int, { description: "黑旗 past the deadline and not verified." }) black!: number;
}

@ObjectType({ description: "One calendar month (Asia/Shanghai) of the board's trend: findings opened and verified." })
export class BoardTrendPoint {
  @Field(() => String, { description: "The month, YYYY-MM." }) month!: string;
  @Field(() => Int, { description: "Findings found (发现) in the month, withdrawn ones excluded." }) opened!: number;
  @Field(() => Int, { description: "Findings verified (销号) in the month." }) verified!: number;
}

@ObjectType({ description: "曝光台 The exposure board's headline counters and per-unit rows." })
export class Board {
  @Field(() => Unit, { nullable: true, description: "The unit the board covers; null when it covers several roots." })
  unit!: Unit | null;
  @Field(() => Int, { description: "Findings not yet verified or withdrawn (在账)." }) open!: number;
  @Field(() => Int, { description: "Open findings past their deadline (超期, 黑旗)." }) overdue!: number;
  @Field(() => Int, { description: "Open findings in their warning period (预警)." }) inWarning!: number;
  @Field(() => Int, { description: "Findings verified (销号) this calendar month in Asia/Shanghai." }) verifiedThisMonth!: number;
  @Field(() => Int, { description: "Findings verified, all time." }) verified!: number;
  @Field(() => Float, { description: "整改率: verified ÷ all findings not withdrawn (0 when there are none)." }) rectificationRate!: number;
  @Field(() => [BoardUnitRow], { description: "One row per unit directly under the board's unit, most overdue first." })
  units!: BoardUnitRow[];
  @Field(() => GraphQLISODateTime, { description: "The clock the counts were taken at." }) asOf!: Date;
  /** The subtree the board covers (undefined: everything in scope); the trend resolver reads it. */
  underPath?: string;
  /** The units whose subtree tallies sum to this board (the unit, or the viewer's roots). */
  tallyUnitIds?: number[];
}

@ObjectType({ description: "Process supervisors' quotas (每日一案 / 每周两案) this month, for the wall board." })
export class BoardQuota {
  @Field(() => Float, { description: "Required inspections met ÷ required, this month up to today (1 when none were required)." }) complianceRate!: number;
  @Field(() => Int, { description: "Process supervisors in the board's subtree." }) supervisors!: number;
  @Field(() => Int, { description: "Of them, below their quota this month." }) belowQuota!: number;
}

@ObjectType({ description: "一票否决 this year, for the wall board: counts only." })
export class BoardVeto {
  @Field(() => Int, { description: "Prosecutors VETOED this year (one UNQUALIFIED or three FLAW reviews)." }) vetoed!: number;
  @Field(() => Int, { description: "Prosecutors AT_RISK this year (two FLAW reviews)." }) atRisk!: number;
}
