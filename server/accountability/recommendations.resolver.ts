import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Finding, type FindingRow } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import { Person } from "../people/person.type.js";
import { Unit } from "../units/unit.type.js";
import { AccountabilityReason, AccountabilityRecommendation } from "./recommendation.type.js";
import { accountabilityRecommendations } from "./recommendations.js";

/** Findings by row id through the request's loader, in the order given, skipping any the viewer may not see. */
async function loadFindings(ctx: Context, ids: number[]): Promise<Finding[]> {
  const rows = await ctx.loaders.finding.loadMany(ids);
  const now = ctx.clock.now();
  return rows.filter((r): r is FindingRow => r !== null && !(r instanceof Error)).map((r) => toFinding(r, now));
}

@Resolver(() => AccountabilityRecommendation)
export class AccountabilityRecommendationsResolver {
  @Query(() => [AccountabilityRecommendation], {
    description:
      "问责建议: the next rung of accountability per handler and per unit whose findings are overdue, rejected or repeated, " +
      "in the viewer's scope (narrowed to `unit`'s subtree); for whoever may record accountability actions. Writes nothing.",
  })
  accountabilityRecommendations(
    @Arg("unit", () => ID, { nullable: true, description: "Only findings in this unit's subtree." }) unit: string | null,
    @Ctx() ctx: Context,
  ) {
    return accountabilityRecommendations(ctx, unit);
  }

  @FieldResolver(() => Person, { nullable: true, description: "The person (承办人) recommended against; null for a unit target." })
  targetPerson(@Root() r: AccountabilityRecommendation, @Ctx() ctx: Context) {
    return r.targetPersonId === null ? null : ctx.loaders.person.load(r.targetPersonId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The unit recommended against; null for a person target." })
  targetUnit(@Root() r: AccountabilityRecommendation, @Ctx() ctx: Context) {
    return r.targetUnitId === null ? null : ctx.loaders.unit.load(r.targetUnitId);
  }

  @FieldResolver(() => [Finding], { description: "Every finding the reasons name (涉及问题), oldest record first." })
  findings(@Root() r: AccountabilityRecommendation, @Ctx() ctx: Context) {
    return loadFindings(ctx, r.findingIds);
  }
}

@Resolver(() => AccountabilityReason)
export class AccountabilityReasonsResolver {
  @FieldResolver(() => [Finding], {
    description: "The findings this reason is about; for REPEAT the repeating finding first, then the earlier ones it repeats.",
  })
  findings(@Root() r: AccountabilityReason, @Ctx() ctx: Context) {
    return loadFindings(ctx, r.findingIds);
  }
}
