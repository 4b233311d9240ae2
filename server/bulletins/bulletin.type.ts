import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from "type-graphql";
import type { bulletinItems, bulletins } from "../../db/tables/index.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";

export enum BulletinKind {
  PROCESS_MONITORING = "PROCESS_MONITORING",
  SAMPLING_ASSESSMENT = "SAMPLING_ASSESSMENT",
  GOVERNANCE = "GOVERNANCE",
}
export enum BulletinItemKind {
  CRITICISM = "CRITICISM",
  HIGHLIGHT = "HIGHLIGHT",
}
registerEnumType(BulletinKind, {
  name: "BulletinKind",
  description: "Kind of bulletin (通报类别).",
  valuesConfig: {
    PROCESS_MONITORING: { description: "流程监控检查情况" },
    SAMPLING_ASSESSMENT: { description: "特别抽样评估通报" },
    GOVERNANCE: { description: "政务运行情况" },
  },
});
registerEnumType(BulletinItemKind, {
  name: "BulletinItemKind",
  description: "Criticism of a finding (批评曝光) or a highlight (亮点).",
  valuesConfig: { CRITICISM: { description: "批评曝光" }, HIGHLIGHT: { description: "表彰亮点" } },
});

export type BulletinRow = typeof bulletins.$inferSelect;
export type BulletinItemRow = typeof bulletinItems.$inferSelect;

@ObjectType({ implements: Node, description: "通报 A bulletin of the exposure board (曝光台), numbered per year once published." })
export class Bulletin extends Node {
  row!: BulletinRow;
  @Field(() => BulletinKind, { description: "Kind (类别)." }) kind!: BulletinKind;
  @Field(() => String, { description: "Title (标题)." }) title!: string;
  @Field(() => Int, { nullable: true, description: "Year of the number (年度)." }) year!: number | null;
  @Field(() => Int, { nullable: true, description: "Number within the year (期数), set on publishing." }) number!: number | null;
  @Field(() => String, { nullable: true, description: "Issue label, e.g. 2026年第3期." }) issue!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Published at; null for a draft." }) publishedAt!: Date | null;
  @Field(() => Boolean, { description: "Whether it has been published (已发布)." }) published!: boolean;
  @Field(() => GraphQLISODateTime, { description: "When it was created." }) createdAt!: Date;

  static from(row: BulletinRow): Bulletin {
    return Object.assign(new Bulletin(), {
      id: toGlobalId("Bulletin", row.id),
      row,
      kind: row.kind as BulletinKind,
      title: row.title,
      year: row.year,
      number: row.number,
      issue: row.year != null && row.number != null ? `${row.year}年第${row.number}期` : null,
      publishedAt: row.publishedAt,
      published: row.publishedAt !== null,
      createdAt: row.createdAt,
    });
  }
}

@ObjectType({ implements: Node, description: "One item of a bulletin: a named finding or a highlight, as published." })
export class BulletinItem extends Node {
  row!: BulletinItemRow;
  @Field(() => Int, { description: "Position in the bulletin, from 1." }) position!: number;
  @Field(() => BulletinItemKind, { description: "Kind (类别)." }) kind!: BulletinItemKind;
  @Field(() => String, { description: "Text of the item (通报内容)." }) text!: string;
  @Field(() => String, { nullable: true, description: "Unit named, as published." }) unitName!: string | null;
  @Field(() => String, { nullable: true, description: "Department named, as published." }) departmentName!: string | null;
  @Field(() => String, { nullable: true, description: "Handler named, as published." }) handlerName!: string | null;
  @Field(() => String, { nullable: true, description: "Case reference, as published." }) caseRef!: string | null;
  @Field(() => String, { nullable: true, description: "Concrete example, as published." }) example!: string | null;

  static from(row: BulletinItemRow): BulletinItem {
    const s = row.snapshot;
    return Object.assign(new BulletinItem(), {
      id: toGlobalId("BulletinItem", row.id),
      row,
      position: row.position,
      kind: row.kind as BulletinItemKind,
      text: row.text,
      unitName: s?.unitName ?? null,
      departmentName: s?.departmentName ?? null,
      handlerName: s?.handlerName ?? null,
      caseRef: s?.caseRef ?? null,
      example: s?.description ?? null,
    });
  }
}
