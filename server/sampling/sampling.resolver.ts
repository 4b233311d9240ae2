import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Finding } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import { Person } from "../people/person.type.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import { DEFAULT_ROUNDS_PER_YEAR } from "./sampling.algorithm.js";
import { DrawSamplingRoundInput, SamplingRoundsArgs } from "./sampling.inputs.js";
import { compareRounds, drawSamplingRound, listSamplingRounds, previewSamplingRound, samplingPlan } from "./sampling.service.js";
import { SamplingComparison, SamplingDraw, SamplingPick, SamplingPlan, SamplingRound } from "./sampling.type.js";

const SamplingRoundConnection = connectionType("SamplingRound", SamplingRound, "sampling rounds");
const OFFICE_ARG = { nullable: true, description: "The city office (市院); default the only city office the viewer sees." } as const;
const YEAR_ARG = { description: "Calendar year, 2000–2100." } as const;

@Resolver(() => SamplingRound)
export class SamplingRoundsResolver {
  @Query(() => SamplingRoundConnection, {
    description: "特别抽样评估: rounds whose city office or one of whose drawn units the viewer sees, in draw order.",
  })
  async samplingRounds(@Args(() => SamplingRoundsArgs) args: SamplingRoundsArgs, @Ctx() ctx: Context) {
    return toConnection(await listSamplingRounds(ctx, args));
  }

  @Query(() => SamplingPlan, { description: "抽样计划: whether the year's rounds can meet every quota (each basic office ≥ 3, each city department ≥ 1); shortfalls are named with numbers." })
  samplingPlan(
    @Arg("year", () => Int, YEAR_ARG) year: number,
    @Arg("office", () => ID, OFFICE_ARG) office: string | null,
    @Arg("rounds", () => Int, { defaultValue: DEFAULT_ROUNDS_PER_YEAR, description: "Rounds configured for the year, 1–24 (default 6, one every two months)." }) rounds: number,
    @Ctx() ctx: Context,
  ) {
    return samplingPlan(ctx, year, office, rounds);
  }

  @Query(() => SamplingDraw, {
    description:
      "Re-draw (复核抽样): what a round draws with a seed under the stored algorithm, without storing anything. With a stored round's seed it gives the stored picks while the units are unchanged.",
  })
  previewSamplingRound(
    @Arg("year", () => Int, YEAR_ARG) year: number,
    @Arg("round", () => Int, { description: "Round number; rounds numbered below it count as history." }) round: number,
    @Arg("seed", () => String, { description: "The seed (随机种子)." }) seed: string,
    @Arg("office", () => ID, OFFICE_ARG) office: string | null,
    @Ctx() ctx: Context,
  ) {
    return previewSamplingRound(ctx, office, year, round, seed);
  }

  @Query(() => SamplingComparison, { description: "两次评估互相对照: the problems of the earlier of two rounds of one office and whether each is resolved." })
  compareSamplingRounds(
    @Arg("a", () => ID, { description: "One round." }) a: string,
    @Arg("b", () => ID, { description: "Another round of the same city office; the order does not matter." }) b: string,
    @Ctx() ctx: Context,
  ) {
    return compareRounds(ctx, a, b);
  }

  @Mutation(() => SamplingRound, { description: "特别抽样评估: draws the next round of a city office and stores seed, algorithm and picks (supervisors)." })
  drawSamplingRound(@Arg("input", () => DrawSamplingRoundInput) input: DrawSamplingRoundInput, @Ctx() ctx: Context) {
    return drawSamplingRound(ctx, input);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The city office (市院) whose jurisdiction was drawn; null when outside the viewer's scope." })
  office(@Root() round: SamplingRound, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(round.officeRowId);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who drew it; null for the system or outside the viewer's scope." })
  drawnBy(@Root() round: SamplingRound, @Ctx() ctx: Context) {
    return round.drawnByRowId === null ? null : ctx.loaders.person.load(round.drawnByRowId);
  }

  @FieldResolver(() => SamplingRound, { nullable: true, description: "The earlier round this one re-assesses (对照轮次)." })
  comparedWith(@Root() round: SamplingRound, @Ctx() ctx: Context) {
    return round.comparedWithRowId === null ? null : ctx.loaders.samplingRound.load(round.comparedWithRowId);
  }

  @FieldResolver(() => [SamplingPick], { description: "The units drawn, in draw order; only those in the viewer's scope." })
  picks(@Root() round: SamplingRound, @Ctx() ctx: Context) {
    return ctx.loaders.samplingPicks.load(round.rowId);
  }

  @FieldResolver(() => [Finding], { description: "Problems this round found (findings linked to it), oldest first." })
  async findings(@Root() round: SamplingRound, @Ctx() ctx: Context) {
    const now = ctx.clock.now();
    return (await ctx.loaders.findingsBySamplingRound.load(round.rowId)).map((row) => toFinding(row, now));
  }
}

@Resolver(() => SamplingPick)
export class SamplingPicksResolver {
  @FieldResolver(() => Unit, { nullable: true, description: "The unit drawn." })
  unit(@Root() pick: SamplingPick, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(pick.unitRowId);
  }
}
