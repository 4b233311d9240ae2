import { badInput } from "../errors.js";

export type NodeTypeName =
  | "Unit"
  | "Person"
  | "Finding"
  | "Measure"
  | "Responsibility"
  | "AccountabilityAction"
  | "Bulletin"
  | "BulletinItem"
  | "JournalEntry"
  | "User"
  | "ApiToken"
  | "Inspection"
  | "QualityReview"
  | "SupervisionItem"
  | "SupervisionNotice"
  | "Plan"
  | "PlanMilestone"
  | "SamplingRound";

/** Opaque Relay id: base64url("Finding:42"). */
export function toGlobalId(type: NodeTypeName, id: number): string {
  return Buffer.from(`${type}:${id}`).toString("base64url");
}

export function fromGlobalId(globalId: string): { type: string; id: number } | null {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Za-z]+):(\d{1,15})$/.exec(decoded);
  if (!match) return null;
  return { type: match[1]!, id: Number(match[2]) };
}

/** The numeric id inside a global id of the expected type; BAD_USER_INPUT naming `field` otherwise. */
export function parseId(field: string, globalId: string, type: NodeTypeName): number {
  const parsed = fromGlobalId(globalId);
  if (!parsed || parsed.type !== type) throw badInput(field, `not a ${type} id`);
  return parsed.id;
}

export function parseOptionalId(field: string, globalId: string | null | undefined, type: NodeTypeName): number | undefined {
  return globalId == null ? undefined : parseId(field, globalId, type);
}
