import { Arg, Ctx, Mutation, Query, Resolver, ID } from "type-graphql";
import type { Context } from "../context.js";
import { parseId } from "../relay/global-id.js";
import { CreateApiTokenInput } from "./auth.inputs.js";
import { ApiToken, CreatedApiToken, Me } from "./auth.type.js";
import { createApiToken, login, logout, revokeApiToken, startDisplaySession } from "./auth.service.js";
import { meOf } from "./me.js";

@Resolver()
export class AuthResolver {
  @Query(() => Me, { description: "Who is signed in; kind ANONYMOUS when nobody is." })
  me(@Ctx() ctx: Context) {
    return meOf(ctx);
  }

  @Mutation(() => Me, { description: "Signs in and sets an httpOnly session cookie. Failures share one message; repeated ones give RATE_LIMITED." })
  async login(@Arg("username", () => String) username: string, @Arg("password", () => String) password: string, @Ctx() ctx: Context) {
    const user = await login(ctx, username, password, ctx.cookies);
    return meOf(ctx, user);
  }

  @Mutation(() => Boolean, { description: "Signs out: ends the session and clears its cookie." })
  logout(@Ctx() ctx: Context) {
    return logout(ctx, ctx.cookies);
  }

  @Mutation(() => Boolean, { description: "Wall screens: exchanges a display token for an httpOnly display session cookie." })
  startDisplaySession(@Arg("token", () => String) token: string, @Ctx() ctx: Context) {
    return startDisplaySession(ctx, token, ctx.cookies);
  }

  @Mutation(() => CreatedApiToken, { description: "ADMIN: makes a display or system token; its secret is shown only in this answer." })
  async createApiToken(@Arg("input", () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: Context) {
    const { token, secret } = await createApiToken(ctx, {
      name: input.name,
      kind: input.kind,
      scopeUnitId: parseId("scopeUnit", input.scopeUnit, "Unit"),
      canWrite: input.canWrite ?? false,
      expiresInDays: input.expiresInDays ?? undefined,
    });
    return { token: ApiToken.from(token), secret };
  }

  @Mutation(() => ApiToken, { description: "ADMIN: revokes a token; its sockets close within a minute." })
  async revokeApiToken(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ApiToken.from(await revokeApiToken(ctx, id));
  }
}
