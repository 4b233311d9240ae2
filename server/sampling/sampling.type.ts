import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from "type-graphql";
import type { samplingPicks, samplingRounds } from "../../db/tables/index.js";
import { Finding } from "../findings/finding.type.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";
import { Unit } from "../units/unit.type.js";

export enum SamplingPickRole {
  CITY_BUSINESS = "CITY_BUSINESS",
  CITY_COMPREHENSIVE = "CITY_COMPREHENSIVE",
  BASIC_OFFICE = "BASIC_OFFICE",
  BASIC_DEPARTMENT = "BASIC_DEPARTMENT",
}
registerEnumType(SamplingPickRole, {
  name: "SamplingPickRole",
  description: "Why a unit is in a sampling round (抽样角色).",
  valuesConfig: {
    CITY_BUSINESS: { description: "市院业务部门: one of the 2 business departments of the city office drawn each round" },
    CITY_COMPREHENSIVE: { description: "市院综合部门: the comprehensive department of the city office drawn each round" },
    BASIC_OFFICE: { description: "基层院: the basic-level office drawn each round" },
    BASIC_DEPARTMENT: { description: "基层院对口部门: a department of the drawn basic office in the business line of a drawn city department" },
  },
});

export type SamplingRoundRow = typeof samplingRounds.$inferSelect;
export type SamplingPickRow = typeof samplingPicks.$inferSelect;

@ObjectType({ description: "One unit a sampling round drew (抽中单位), with the algorithm's reason." })
export class SamplingPick {
  unitRowId!: number;
  unitPath!: string;

  @Field(() => SamplingPickRole, { description: "Role in the round (抽样角色)." }) role!: SamplingPickRole;
  @Field(() => Int, { description: "Draw order within the round, from 1." }) position!: number;
  @Field(() => String, { description: "Why the algorithm drew it (audit text: times drawn before, quota deficit, seeded key)." }) reason!: string;

  static from(row: Pick<SamplingPickRow, "unitId" | "unitPath" | "role" | "position" | "reason">): SamplingPick {
    return Object.assign(new SamplingPick(), {
      unitRowId: row.unitId,
      unitPath: row.unitPath,
      role: row.role as SamplingPickRole,
      position: row.position,
      reason: row.reason,
    });
  }
}

@ObjectType({
  implements: Node,
  description:
    "特别抽样评估 One sampling round of a city office's jurisdiction: year, round number, the stored seed and algorithm (anyone may re-draw and get the same picks) and the units drawn.",
})
export class SamplingRound extends Node {
  rowId!: number;
  officeRowId!: number;
  officePath!: string;
  comparedWithRowId!: number | null;
  drawnByRowId!: number | null;

  @Field(() => Int, { description: "Calendar year (年度)." }) year!: number;
  @Field(() => Int, { description: "Round number within the year (第几轮), from 1." }) round!: number;
  @Field(() => String, { description: "The seed (随机种子) the draw used." }) seed!: string;
  @Field(() => String, { description: "Name and version of the draw algorithm, e.g. sv-sampling/1 (see previewSamplingRound)." }) algorithm!: string;
  @Field(() => GraphQLISODateTime, { description: "When it was drawn (抽取时间)." }) drawnAt!: Date;

  static from(row: SamplingRoundRow): SamplingRound {
    return Object.assign(new SamplingRound(), {
      id: toGlobalId("SamplingRound", row.id),
      rowId: row.id,
      officeRowId: row.officeId,
      officePath: row.officePath,
      comparedWithRowId: row.comparedWithId,
      drawnByRowId: row.drawnById,
      year: row.year,
      round: row.round,
      seed: row.seed,
      algorithm: row.algorithm,
      drawnAt: row.drawnAt,
    });
  }
}

@ObjectType({ description: "A draw computed without storing it (抽样预演): what drawSamplingRound would draw with this seed now." })
export class SamplingDraw {
  @Field(() => Int, { description: "Calendar year." }) year!: number;
  @Field(() => Int, { description: "Round number." }) round!: number;
  @Field(() => String, { description: "The seed used." }) seed!: string;
  @Field(() => String, { description: "The algorithm used." }) algorithm!: string;
  @Field(() => [SamplingPick], { description: "The units it draws, in draw order." }) picks!: SamplingPick[];
}

@ObjectType({ description: "One unit's yearly sampling quota (抽样频次) and whether the remaining rounds can still meet it." })
export class SamplingQuotaUnit {
  unitRowId!: number;
  @Field(() => Unit, { description: "The unit." }) unit!: Unit;
  @Field(() => SamplingPickRole, { description: "Its role in draws." }) role!: SamplingPickRole;
  @Field(() => Int, { description: "Draws it needs this year (每个基层院至少3次, 市院各部门至少1次)." }) required!: number;
  @Field(() => Int, { description: "Times drawn this year so far." }) drawn!: number;
  @Field(() => Int, { description: "Draws still needed to reach the quota." }) deficit!: number;
  @Field(() => Int, { description: "Draws the remaining rounds cannot give it, under the best possible schedule (0 = can be met)." }) shortfall!: number;
  @Field(() => Boolean, { description: "Whether its quota can still be met." }) feasible!: boolean;
}

@ObjectType({ description: "The quota arithmetic of one role: what the year needs against what the remaining rounds hold." })
export class SamplingQuotaGroup {
  @Field(() => SamplingPickRole, { description: "The role (basic offices, city business or comprehensive departments)." }) role!: SamplingPickRole;
  @Field(() => Int, { description: "Units in this role." }) units!: number;
  @Field(() => Int, { description: "Yearly quota per unit." }) perUnit!: number;
  @Field(() => Int, { description: "Units of this role a round draws." }) perRound!: number;
  @Field(() => Int, { description: "units × perUnit: draws the year needs." }) required!: number;
  @Field(() => Int, { description: "Draws already counting toward quotas." }) met!: number;
  @Field(() => Int, { description: "Draws still needed (sum of deficits)." }) needed!: number;
  @Field(() => Int, { description: "Draws the remaining rounds hold (remaining rounds × perRound)." }) capacity!: number;
  @Field(() => Int, { description: "Draws that cannot be made under the best schedule; 0 when feasible." }) shortfall!: number;
}

@ObjectType({
  description:
    "抽样计划 Whether a year's configured rounds can meet every quota of a city office's jurisdiction; infeasible quotas are listed with the numbers, never silently dropped.",
})
export class SamplingPlan {
  @Field(() => Unit, { description: "The city office (市院)." }) office!: Unit;
  @Field(() => Int, { description: "Calendar year." }) year!: number;
  @Field(() => Int, { description: "Rounds configured for the year (default 6, one every two months)." }) rounds!: number;
  @Field(() => Int, { description: "Rounds already drawn." }) roundsDrawn!: number;
  @Field(() => Int, { description: "Rounds still to draw." }) roundsRemaining!: number;
  @Field(() => Int, { nullable: true, description: "The next round number to draw; null when all configured rounds are drawn." }) nextRound!: number | null;
  @Field(() => Boolean, { description: "Whether every quota can still be met." }) feasible!: boolean;
  @Field(() => [SamplingQuotaGroup], { description: "Quota arithmetic per role." }) groups!: SamplingQuotaGroup[];
  @Field(() => [SamplingQuotaUnit], { description: "Every drawable unit with its quota, by role then unit code." }) units!: SamplingQuotaUnit[];
  @Field(() => [String], { description: "One English sentence per problem, with the numbers; empty when feasible." }) problems!: string[];
}

@ObjectType({ description: "One problem found in the earlier round, and where it stands now (两次评估互相对照)." })
export class SamplingComparisonItem {
  @Field(() => Finding, { description: "The finding of the earlier round." }) finding!: Finding;
  @Field(() => Boolean, { description: "Whether it is resolved: verified and struck off (已销号)." }) resolved!: boolean;
  @Field(() => Boolean, { description: "Whether the later round found a problem of the same category in the same unit again (重复出现)." }) recurred!: boolean;
}

@ObjectType({ description: "两次评估互相对照: the problems of an earlier sampling round against a later one (e.g. the year-end re-draw)." })
export class SamplingComparison {
  @Field(() => SamplingRound, { description: "The earlier round." }) earlier!: SamplingRound;
  @Field(() => SamplingRound, { description: "The later round." }) later!: SamplingRound;
  @Field(() => [SamplingComparisonItem], { description: "The earlier round's problems (withdrawn ones left out), oldest first." }) items!: SamplingComparisonItem[];
  @Field(() => Int, { description: "How many are resolved." }) resolved!: number;
  @Field(() => Int, { description: "How many are not resolved yet." }) unresolved!: number;
  @Field(() => [Finding], { description: "Problems the later round found (withdrawn ones left out)." }) laterFindings!: Finding[];
}
