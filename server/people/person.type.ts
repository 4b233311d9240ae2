import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { people } from "../../db/tables/index.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";

export enum PersonPosition {
  LEADER = "LEADER",
  DEPT_HEAD = "DEPT_HEAD",
  PROSECUTOR = "PROSECUTOR",
  ASSISTANT = "ASSISTANT",
  CLERK = "CLERK",
}
export enum SupervisorKind {
  CASE_MANAGEMENT = "CASE_MANAGEMENT",
  BUSINESS = "BUSINESS",
}
registerEnumType(PersonPosition, {
  name: "PersonPosition",
  description: "Position of a person.",
  valuesConfig: {
    LEADER: { description: "院领导 office leader" },
    DEPT_HEAD: { description: "部门负责人 department head" },
    PROSECUTOR: { description: "检察官 prosecutor" },
    ASSISTANT: { description: "检察官助理 prosecutor's assistant" },
    CLERK: { description: "书记员 clerk" },
  },
});
registerEnumType(SupervisorKind, {
  name: "SupervisorKind",
  description: "Process supervisor (流程监管员) kind.",
  valuesConfig: {
    CASE_MANAGEMENT: { description: "案管部门流程监管员: one inspection per working day" },
    BUSINESS: { description: "业务部门流程监管员: two inspections per week" },
  },
});

export type PersonRow = typeof people.$inferSelect;

@ObjectType({ implements: Node, description: "人员 A person: prosecutor, head or supervisor, in one unit." })
export class Person extends Node {
  rowId!: number;
  unitRowId!: number;

  @Field(() => String, { description: "Name (姓名)." }) name!: string;
  @Field(() => PersonPosition, { description: "Position (职务)." }) position!: PersonPosition;
  @Field(() => SupervisorKind, { nullable: true, description: "Set for process supervisors (流程监管员)." })
  supervisorKind!: SupervisorKind | null;

  static from(row: PersonRow): Person {
    return Object.assign(new Person(), {
      id: toGlobalId("Person", row.id),
      rowId: row.id,
      unitRowId: row.unitId,
      name: row.name,
      position: row.position as PersonPosition,
      supervisorKind: row.supervisorKind as SupervisorKind | null,
    });
  }
}
