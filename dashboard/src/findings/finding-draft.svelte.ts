import type { FindingCategory, FindingSeverity, InspectionProblemInput, RectificationClass } from "../gql/graphql";
import { t } from "../lib/i18n.svelte";
import { addDays, fromShanghaiLocal, toShanghaiLocal } from "./days";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Fields of a draft that can carry a message of their own. */
export type DraftField = "handler" | "title" | "description" | "category" | "deadline" | "warningAt";

/**
 * The problem fields of a finding being recorded, shared by 登记问题 (recordFinding) and
 * 登记检查 (recordInspection's `problem`): what was found, its class, deadline and handler.
 */
export class FindingDraft {
  handler = $state("");
  title = $state("");
  description = $state("");
  category = $state<FindingCategory | "">("");
  severity = $state<FindingSeverity>("FLAW");
  rectificationClass = $state<RectificationClass>("IMMEDIATE");
  deadline = $state("");
  /** The warning time as a datetime-local value (Asia/Shanghai). */
  warning = $state("");
  /** Whether the viewer set the warning time; until then it follows the deadline. */
  warningTouched = $state(false);

  /** Messages for what is missing or malformed, by field (none set when the draft may be sent). */
  check(): Partial<Record<DraftField, string>> {
    const required = t("findings.invalid.required");
    return {
      title: this.title.trim() ? undefined : required,
      description: this.description.trim() ? undefined : required,
      category: this.category ? undefined : required,
      deadline: !this.deadline ? required : DAY.test(this.deadline) ? undefined : t("findings.invalid.date"),
      warningAt: this.warningTouched && !this.warning ? required : undefined,
    };
  }

  /** The API's problem fields (call after check() passed). */
  toInput(): InspectionProblemInput {
    return {
      handler: this.handler || null,
      title: this.title.trim(),
      description: this.description.trim(),
      category: this.category as FindingCategory,
      severity: this.severity,
      rectificationClass: this.rectificationClass,
      deadline: this.deadline,
      warningAt: this.warningTouched && this.warning ? fromShanghaiLocal(this.warning) : null,
    };
  }

  reset() {
    this.handler = "";
    this.title = "";
    this.description = "";
    this.category = "";
    this.severity = "FLAW";
    this.rectificationClass = "IMMEDIATE";
    this.deadline = "";
    this.warning = "";
    this.warningTouched = false;
  }
}

/** The server's default warning time, shown: 00:00 three days before the deadline, not before now. */
export function defaultWarning(deadline: string): string {
  if (!DAY.test(deadline)) return "";
  const at = fromShanghaiLocal(`${addDays(deadline, -3)}T00:00`);
  return toShanghaiLocal(new Date(Math.max(Date.parse(at), Date.now())).toISOString());
}

/** Whether no message is set. */
export const passes = (messages: Record<string, string | undefined>) => Object.values(messages).every((m) => !m);
