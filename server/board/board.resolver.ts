import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";
import { monthQuotaUnder } from "../inspections/inspections.service.js";
import { vetoTotalsUnder } from "../quality-reviews/veto-watch.service.js";
import { Board, BoardQuota, BoardTrendPoint, BoardVeto } from "./board.type.js";
import { getBoard, getBoardTrend } from "./board.service.js";

@Resolver(() => Board)
export class BoardResolver {
  @Query(() => Board, { description: "曝光台: headline counters and per-unit flags for a unit's subtree (default: all the viewer sees)." })
  board(@Arg("unit", () => ID, { nullable: true }) unit: string | null, @Ctx() ctx: Context) {
    return getBoard(ctx, unit);
  }

  @FieldResolver(() => [BoardTrendPoint], { description: "Findings opened vs verified per month, oldest first (default: 12 months)." })
  trend(@Root() board: Board, @Arg("months", () => Int, { defaultValue: 12 }) months: number, @Ctx() ctx: Context) {
    if (months < 1 || months > 36) throw badInput("months", "months must be between 1 and 36");
    return getBoardTrend(ctx, board, months);
  }

  @FieldResolver(() => BoardQuota, { description: "每日一案 / 每周两案 compliance of the process supervisors under the board's unit, this month." })
  async quota(@Root() board: Board, @Ctx() ctx: Context): Promise<BoardQuota> {
    const quota = await monthQuotaUnder(ctx, board.underPath);
    return { complianceRate: quota.complianceRate, supervisors: quota.rows.length, belowQuota: quota.rows.filter((r) => r.complianceRate < 1).length };
  }

  @FieldResolver(() => BoardVeto, { description: "一票否决 watch under the board's unit this year: how many prosecutors are vetoed or at risk." })
  veto(@Root() board: Board, @Ctx() ctx: Context): Promise<BoardVeto> {
    return vetoTotalsUnder(ctx, board.underPath);
  }
}
