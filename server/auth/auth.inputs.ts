import { IsOptional, Length, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { Role, TokenKind } from "./auth.type.js";

@InputType({ description: "A new API token (ADMIN)." })
export class CreateApiTokenInput {
  @Field(() => String, { description: "Name, e.g. 三楼走廊大屏." }) @Length(1, 100) name!: string;
  @Field(() => TokenKind, { description: "Display or system." }) kind!: TokenKind;
  @Field(() => ID, { description: "The unit whose subtree the token sees." }) scopeUnit!: string;
  @Field(() => Boolean, { nullable: true, description: "System tokens only: may run workflow mutations." }) canWrite?: boolean | null;
  @Field(() => Int, { nullable: true, description: "Lifetime in days; default 365." }) @IsOptional() @Min(1) @Max(3650) expiresInDays?: number | null;
}

@InputType({ description: "A new login (ADMIN)." })
export class CreateUserInput {
  @Field(() => String, { description: "Username (2–40 of letters, digits, . _ -)." }) @Length(2, 40) username!: string;
  @Field(() => String, { description: "Initial password, at least 10 characters." }) @Length(10, 200) password!: string;
  @Field(() => Role, { description: "Role." }) role!: Role;
  @Field(() => ID, { nullable: true, description: "The person this login belongs to." }) person?: string | null;
  @Field(() => ID, { nullable: true, description: "The unit whose subtree the user sees (not for ADMIN)." }) scopeUnit?: string | null;
  @Field(() => String, { nullable: true, description: "Business line, for a LINE_SUPERVISOR." }) @IsOptional() @Length(1, 50) businessLine?: string | null;
}
