import { GraphQLJSON } from "graphql-scalars";
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "../relay/connection.js";
import { toGlobalId } from "../relay/global-id.js";
import { Node } from "../relay/node.type.js";
import type { JournalRow } from "./journal.queries.js";

@ObjectType({ implements: Node, description: "日志 One entry of the append-only, hash-chained journal of every change." })
export class JournalEntry extends Node {
  @Field(() => Int, { description: "Sequence number; seq order is commit order." }) seq!: number;
  @Field(() => GraphQLISODateTime, { description: "When the change was made." }) at!: Date;
  @Field(() => String, { description: "Who made it (操作人)." }) actor!: string;
  @Field(() => String, { description: "The mutation, e.g. verifyRectification." }) action!: string;
  @Field(() => String, { description: "Entity type, e.g. Finding." }) entity!: string;
  @Field(() => ID, { description: "Global id of the entity changed." }) entityId!: string;
  @Field(() => String, { nullable: true, description: "Materialised path of the unit the change belongs to." }) unitPath!: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: "The entity before the change." }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: "The entity after the change." }) after!: unknown;
  @Field(() => String, { description: "Hash of the previous entry." }) prevHash!: string;
  @Field(() => String, { description: "sha256(prevHash ‖ canonical JSON of this entry)." }) hash!: string;

  static from(row: JournalRow): JournalEntry {
    return Object.assign(new JournalEntry(), {
      ...row,
      id: toGlobalId("JournalEntry", row.seq),
      entityId: toGlobalId(row.entity as never, Number(row.entityId)),
    });
  }
}

export const JournalConnection = connectionType("JournalEntry", JournalEntry, "journal entries");
