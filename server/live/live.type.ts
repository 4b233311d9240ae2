import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from "type-graphql";
import { ArrayMaxSize } from "class-validator";
import { Finding } from "../findings/finding.type.js";
import type { JournalRow } from "../journal/journal.queries.js";
import { JournalEntry } from "../journal/journal.type.js";
import { toGlobalId } from "../relay/global-id.js";

@ObjectType({ description: "A change, live from the journal (实时变更)." })
export class JournalEvent {
  row!: JournalRow;
  @Field(() => Int, { description: "Journal seq; resubscribe with `since` set to the last one seen to miss nothing." }) seq!: number;
  @Field(() => GraphQLISODateTime, { description: "When the change was made." }) at!: Date;
  @Field(() => String, { description: "Who made it." }) actor!: string;
  @Field(() => String, { description: "The mutation, e.g. verifyRectification." }) action!: string;
  @Field(() => String, { description: "Entity type, e.g. Finding." }) entity!: string;
  @Field(() => ID, { description: "Global id of the entity." }) entityId!: string;
  @Field(() => JournalEntry, { description: "The full journal entry, with before and after." }) entry!: JournalEntry;

  static from(row: JournalRow): JournalEvent {
    return Object.assign(new JournalEvent(), {
      row,
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: toGlobalId(row.entity as never, Number(row.entityId)),
      entry: JournalEntry.from(row),
    });
  }
}

@InputType({ description: "Which journal events to receive." })
export class JournalEventFilter {
  @Field(() => [String], { nullable: true, description: "Only these entity types, e.g. [\"Finding\"]." }) @ArrayMaxSize(20) entity?: string[] | null;
  @Field(() => [String], { nullable: true, description: "Only these actions, e.g. [\"verifyRectification\"]." }) @ArrayMaxSize(50) action?: string[] | null;
  @Field(() => ID, { nullable: true, description: "Only changes in this unit's subtree." }) unit?: string | null;
}

@ObjectType({ description: "A finding that entered, changed within, or left a ledger filter." })
export class LedgerChange {
  @Field(() => Int, { description: "Journal seq of the change." }) seq!: number;
  @Field(() => String, { description: "The mutation that changed it." }) action!: string;
  @Field(() => Boolean, { description: "Whether the finding matches the filter now (false: it left the ledger view)." }) matches!: boolean;
  @Field(() => Finding, { description: "The finding as it is now." }) finding!: Finding;
}
