import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from "type-graphql";
import { toGlobalId } from "../relay/global-id.js";
import type { ApiTokenRow } from "./auth.queries.js";

export enum Role {
  ADMIN = "ADMIN",
  SUPERVISOR = "SUPERVISOR",
  LINE_SUPERVISOR = "LINE_SUPERVISOR",
  UNIT_HEAD = "UNIT_HEAD",
  VIEWER = "VIEWER",
}
export enum TokenKind {
  DISPLAY = "DISPLAY",
  SYSTEM = "SYSTEM",
}
registerEnumType(Role, {
  name: "Role",
  description: "What a user may do and see.",
  valuesConfig: {
    ADMIN: { description: "系统管理员: everything, the whole tree" },
    SUPERVISOR: { description: "案管流程监管员: the workflow, in their office's jurisdiction" },
    LINE_SUPERVISOR: { description: "业务部门流程监管员: records findings in one business line" },
    UNIT_HEAD: { description: "院领导/部门负责人: their unit's subtree; measures and submissions" },
    VIEWER: { description: "只读: reads their scope unit's subtree" },
  },
});
registerEnumType(TokenKind, {
  name: "TokenKind",
  description: "Kind of API token.",
  valuesConfig: {
    DISPLAY: { description: "曝光台大屏: read-only board and published bulletins" },
    SYSTEM: { description: "Another system: read, or read and write, in a scope unit" },
  },
});

@ObjectType({ description: "Who is signed in (当前用户)." })
export class Me {
  @Field(() => String, { description: "Kind of identity: USER, TOKEN or ANONYMOUS." }) kind!: string;
  @Field(() => String, { nullable: true, description: "Username, for a user." }) username!: string | null;
  @Field(() => Role, { nullable: true, description: "Role, for a user." }) role!: Role | null;
  @Field(() => TokenKind, { nullable: true, description: "Token kind, for a token." }) tokenKind!: TokenKind | null;
  @Field(() => String, { nullable: true, description: "Display name: the person's or the token's name." }) name!: string | null;
  personRowId!: number | null;
  scopeUnitRowId!: number | null;
  @Field(() => [String], { description: "What this identity may change, e.g. recordFinding, verify." }) permissions!: string[];
}

@ObjectType({ description: "An API token (display or system). The secret itself is never shown again." })
export class ApiToken {
  row!: ApiTokenRow;
  @Field(() => ID, { description: "Global id." }) id!: string;
  @Field(() => String, { description: "Name (名称), e.g. the screen's location." }) name!: string;
  @Field(() => TokenKind, { description: "Display or system." }) kind!: TokenKind;
  @Field(() => Boolean, { description: "May run workflow mutations (system tokens only)." }) canWrite!: boolean;
  @Field(() => GraphQLISODateTime, { description: "Created at." }) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { description: "Expires at." }) expiresAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Last used (to the minute)." }) lastUsedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "Revoked at, if revoked." }) revokedAt!: Date | null;

  static from(row: ApiTokenRow): ApiToken {
    return Object.assign(new ApiToken(), {
      row,
      id: toGlobalId("ApiToken", row.id),
      name: row.name,
      kind: row.kind as TokenKind,
      canWrite: row.canWrite,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      lastUsedAt: row.lastUsedAt,
      revokedAt: row.revokedAt,
    });
  }
}

@ObjectType({ description: "A new token and its secret, shown only this once." })
export class CreatedApiToken {
  @Field(() => ApiToken, { description: "The token." }) token!: ApiToken;
  @Field(() => String, { description: "The secret: send it as `Authorization: Bearer …`. Not stored; copy it now." }) secret!: string;
}
