import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import { CreatePersonInput, PeopleArgs } from "./person.inputs.js";
import { Person } from "./person.type.js";
import { createPerson, getPerson, listPeople } from "./people.service.js";

const PersonConnection = connectionType("Person", Person, "people");

@Resolver(() => Person)
export class PeopleResolver {
  @Query(() => PersonConnection, { description: "People the viewer may see." })
  async people(@Args(() => PeopleArgs) args: PeopleArgs, @Ctx() ctx: Context) {
    return toConnection(await listPeople(ctx, args));
  }

  @Query(() => Person, { description: "One person by id." })
  person(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return getPerson(ctx, id);
  }

  @Mutation(() => Person, { description: "Adds a person to a unit (新增人员)." })
  createPerson(@Arg("input", () => CreatePersonInput) input: CreatePersonInput, @Ctx() ctx: Context) {
    return createPerson(ctx, input);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The unit the person works in (所在单位)." })
  unit(@Root() person: Person, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(person.unitRowId);
  }
}
