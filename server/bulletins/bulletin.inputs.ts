import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../relay/connection.js";
import { BulletinItemKind, BulletinKind } from "./bulletin.type.js";

@InputType({ description: "Which bulletins to list." })
export class BulletinFilter {
  @Field(() => Boolean, { nullable: true, description: "Only published (true) or only drafts (false)." }) published?: boolean | null;
  @Field(() => Int, { nullable: true, description: "Year (年度)." }) @IsOptional() @Min(2000) @Max(2100) year?: number | null;
  @Field(() => BulletinKind, { nullable: true, description: "Kind (类别)." }) kind?: BulletinKind | null;
}

@ArgsType()
export class BulletinsArgs extends ConnectionArgs {
  @Field(() => BulletinFilter, { nullable: true }) @ValidateNested() filter?: BulletinFilter | null;
}

@InputType({ description: "One item of a new bulletin: a finding (criticism) or a highlight text." })
export class BulletinItemInput {
  @Field(() => BulletinItemKind, { description: "Kind (类别)." }) kind!: BulletinItemKind;
  @Field(() => ID, { nullable: true, description: "The finding named (criticism items)." }) finding?: string | null;
  @Field(() => String, { nullable: true, description: "Text; for a criticism, default the finding's title." })
  @IsOptional()
  @Length(1, 4000)
  text?: string | null;
}

@InputType({ description: "A new bulletin draft (拟稿)." })
export class CreateBulletinInput {
  @Field(() => ID, { description: "Issuing office; the bulletin is visible in its jurisdiction." }) unit!: string;
  @Field(() => BulletinKind, { description: "Kind (类别)." }) kind!: BulletinKind;
  @Field(() => String, { description: "Title (标题)." }) @Length(1, 200) title!: string;
  @Field(() => [BulletinItemInput], { description: "Items in order (1 to 100)." }) @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) items!: BulletinItemInput[];
}
