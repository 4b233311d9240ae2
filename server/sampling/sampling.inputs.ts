import { IsOptional, Length, Matches, Max, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../relay/connection.js";
import { DEFAULT_ROUNDS_PER_YEAR, MAX_ROUNDS_PER_YEAR } from "./sampling.algorithm.js";

/** Seeds are short printable text so they can be read out, written down and typed in again. */
export const SEED_PATTERN = /^[\x21-\x7e]{1,64}$/;

@InputType({ description: "Draws one sampling round (特别抽样评估) and stores its seed, algorithm and picks." })
export class DrawSamplingRoundInput {
  @Field(() => ID, { nullable: true, description: "The city office (市院) whose jurisdiction is drawn; default the only city office the viewer sees." })
  office?: string | null;
  @Field(() => Int, { description: "Calendar year, 2000–2100." }) year!: number;
  @Field(() => Int, { description: "Round number (第几轮), 1 … rounds; rounds are drawn in order." }) round!: number;
  @Field(() => String, { nullable: true, description: "Seed (随机种子), 1–64 printable ASCII characters; default a random one, stored either way." })
  @IsOptional()
  @Length(1, 64)
  @Matches(SEED_PATTERN, { message: "seed must be 1–64 printable ASCII characters without spaces" })
  seed?: string | null;
  @Field(() => Int, { defaultValue: DEFAULT_ROUNDS_PER_YEAR, description: "Rounds configured for the year (default 6, one every two months), 1–24; `round` may not exceed it." })
  @Min(1)
  @Max(MAX_ROUNDS_PER_YEAR)
  rounds: number = DEFAULT_ROUNDS_PER_YEAR;
  @Field(() => ID, { nullable: true, description: "An earlier round of the same office this one re-assesses (年终复抽对照); compareRounds shows both." })
  compareWith?: string | null;
}

@InputType({ description: "Which sampling rounds to list." })
export class SamplingRoundFilter {
  @Field(() => ID, { nullable: true, description: "Rounds of this city office." }) office?: string | null;
  @Field(() => Int, { nullable: true, description: "Rounds of this year." }) year?: number | null;
}

@ArgsType()
export class SamplingRoundsArgs extends ConnectionArgs {
  @Field(() => SamplingRoundFilter, { nullable: true }) @ValidateNested() filter?: SamplingRoundFilter | null;
}
