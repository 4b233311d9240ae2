import { label, t } from "../../lib/i18n.svelte";
import type { MessageKey } from "../../lib/messages";

const ACTIONS = new Set([
  "recordFinding",
  "updateFinding",
  "startRectification",
  "addMeasure",
  "completeMeasure",
  "submitRectification",
  "verifyRectification",
  "rejectRectification",
  "withdrawFinding",
  "assignResponsibility",
  "recordAccountabilityAction",
]);

/** A journal action's name in the UI's language (unknown actions as they are). */
export function actionName(action: string): string {
  return ACTIONS.has(action) ? t(`findings.action.${action}` as MessageKey) : action;
}

/** The actor as people know it: "user:li" → "li", "token:3:三楼大屏" → "三楼大屏". */
export function actorName(actor: string): string {
  const [kind, ...rest] = actor.split(":");
  if (kind === "token") return rest.slice(1).join(":") || actor;
  return rest.length ? rest.join(":") : actor;
}

type Json = Record<string, unknown> | null | undefined;

const EDITABLE: Array<[string, MessageKey]> = [
  ["title", "findings.field.title"],
  ["description", "findings.field.description"],
  ["caseRef", "findings.field.caseRef"],
  ["category", "findings.field.category"],
  ["severity", "findings.field.severity"],
  ["rectificationClass", "findings.field.class"],
  ["handlerId", "findings.field.handler"],
  ["deadline", "findings.field.deadline"],
  ["warningAt", "findings.field.warningAt"],
];

/** A short description of what one journal entry changed on a finding. */
export function changeSummary(action: string, before: unknown, after: unknown): string[] {
  const b = (before ?? null) as Json;
  const a = (after ?? null) as Json;
  const lines: string[] = [];
  if (b?.status && a?.status && b.status !== a.status) {
    lines.push(t("findings.history.statusChange", { from: label("FindingStatus", String(b.status)), to: label("FindingStatus", String(a.status)) }));
  }
  const measure = a?.measure as Json;
  const responsibility = a?.responsibility as Json;
  if (measure && typeof measure.text === "string") lines.push(measure.text);
  if (responsibility && typeof responsibility.tier === "string") lines.push(label("ResponsibilityTier", responsibility.tier));
  if (action === "rejectRectification" && typeof a?.rejectionReason === "string") lines.push(a.rejectionReason);
  if (action === "withdrawFinding" && typeof a?.withdrawalReason === "string") lines.push(a.withdrawalReason);
  if (action === "updateFinding" && a && b) {
    const changed = EDITABLE.filter(([key]) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).map(([, key]) => t(key));
    if (changed.length) lines.push(t("findings.history.changed", { fields: changed.join("、") }));
  }
  return lines;
}
