import { findings } from "../../db/tables/index.js";
import { requirePermission, type Permission } from "../auth/permissions.js";
import type { Db } from "../../db/client.js";
import { addDays, shanghaiDate, shanghaiStartOfDay } from "../clock.js";
import type { Context } from "../context.js";
import { badInput, conflict, notFound } from "../errors.js";
import { appendJournal } from "../journal/journal.service.js";
import type { Page } from "../relay/connection.js";
import { parseId, parseOptionalId } from "../relay/global-id.js";
import { keysetPage, type SortKey } from "../relay/paginate.js";
import { inScope } from "../scope.js";
import { FindingStatus } from "./finding.enums.js";
import { FindingOrderField, OrderDirection, type FindingsArgs } from "./finding.inputs.js";
import { Finding, type FindingRow } from "./finding.type.js";
import { deriveFlag } from "./flag.js";
import { countFindings, findingConditions, selectFindingForUpdate, selectFindingsPageNamed, updateFindingRow, type FindingWhere } from "./findings.queries.js";
import { nextStatus, type FindingStep } from "./status-machine.js";

/** Days before the deadline when a finding enters warning, unless its warning time is given. */
export const DEFAULT_WARNING_DAYS = 3;

export function toFinding(row: FindingRow, now: Date): Finding {
  return Finding.from(row, deriveFlag(row, now));
}

const SORTS: Record<FindingOrderField, Omit<SortKey<FindingRow>, "direction">> = {
  [FindingOrderField.DEADLINE]: { column: findings.deadline, cast: "date", value: (r) => r.deadline },
  [FindingOrderField.FOUND_AT]: { column: findings.foundAt, cast: "timestamptz", value: (r) => r.foundAt },
  [FindingOrderField.UPDATED_AT]: { column: findings.updatedAt, cast: "timestamptz", value: (r) => r.updatedAt },
};

/** The ledger (整改台账): findings the viewer may see, filtered, sorted and Relay-paged. */
export async function listFindings(ctx: Context, args: FindingsArgs): Promise<Page<Finding>> {
  const now = ctx.clock.now();
  const where = await resolveFindingWhere(ctx, args.filter ?? {});
  const condition = findingConditions(ctx.findingScope, where, now);
  const order = args.orderBy ?? { field: FindingOrderField.DEADLINE, direction: OrderDirection.ASC };
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: findings.id,
    sort: { ...SORTS[order.field], direction: order.direction === OrderDirection.ASC ? "asc" : "desc" },
    // Each row's unit and handler come joined in, so the page's names cost no further statement.
    fetch: async (keyset, orderBy, limit) => ctx.loaders.primeNamed(await selectFindingsPageNamed(ctx.db, ctx.scope, condition, keyset, orderBy, limit)),
    count: () => countFindings(ctx.db, condition),
    map: (row) => toFinding(row, now),
  });
}

/** Turns the GraphQL filter into the query's terms (ids resolved, unit → its path). */
export async function resolveFindingWhere(ctx: Context, f: NonNullable<FindingsArgs["filter"]>): Promise<FindingWhere> {
  const where: FindingWhere = {
    status: f.status ?? undefined,
    flag: f.flag ?? undefined,
    rectificationClass: f.rectificationClass ?? undefined,
    severity: f.severity ?? undefined,
    source: f.source ?? undefined,
    category: f.category ?? undefined,
    handlerId: parseOptionalId("filter.handler", f.handler, "Person"),
    overdue: f.overdue ?? undefined,
    inWarning: f.inWarning ?? undefined,
    deadlineFrom: f.deadlineFrom ?? undefined,
    deadlineTo: f.deadlineTo ?? undefined,
    foundFrom: f.foundFrom ?? undefined,
    foundTo: f.foundTo ?? undefined,
    text: f.text?.trim() || undefined,
  };
  if (f.unit) {
    const unit = await ctx.loaders.unit.load(parseId("filter.unit", f.unit, "Unit"));
    if (!unit) throw notFound("Unit", f.unit);
    where.underPath = unit.path;
  }
  return where;
}

export async function getFinding(ctx: Context, globalId: string, field = "id"): Promise<Finding> {
  const row = await ctx.loaders.finding.load(parseId(field, globalId, "Finding"));
  if (!row) throw notFound("Finding", globalId);
  return toFinding(row, ctx.clock.now());
}

/** The default warning time: 00:00 Shanghai, DEFAULT_WARNING_DAYS before the deadline, not before `foundAt`. */
export function defaultWarningAt(deadline: string, foundAt: Date): Date {
  const warning = shanghaiStartOfDay(addDays(deadline, -DEFAULT_WARNING_DAYS));
  return warning < foundAt ? foundAt : warning;
}

export function checkDeadline(deadline: string, foundAt: Date, warningAt: Date, field = "deadline"): void {
  if (deadline < shanghaiDate(foundAt)) throw badInput(field, "the deadline is before the day the problem was found");
  if (warningAt >= shanghaiStartOfDay(addDays(deadline, 1))) throw badInput("warningAt", "the warning time is after the deadline");
}

/** Which permission each step needs (roles: server/auth/permissions.ts). */
const STEP_PERMISSION: Record<FindingStep, Permission> = {
  startRectification: "rectify",
  submitRectification: "rectify",
  addMeasure: "rectify",
  completeMeasure: "rectify",
  verifyRectification: "verify",
  rejectRectification: "verify",
  withdrawFinding: "withdraw",
  updateFinding: "editFinding",
  assignResponsibility: "assignResponsibility",
  recordAccountabilityAction: "recordAccountabilityAction",
};

export interface StepOptions<T> {
  globalId: string;
  step: FindingStep;
  version?: number | null;
  /** Extra checks and writes of the step; returns the finding columns to change and what to journal beside it. */
  apply: (tx: Db, row: FindingRow, now: Date) => Promise<{ changes: Partial<FindingRow>; extra?: Record<string, unknown>; result?: T }>;
}

/**
 * One path for every change to an existing finding: lock the row, check scope, version and the
 * status machine, write, then append the journal as the last step of the same transaction.
 */
export async function stepFinding<T = undefined>(ctx: Context, options: StepOptions<T>): Promise<{ finding: Finding; result: T | undefined }> {
  requirePermission(ctx.viewer, STEP_PERMISSION[options.step]);
  const id = parseId("id", options.globalId, "Finding");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await selectFindingForUpdate(tx, id);
    if (!before || !inScope(before.unitPath, ctx.findingScope)) throw notFound("Finding", options.globalId);
    if (options.version != null && options.version !== before.version) throw conflict(`Finding ${before.code}`);
    const status = nextStatus(before.status as FindingStatus, options.step);
    const { changes, extra, result } = await options.apply(tx, before, now);
    const after = await updateFindingRow(tx, id, { ...changes, status, updatedAt: now });
    await appendJournal(tx, ctx.actor, now, {
      action: options.step,
      entity: "Finding",
      entityId: id,
      unitPath: after.unitPath,
      before,
      after: extra ? { ...after, ...extra } : after,
    });
    return { finding: toFinding(after, now), result };
  });
}
