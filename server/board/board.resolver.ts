import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { Board } from "./board.type.js";
import { getBoard } from "./board.service.js";

@Resolver(() => Board)
export class BoardResolver {
  @Query(() => Board, { description: "曝光台: headline counters and per-unit flags for a unit's subtree (default: all the viewer sees)." })
  board(@Arg("unit", () => ID, { nullable: true }) unit: string | null, @Ctx() ctx: Context) {
    return getBoard(ctx, unit);
  }
}
