import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { toConnection } from "../relay/connection.js";
import { listJournal } from "./journal.service.js";
import { JournalArgs } from "./journal.inputs.js";
import { JournalConnection, JournalEntry } from "./journal.type.js";

@Resolver(() => JournalEntry)
export class JournalResolver {
  @Query(() => JournalConnection, { description: "Journal entries the viewer may see, after `since`, in seq (commit) order." })
  async journal(@Args(() => JournalArgs) args: JournalArgs, @Ctx() ctx: Context) {
    return toConnection(await listJournal(ctx, args));
  }
}
