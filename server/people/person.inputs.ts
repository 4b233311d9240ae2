import { Length, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../relay/connection.js";
import { PersonPosition, SupervisorKind } from "./person.type.js";

@InputType({ description: "Which people to list." })
export class PersonFilter {
  @Field(() => ID, { nullable: true, description: "People in this unit's subtree." }) unit?: string | null;
  @Field(() => PersonPosition, { nullable: true }) position?: PersonPosition | null;
  @Field(() => SupervisorKind, { nullable: true }) supervisorKind?: SupervisorKind | null;
  @Field(() => String, { nullable: true, description: "Text in the name." }) @MaxLength(100) text?: string | null;
}

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true }) filter?: PersonFilter | null;
}

@InputType({ description: "A new person." })
export class CreatePersonInput {
  @Field(() => String) @Length(1, 50) name!: string;
  @Field(() => ID) unit!: string;
  @Field(() => PersonPosition) position!: PersonPosition;
  @Field(() => SupervisorKind, { nullable: true }) supervisorKind?: SupervisorKind | null;
  @Field(() => Boolean, { nullable: true, description: "Make this person the unit's head (负责人)." }) head?: boolean | null;
}
