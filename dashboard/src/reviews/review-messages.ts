import { fieldMessage } from "../findings/field-message";
import { ApiError } from "../lib/api";
import { t } from "../lib/i18n.svelte";
import type { MessageKey } from "../lib/messages";

// The server's review-rule messages (review-rules.ts), shown in the UI's language.
const KNOWN: Array<[RegExp, MessageKey]> = [
  [/own-office review/, "reviews.invalid.ownOffice"],
  [/higher-office review/, "reviews.invalid.higherOffice"],
  [/cross-region review/, "reviews.invalid.crossRegion"],
  [/belongs to no office|works in no office/, "reviews.invalid.noOffice"],
  [/opens a FLAW or IRREGULAR finding/, "reviews.invalid.severity"],
];

/** The message for `field` of a failed recordQualityReview, in the UI's language when known. */
export function reviewFieldMessage(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const message = error.fieldMessage(field);
  if (message === undefined) return undefined;
  const known = KNOWN.find(([pattern]) => pattern.test(message));
  return known ? t(known[1]) : fieldMessage(error, field);
}
