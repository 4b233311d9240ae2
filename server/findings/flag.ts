import { and, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { findings } from "../../db/tables/index.js";
import { shanghaiDate } from "../clock.js";
import { Flag, FindingStatus } from "./finding.enums.js";

/**
 * The one definition of overdue / in warning / flag. The TypeScript and SQL forms below must agree;
 * test/flag.test.ts holds them together around midnight in Shanghai.
 * A deadline (整改时限) is the last allowed Shanghai calendar day.
 */
export const ACTIVE_STATUSES = [FindingStatus.OPEN, FindingStatus.RECTIFYING, FindingStatus.SUBMITTED] as const;

export interface FlagInput {
  status: FindingStatus | `${FindingStatus}`;
  deadline: string;
  warningAt: Date;
}

export interface Derived {
  overdue: boolean;
  inWarning: boolean;
  flag: Flag | null;
}

export function deriveFlag(f: FlagInput, now: Date): Derived {
  const active = (ACTIVE_STATUSES as readonly string[]).includes(f.status);
  const overdue = active && f.deadline < shanghaiDate(now);
  const inWarning = active && !overdue && f.warningAt.getTime() <= now.getTime();
  const flag = f.status === FindingStatus.VERIFIED ? Flag.RED : !active ? null : overdue ? Flag.BLACK : Flag.YELLOW;
  return { overdue, inWarning, flag };
}

const active = () => inArray(findings.status, [...ACTIVE_STATUSES]);

export function overdueSql(now: Date): SQL {
  return and(active(), lt(findings.deadline, shanghaiDate(now)))!;
}

export function inWarningSql(now: Date): SQL {
  return and(active(), gte(findings.deadline, shanghaiDate(now)), lte(findings.warningAt, now))!;
}

export function flagSql(flag: Flag, now: Date): SQL {
  switch (flag) {
    case Flag.RED:
      return eq(findings.status, FindingStatus.VERIFIED);
    case Flag.BLACK:
      return overdueSql(now);
    case Flag.YELLOW:
      return and(active(), gte(findings.deadline, shanghaiDate(now)))!;
    default: {
      const never: never = flag;
      throw new Error(`unknown flag ${String(never)}`);
    }
  }
}

/** The flag as a SQL value (NULL for withdrawn), for selecting alongside rows. */
export function flagValueSql(now: Date): SQL<Flag | null> {
  const today = shanghaiDate(now);
  return sql<Flag | null>`case
    when ${findings.status} = 'VERIFIED' then 'RED'
    when ${findings.status} = 'WITHDRAWN' then null
    when ${findings.deadline} < ${today}::date then 'BLACK'
    else 'YELLOW' end`;
}
