import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Finding } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import type { FindingRow } from "../findings/finding.type.js";
import { Person } from "../people/person.type.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import { AccountabilityActionsArgs, RecordAccountabilityActionInput } from "./accountability.inputs.js";
import { getAccountabilityAction, listAccountabilityActions, recordAccountabilityAction } from "./accountability.service.js";
import { AccountabilityAction } from "./accountability.type.js";

const AccountabilityActionConnection = connectionType("AccountabilityAction", AccountabilityAction, "accountability actions");

@Resolver(() => AccountabilityAction)
export class AccountabilityResolver {
  @Query(() => AccountabilityActionConnection, { description: "Accountability actions the viewer may see, newest first." })
  async accountabilityActions(@Args(() => AccountabilityActionsArgs) args: AccountabilityActionsArgs, @Ctx() ctx: Context) {
    return toConnection(await listAccountabilityActions(ctx, args));
  }

  @Query(() => AccountabilityAction, { description: "One accountability action by id." })
  accountabilityAction(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return getAccountabilityAction(ctx, id);
  }

  @Mutation(() => AccountabilityAction, { description: "Records a decided accountability action, linked to findings." })
  recordAccountabilityAction(@Arg("input", () => RecordAccountabilityActionInput) input: RecordAccountabilityActionInput, @Ctx() ctx: Context) {
    return recordAccountabilityAction(ctx, input);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Person the action is against." })
  targetPerson(@Root() a: AccountabilityAction, @Ctx() ctx: Context) {
    return a.row.targetPersonId === null ? null : ctx.loaders.person.load(a.row.targetPersonId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "Unit the action is against." })
  targetUnit(@Root() a: AccountabilityAction, @Ctx() ctx: Context) {
    return a.row.targetUnitId === null ? null : ctx.loaders.unit.load(a.row.targetUnitId);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who decided (决定人)." })
  decidedBy(@Root() a: AccountabilityAction, @Ctx() ctx: Context) {
    return a.row.decidedById === null ? null : ctx.loaders.person.load(a.row.decidedById);
  }

  @FieldResolver(() => [Finding], { description: "Findings the action is for (that the viewer may see)." })
  async findings(@Root() a: AccountabilityAction, @Ctx() ctx: Context) {
    const ids = await ctx.loaders.findingIdsByAction.load(a.row.id);
    const rows = await ctx.loaders.finding.loadMany(ids);
    const now = ctx.clock.now();
    return rows.filter((r): r is FindingRow => r !== null && !(r instanceof Error)).map((r) => toFinding(r, now));
  }
}
