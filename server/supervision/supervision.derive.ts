import { and, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { supervisionItems } from "../../db/tables/index.js";
import { shanghaiDate } from "../clock.js";

/**
 * The one definition of overdue / in warning for supervision items, as for findings (flag.ts):
 * the TypeScript and SQL forms must agree (test/supervision.test.ts holds them together).
 * A deadline (办结时限) is the last allowed Shanghai calendar day.
 */
export interface SupervisionDerived {
  overdue: boolean;
  inWarning: boolean;
  daysLeft: number | null;
}

export interface DeriveInput {
  status: string;
  deadline: string;
  warningAt: Date;
}

const DAY_MS = 86_400_000;

export function deriveSupervision(item: DeriveInput, now: Date): SupervisionDerived {
  const open = item.status === "OPEN";
  const today = shanghaiDate(now);
  const overdue = open && item.deadline < today;
  const inWarning = open && !overdue && item.warningAt.getTime() <= now.getTime();
  const daysLeft = open ? Math.round((Date.parse(`${item.deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS) : null;
  return { overdue, inWarning, daysLeft };
}

const open = () => eq(supervisionItems.status, "OPEN");

export function supervisionOverdueSql(now: Date): SQL {
  return and(open(), lt(supervisionItems.deadline, shanghaiDate(now)))!;
}

export function supervisionInWarningSql(now: Date): SQL {
  return and(open(), gte(supervisionItems.deadline, shanghaiDate(now)), lte(supervisionItems.warningAt, now))!;
}
