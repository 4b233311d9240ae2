import { AppError } from "../errors.js";
import type { Role, Viewer } from "./viewer.js";

/** What a viewer may change. Reads are governed by scope alone (viewer.ts scopeOf). */
export type Permission =
  | "recordFinding"
  | "editFinding"
  | "rectify"
  | "verify"
  | "withdraw"
  | "assignResponsibility"
  | "recordAccountabilityAction"
  | "composeBulletin"
  | "publishBulletin"
  | "readDrafts"
  /** 检务督察: open, close and issue notices from supervision items (feedback needs "rectify"). */
  | "supervise"
  /** 一院一策: create plans, add and remove their findings and milestones, close them. */
  | "managePlans"
  /** 特别抽样评估: draw sampling rounds. */
  | "drawSampling"
  | "administer";

const ALL_WORKFLOW: Permission[] = [
  "recordFinding",
  "editFinding",
  "rectify",
  "verify",
  "withdraw",
  "assignResponsibility",
  "recordAccountabilityAction",
  "composeBulletin",
  "publishBulletin",
  "readDrafts",
  "supervise",
  "managePlans",
  "drawSampling",
];

/** Every permission, in display order. */
export const PERMISSIONS: readonly Permission[] = [...ALL_WORKFLOW, "administer"];

/** DESIGN.md section 1: who does what. */
const BY_ROLE: Record<Role, Permission[]> = {
  ADMIN: [...PERMISSIONS],
  SUPERVISOR: ALL_WORKFLOW,
  LINE_SUPERVISOR: ["recordFinding", "editFinding", "readDrafts"],
  UNIT_HEAD: ["rectify", "assignResponsibility"],
  VIEWER: [],
};

/** A SYSTEM token made with write access may run the workflow; DISPLAY tokens only read. */
const SYSTEM_WRITE: Permission[] = ALL_WORKFLOW;

export function can(viewer: Viewer, permission: Permission): boolean {
  switch (viewer.kind) {
    case "ANONYMOUS":
      return false;
    case "INTERNAL":
      return true;
    case "USER":
      return BY_ROLE[viewer.role].includes(permission);
    case "TOKEN":
      return viewer.tokenKind === "SYSTEM" && viewer.canWrite && SYSTEM_WRITE.includes(permission);
    default: {
      const never: never = viewer;
      throw new Error(`unknown viewer ${JSON.stringify(never)}`);
    }
  }
}

/** UNAUTHENTICATED for nobody, FORBIDDEN for a viewer whose role does not allow it. */
export function requirePermission(viewer: Viewer, permission: Permission): void {
  if (viewer.kind === "ANONYMOUS") throw new AppError("UNAUTHENTICATED", "sign in first");
  if (!can(viewer, permission)) throw new AppError("FORBIDDEN", "your role does not allow this");
}
