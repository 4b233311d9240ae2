import { graphql } from "../gql";
import type { MeQuery } from "../gql/graphql";
import { ApiError, request } from "./api";
import { resetLive } from "./live";

const MeDocument = graphql(`
  query Me {
    me { kind name username role tokenKind permissions }
  }
`);

const LoginDocument = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) { kind name username role tokenKind permissions }
  }
`);

const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

const StartDisplayDocument = graphql(`
  mutation StartDisplaySession($token: String!) {
    startDisplaySession(token: $token)
  }
`);

export type Me = MeQuery["me"];

/** Who is signed in (kind ANONYMOUS when nobody), loaded once and after login/logout. */
class Session {
  me = $state<Me | null>(null);
  loaded = $state(false);

  get signedIn(): boolean {
    return !!this.me && this.me.kind !== "ANONYMOUS";
  }

  get isDisplay(): boolean {
    return this.me?.tokenKind === "DISPLAY";
  }

  can(permission: string): boolean {
    return this.me?.permissions.includes(permission) ?? false;
  }

  async load() {
    try {
      this.me = (await request(MeDocument)).me;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.me = null;
    }
    this.loaded = true;
  }

  async login(username: string, password: string) {
    this.me = (await request(LoginDocument, { username, password })).login;
    resetLive();
  }

  async logout() {
    await request(LogoutDocument).catch(() => undefined);
    this.me = { kind: "ANONYMOUS", name: null, username: null, role: null, tokenKind: null, permissions: [] };
    resetLive();
  }

  /** Exchanges a wall screen's display token for an httpOnly display session (the token then leaves the URL). */
  async startDisplay(token: string) {
    await request(StartDisplayDocument, { token });
    resetLive();
    await this.load();
  }
}

export const session = new Session();
