import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { units } from "../../db/tables/index.js";
import { Node } from "../relay/node.type.js";
import { toGlobalId } from "../relay/global-id.js";

export enum UnitKind {
  OFFICE = "OFFICE",
  DEPARTMENT = "DEPARTMENT",
}
export enum UnitLevel {
  PROVINCE = "PROVINCE",
  CITY = "CITY",
  BASIC = "BASIC",
}
export enum UnitCategory {
  BUSINESS = "BUSINESS",
  COMPREHENSIVE = "COMPREHENSIVE",
}
registerEnumType(UnitKind, {
  name: "UnitKind",
  description: "Office (检察院) or department (部门).",
  valuesConfig: { OFFICE: { description: "检察院 office" }, DEPARTMENT: { description: "部门 department" } },
});
registerEnumType(UnitLevel, {
  name: "UnitLevel",
  description: "Level of the office a unit belongs to.",
  valuesConfig: { PROVINCE: { description: "省院" }, CITY: { description: "市院" }, BASIC: { description: "基层院" } },
});
registerEnumType(UnitCategory, {
  name: "UnitCategory",
  description: "Business department (业务部门) or comprehensive department (综合部门).",
  valuesConfig: { BUSINESS: { description: "业务部门" }, COMPREHENSIVE: { description: "综合部门" } },
});

export type UnitRow = typeof units.$inferSelect;

@ObjectType({ implements: Node, description: "单位 A unit: an office (检察院) or one of its departments (部门)." })
export class Unit extends Node {
  rowId!: number;
  parentRowId!: number | null;
  headRowId!: number | null;

  @Field(() => String, { description: "Unit code (单位代码), unique." }) code!: string;
  @Field(() => String, { description: "Name (名称)." }) name!: string;
  @Field(() => UnitKind, { description: "Office or department." }) kind!: UnitKind;
  @Field(() => UnitLevel, { description: "Level of the office (市院/基层院)." }) level!: UnitLevel;
  @Field(() => UnitCategory, { nullable: true, description: "Business or comprehensive (departments only)." })
  category!: UnitCategory | null;
  @Field(() => String, { nullable: true, description: "Business line (业务条线), e.g. 公诉." }) businessLine!: string | null;
  @Field(() => String, { description: "Materialised path of ids from the root, e.g. /1/4/17/." }) path!: string;
  @Field(() => Int, { description: "Depth in the tree; the root is 0." }) depth!: number;

  static from(row: UnitRow): Unit {
    return Object.assign(new Unit(), {
      id: toGlobalId("Unit", row.id),
      rowId: row.id,
      parentRowId: row.parentId,
      headRowId: row.headId,
      code: row.code,
      name: row.name,
      kind: row.kind as UnitKind,
      level: row.level as UnitLevel,
      category: row.category as UnitCategory | null,
      businessLine: row.businessLine,
      path: row.path,
      depth: row.path.split("/").length - 3,
    });
  }
}

