import { Kind, type OperationDefinitionNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";
import { AppError } from "../errors.js";
import type { Viewer } from "./viewer.js";

/** What a signed-out client may call: signing in, and asking who it is. */
const PUBLIC_FIELDS = new Set(["login", "startDisplaySession", "me", "logout", "__typename", "__schema", "__type"]);
/** A wall display reads the board, published bulletins and accountability actions, nothing else. */
const DISPLAY_FIELDS = new Set([...PUBLIC_FIELDS, "board", "bulletins", "bulletin", "accountabilityActions", "units", "unit", "boardChanged", "node"]);

function rootFields(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, out: Set<string>): Set<string> {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.add(sel.name.value);
    else if (sel.kind === Kind.INLINE_FRAGMENT) rootFields(sel.selectionSet, fragments, out);
    else {
      const frag = fragments[sel.name.value];
      if (frag) rootFields(frag.selectionSet, fragments, out);
    }
  }
  return out;
}

/**
 * Refuses an operation before it runs: UNAUTHENTICATED for a signed-out client asking for data,
 * FORBIDDEN for a display token asking for more than the wall board shows.
 */
export function checkOperationAccess(viewer: Viewer, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): void {
  const fields = rootFields(operation.selectionSet, fragments, new Set());
  if (viewer.kind === "ANONYMOUS") {
    const closed = [...fields].filter((f) => !PUBLIC_FIELDS.has(f));
    if (closed.length) throw new AppError("UNAUTHENTICATED", `sign in to read ${closed.join(", ")}`);
  }
  if (viewer.kind === "TOKEN" && viewer.tokenKind === "DISPLAY") {
    const closed = [...fields].filter((f) => !DISPLAY_FIELDS.has(f));
    if (closed.length) throw new AppError("FORBIDDEN", `a display token cannot use ${closed.join(", ")}`);
  }
}
