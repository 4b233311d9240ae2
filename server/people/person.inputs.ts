import { Length, MaxLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../relay/connection.js";
import { PersonPosition, SupervisorKind } from "./person.type.js";

@InputType({ description: "Which people to list." })
export class PersonFilter {
  @Field(() => ID, { nullable: true, description: "People in this unit's subtree." }) unit?: string | null;
  @Field(() => PersonPosition, { nullable: true, description: "Position (职务)." }) position?: PersonPosition | null;
  @Field(() => SupervisorKind, { nullable: true, description: "Supervisor kind (流程监管员类别)." }) supervisorKind?: SupervisorKind | null;
  @Field(() => String, { nullable: true, description: "Text in the name." }) @MaxLength(100) text?: string | null;
}

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true }) filter?: PersonFilter | null;
}

@InputType({ description: "A new person." })
export class CreatePersonInput {
  @Field(() => String, { description: "Name (名称/姓名)." }) @Length(1, 50) name!: string;
  @Field(() => ID, { description: "The unit." }) unit!: string;
  @Field(() => PersonPosition, { description: "Position (职务)." }) position!: PersonPosition;
  @Field(() => SupervisorKind, { nullable: true, description: "Supervisor kind (流程监管员类别)." }) supervisorKind?: SupervisorKind | null;
  @Field(() => Boolean, { nullable: true, description: "Make this person the unit's head (负责人)." }) head?: boolean | null;
}
