import { Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { ConnectionArgs } from "../relay/connection.js";

@ArgsType()
export class JournalArgs extends ConnectionArgs {
  @Field(() => Int, { defaultValue: 0, description: "Entries after this seq (ignored when `after` is given)." })
  @Min(0)
  since: number = 0;
}
