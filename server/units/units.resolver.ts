import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { toConnection } from "../relay/connection.js";
import { Person } from "../people/person.type.js";
import { CreateUnitInput, UnitsArgs } from "./unit.inputs.js";
import { Unit } from "./unit.type.js";
import { UnitConnection } from "./unit.connection.js";
import { createUnit, getUnit, listUnits } from "./units.service.js";

@Resolver(() => Unit)
export class UnitsResolver {
  @Query(() => UnitConnection, { description: "Units the viewer may see, in tree order." })
  async units(@Args(() => UnitsArgs) args: UnitsArgs, @Ctx() ctx: Context) {
    return toConnection(await listUnits(ctx, args));
  }

  @Query(() => Unit, { description: "One unit by id; NOT_FOUND outside the viewer's scope." })
  unit(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return getUnit(ctx, id);
  }

  @Mutation(() => Unit, { description: "Adds a unit to the tree (新增单位)." })
  createUnit(@Arg("input", () => CreateUnitInput) input: CreateUnitInput, @Ctx() ctx: Context) {
    return createUnit(ctx, input);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "Parent unit (上级单位)." })
  parent(@Root() unit: Unit, @Ctx() ctx: Context) {
    return unit.parentRowId === null ? null : ctx.loaders.unit.load(unit.parentRowId);
  }

  @FieldResolver(() => [Unit], { description: "Direct children (下级单位), in display order." })
  children(@Root() unit: Unit, @Ctx() ctx: Context) {
    return ctx.loaders.childUnits.load(unit.rowId);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Head of the unit (负责人)." })
  head(@Root() unit: Unit, @Ctx() ctx: Context) {
    return unit.headRowId === null ? null : ctx.loaders.person.load(unit.headRowId);
  }
}
