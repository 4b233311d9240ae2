/** A message table: every key carries both languages, so a missing translation does not compile. */
export type MessageTable = Record<string, { zh: string; en: string }>;

export function defineMessages<const T extends MessageTable>(table: T): T {
  return table;
}
