import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Finding } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import { BulletinsArgs, CreateBulletinInput } from "./bulletin.inputs.js";
import { Bulletin, BulletinItem } from "./bulletin.type.js";
import { createBulletin, getBulletin, listBulletins, publishBulletin } from "./bulletins.service.js";

const BulletinConnection = connectionType("Bulletin", Bulletin, "bulletins");

@Resolver(() => Bulletin)
export class BulletinsResolver {
  @Query(() => BulletinConnection, { description: "Bulletins the viewer may see, newest first." })
  async bulletins(@Args(() => BulletinsArgs) args: BulletinsArgs, @Ctx() ctx: Context) {
    return toConnection(await listBulletins(ctx, args));
  }

  @Query(() => Bulletin, { description: "One bulletin by id." })
  bulletin(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return getBulletin(ctx, id);
  }

  @Mutation(() => Bulletin, { description: "拟稿: creates a draft bulletin from findings and highlights." })
  createBulletin(@Arg("input", () => CreateBulletinInput) input: CreateBulletinInput, @Ctx() ctx: Context) {
    return createBulletin(ctx, input);
  }

  @Mutation(() => Bulletin, { description: "发布: publishes a draft with the next number of the year (e.g. 2026年第3期)." })
  publishBulletin(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return publishBulletin(ctx, id);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "Issuing unit (发布单位)." })
  unit(@Root() b: Bulletin, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(b.row.unitId);
  }

  @FieldResolver(() => [BulletinItem], { description: "Items in order." })
  items(@Root() b: Bulletin, @Ctx() ctx: Context) {
    return ctx.loaders.bulletinItems.load(b.row.id);
  }
}

@Resolver(() => BulletinItem)
export class BulletinItemsResolver {
  @FieldResolver(() => Finding, { nullable: true, description: "The finding named, when the viewer may see it." })
  async finding(@Root() item: BulletinItem, @Ctx() ctx: Context) {
    if (item.row.findingId === null) return null;
    const row = await ctx.loaders.finding.load(item.row.findingId);
    return row ? toFinding(row, ctx.clock.now()) : null;
  }
}
