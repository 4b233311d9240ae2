import { ApiError } from "../lib/api";
import { t } from "../lib/i18n.svelte";
import type { MessageKey } from "../lib/messages";

// The server's field messages are English; the ones a form can meet are shown in the UI's language.
const KNOWN: Array<[RegExp, MessageKey]> = [
  [/must be longer than or equal to 1 characters|a reason is required/, "findings.invalid.required"],
  [/must be shorter than or equal to/, "findings.invalid.tooLong"],
  [/deadline is before the day/, "findings.invalid.deadlineBeforeFound"],
  [/warning time is after the deadline/, "findings.invalid.warningAfterDeadline"],
  [/cannot be in the future/, "findings.invalid.future"],
  [/does not work in the finding's unit/, "findings.invalid.notInUnit"],
  [/who verifies must be named/, "findings.invalid.verifierMissing"],
  [/handler may not verify/, "findings.invalid.verifierIsHandler"],
  [/^is before the day the problem was found/, "findings.invalid.dueBeforeFound"],
  [/already completed/, "findings.invalid.measureDone"],
  [/give exactly one of/, "findings.invalid.oneTarget"],
  [/name the supervisor who inspected/, "inspections.invalid.supervisorMissing"],
  [/is not a process supervisor/, "inspections.invalid.notSupervisor"],
];

/** The message for `field` of a failed request, in the UI's language when the server's words are known. */
export function fieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const message = error.fieldMessage(field);
  if (message === undefined) return undefined;
  const known = KNOWN.find(([pattern]) => pattern.test(message));
  return known ? t(known[1]) : message;
}

/** Whether the error names one of `fields` (so the form shows it beside that field, not as a banner). */
export function namesAField(error: unknown, fields: readonly string[]): boolean {
  return fields.some((f) => fieldMessage(error, f) !== undefined);
}
