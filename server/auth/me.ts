import type { Context } from "../context.js";
import type { UserRow } from "./auth.queries.js";
import { can, PERMISSIONS } from "./permissions.js";
import { Me, Role, TokenKind } from "./auth.type.js";
import { userViewer } from "./auth.service.js";

/** The `me` answer for the request's viewer (or for a user who just signed in). */
export function meOf(ctx: Context, justSignedIn?: UserRow): Me {
  const viewer = justSignedIn ? userViewer(justSignedIn, null, null) : ctx.viewer;
  const me = Object.assign(new Me(), {
    kind: viewer.kind,
    username: null,
    role: null,
    tokenKind: null,
    name: null,
    personRowId: null,
    scopeUnitRowId: null,
    permissions: PERMISSIONS.filter((p) => can(viewer, p)),
  });
  if (viewer.kind === "USER") {
    Object.assign(me, { username: viewer.username, role: viewer.role as Role, name: viewer.username, personRowId: viewer.personId, scopeUnitRowId: viewer.scopeUnitId });
  } else if (viewer.kind === "TOKEN") {
    Object.assign(me, { tokenKind: viewer.tokenKind as TokenKind, name: viewer.name, scopeUnitRowId: viewer.scopeUnitId });
  }
  return me;
}
