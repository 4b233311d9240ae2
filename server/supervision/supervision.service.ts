import { supervisionItems } from "../../db/tables/index.js";
import type { Db } from "../../db/client.js";
import { requirePermission } from "../auth/permissions.js";
import { loadWorkingCalendar } from "../calendar/calendar.service.js";
import { spanFor } from "../calendar/working-days.js";
import { addDays, shanghaiDate, shanghaiStartOfDay } from "../clock.js";
import { createContext, type Context } from "../context.js";
import { AppError, badInput, conflict, notFound } from "../errors.js";
import { FindingSource } from "../findings/finding.enums.js";
import { recordFinding } from "../findings/findings.workflow.js";
import { appendJournal } from "../journal/journal.service.js";
import type { Page } from "../relay/connection.js";
import { parseId, toGlobalId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { inScope } from "../scope.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import { deriveSupervision } from "./supervision.derive.js";
import type {
  AddSupervisionFeedbackInput,
  CloseSupervisionItemInput,
  IssueSupervisionNoticeInput,
  OpenSupervisionItemInput,
  SupervisionItemFilter,
  SupervisionItemsArgs,
} from "./supervision.inputs.js";
import {
  countSupervisionItems,
  insertSupervisionFeedback,
  insertSupervisionItem,
  insertSupervisionNotice,
  lockSeries,
  selectSupervisionItemForUpdate,
  selectSupervisionItemsPage,
  supervisionConditions,
  updateSupervisionItemRow,
  type SupervisionWhere,
} from "./supervision.queries.js";
import {
  SupervisionFeedback,
  SupervisionItem,
  SupervisionNotice,
  SupervisionNoticeKind,
  SupervisionStatus,
  type SupervisionItemRow,
} from "./supervision.type.js";

/** 一周办结: an item is due this many working days after its start day, unless a deadline is given. */
export const DEFAULT_DUE_WORKING_DAYS = 5;

export function toSupervisionItem(row: SupervisionItemRow, now: Date): SupervisionItem {
  return SupervisionItem.from(row, deriveSupervision(row, now));
}

/**
 * The default due day and warning time of an item started on `startedOn`: five working days later
 * (a plain week, longer over holidays and 调休 by the stored calendar), warning from 00:00 of the
 * last working day before the deadline (never before the start day).
 */
export async function defaultSchedule(db: Db, startedOn: string, deadline?: string | null): Promise<{ deadline: string; warningAt: Date }> {
  const span = spanFor(startedOn, DEFAULT_DUE_WORKING_DAYS);
  const due = deadline ?? (await loadWorkingCalendar(db, span.from, span.to)).addWorkingDays(startedOn, DEFAULT_DUE_WORKING_DAYS);
  if (due <= startedOn) return { deadline: due, warningAt: shanghaiStartOfDay(startedOn) };
  // The last working day before the deadline lies within the holiday runs before it.
  const from = addDays(due, -40) > startedOn ? addDays(due, -40) : startedOn;
  const calendar = await loadWorkingCalendar(db, from, due);
  const before = calendar.workingDaysBetween(from, addDays(due, -1)).at(-1) ?? startedOn;
  return { deadline: due, warningAt: shanghaiStartOfDay(before) };
}

/** 督察立项: opens an item for a responsible unit, numbered per year (督〔2026〕N号). */
export async function openSupervisionItem(ctx: Context, input: OpenSupervisionItemInput): Promise<SupervisionItem> {
  requirePermission(ctx.viewer, "supervise");
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const startedOn = input.startedOn ?? today;
  if (startedOn > today) throw badInput("startedOn", "cannot be in the future");
  if (input.deadline && input.deadline < startedOn) throw badInput("deadline", "the deadline is before the start day");
  if (!input.title.trim()) throw badInput("title", "cannot be blank");
  if (!input.requirements.trim()) throw badInput("requirements", "cannot be blank");
  const unitId = parseId("unit", input.unit, "Unit");

  return ctx.db.transaction(async (tx) => {
    const unit = await selectUnitUnscoped(tx, unitId);
    if (!unit || !inScope(unit.path, ctx.findingScope)) throw notFound("Unit", input.unit);
    const schedule = await defaultSchedule(tx, startedOn, input.deadline);
    const warningAt = input.warningAt ?? schedule.warningAt;
    if (warningAt >= shanghaiStartOfDay(addDays(schedule.deadline, 1))) throw badInput("warningAt", "the warning time is after the deadline");
    const year = Number(today.slice(0, 4));
    await lockSeries(tx, 0, year);
    const row = await insertSupervisionItem(
      tx,
      {
        title: input.title.trim(),
        source: input.source,
        requirements: input.requirements.trim(),
        unitId,
        unitPath: unit.path,
        startedOn,
        deadline: schedule.deadline,
        warningAt,
        openedById: ctx.actor.personId,
        createdAt: now,
        updatedAt: now,
      },
      year,
    );
    await appendJournal(tx, ctx.actor, now, { action: "openSupervisionItem", entity: "SupervisionItem", entityId: row.id, unitPath: row.unitPath, before: null, after: row });
    return toSupervisionItem(row, now);
  });
}

/** The item, locked, when the viewer may see it; NOT_FOUND otherwise. */
async function itemForUpdate(ctx: Context, tx: Db, field: string, globalId: string): Promise<SupervisionItemRow> {
  const row = await selectSupervisionItemForUpdate(tx, parseId(field, globalId, "SupervisionItem"));
  if (!row || !inScope(row.unitPath, ctx.findingScope)) throw notFound("SupervisionItem", globalId);
  return row;
}

const closedError = (row: SupervisionItemRow, action: string) =>
  new AppError("INVALID_TRANSITION", `cannot ${action} supervision item ${row.code}: it is closed`, { from: row.status, action });

/** 反馈: the responsible unit's reply (a unit head) or a supervisor's note, on an open item. */
export async function addSupervisionFeedback(ctx: Context, input: AddSupervisionFeedbackInput): Promise<SupervisionFeedback> {
  requirePermission(ctx.viewer, "rectify");
  const text = input.text.trim();
  if (!text) throw badInput("text", "cannot be blank");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const item = await itemForUpdate(ctx, tx, "item", input.item);
    if (item.status !== SupervisionStatus.OPEN) throw closedError(item, "addSupervisionFeedback");
    const row = await insertSupervisionFeedback(tx, { itemId: item.id, authorId: ctx.actor.personId, text, createdAt: now });
    await appendJournal(tx, ctx.actor, now, { action: "addSupervisionFeedback", entity: "SupervisionFeedback", entityId: row.id, unitPath: item.unitPath, before: null, after: row });
    return SupervisionFeedback.from(row);
  });
}

/** 办结: closes an open item with a summary; needs the version that was read. */
export async function closeSupervisionItem(ctx: Context, input: CloseSupervisionItemInput): Promise<SupervisionItem> {
  requirePermission(ctx.viewer, "supervise");
  const summary = input.summary.trim();
  if (!summary) throw badInput("summary", "say how the item was concluded");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await itemForUpdate(ctx, tx, "id", input.id);
    if (input.version !== before.version) throw conflict(`Supervision item ${before.code}`);
    if (before.status !== SupervisionStatus.OPEN) throw closedError(before, "closeSupervisionItem");
    const after = await updateSupervisionItemRow(tx, before.id, { status: SupervisionStatus.CLOSED, closedAt: now, closingSummary: summary, updatedAt: now });
    await appendJournal(tx, ctx.actor, now, { action: "closeSupervisionItem", entity: "SupervisionItem", entityId: after.id, unitPath: after.unitPath, before, after });
    return toSupervisionItem(after, now);
  });
}

/** Re-throws a finding's field error under `problems.N.` so the form can point at it. */
function underProblem(index: number) {
  return (error: unknown): never => {
    if (error instanceof AppError && error.code === "BAD_USER_INPUT" && typeof error.extensions.field === "string") {
      throw badInput(`problems.${index}.${error.extensions.field}`, error.message.replace(/^[\w.]+: /, ""));
    }
    throw error;
  };
}

/**
 * 督察建议 / 整改通知书: issues a numbered notice from an open item; each problem it names opens a
 * finding (source SUPERVISION, linked to the notice) in the same transaction — all rows, or none.
 */
export async function issueSupervisionNotice(ctx: Context, input: IssueSupervisionNoticeInput): Promise<SupervisionNotice> {
  requirePermission(ctx.viewer, "supervise");
  const text = input.text.trim();
  if (!text) throw badInput("text", "cannot be blank");
  if (input.kind === SupervisionNoticeKind.RECTIFICATION_NOTICE && input.problems.length === 0) {
    throw badInput("problems", "a rectification notice (整改通知书) names at least one problem");
  }
  const now = ctx.clock.now();
  const year = Number(shanghaiDate(now).slice(0, 4));
  return ctx.db.transaction(async (tx) => {
    const item = await itemForUpdate(ctx, tx, "item", input.item);
    if (item.status !== SupervisionStatus.OPEN) throw closedError(item, "issueSupervisionNotice");
    const units = new Map<number, string>();
    for (const [i, p] of input.problems.entries()) {
      if (!p.unit) continue;
      const unitId = parseId(`problems.${i}.unit`, p.unit, "Unit");
      const unit = await selectUnitUnscoped(tx, unitId);
      if (!unit || !inScope(unit.path, ctx.findingScope)) throw notFound("Unit", p.unit);
      if (!unit.path.startsWith(item.unitPath)) throw badInput(`problems.${i}.unit`, "not the responsible unit or a unit under it");
      units.set(i, p.unit);
    }
    await lockSeries(tx, input.kind === SupervisionNoticeKind.SUGGESTION ? 1 : 2, year);
    const notice = await insertSupervisionNotice(
      tx,
      { itemId: item.id, kind: input.kind, text, unitPath: item.unitPath, issuedById: ctx.actor.personId, issuedAt: now },
      year,
    );
    await appendJournal(tx, ctx.actor, now, { action: "issueSupervisionNotice", entity: "SupervisionNotice", entityId: notice.id, unitPath: notice.unitPath, before: null, after: notice });
    const inner = createContext({ db: tx, viewer: ctx.viewer, scope: ctx.scope, findingScope: ctx.findingScope, actor: ctx.actor, clock: ctx.clock, requestId: ctx.requestId });
    for (const [i, p] of input.problems.entries()) {
      await recordFinding(
        inner,
        {
          title: p.title,
          description: p.description,
          unit: units.get(i) ?? toGlobalId("Unit", item.unitId),
          handler: p.handler ?? null,
          caseRef: p.caseRef ?? null,
          category: p.category,
          severity: p.severity,
          source: FindingSource.SUPERVISION,
          rectificationClass: p.rectificationClass,
          deadline: p.deadline,
          warningAt: p.warningAt ?? null,
        },
        { supervisionNoticeId: notice.id },
      ).catch(underProblem(i));
    }
    return SupervisionNotice.from(notice);
  });
}

/** 督察事项: items the viewer may see, filtered, newest start first, Relay-paged. */
export async function listSupervisionItems(ctx: Context, args: SupervisionItemsArgs): Promise<Page<SupervisionItem>> {
  const now = ctx.clock.now();
  const condition = supervisionConditions(ctx.findingScope, await supervisionWhere(ctx, args.filter ?? {}), now);
  return keysetPage<SupervisionItemRow, SupervisionItem>({
    first: args.first,
    after: args.after,
    idColumn: supervisionItems.id,
    sort: { column: supervisionItems.startedOn, cast: "date", direction: "desc", value: (row) => row.startedOn },
    fetch: (keyset, orderBy, limit) => selectSupervisionItemsPage(ctx.db, condition, keyset, orderBy, limit),
    count: () => countSupervisionItems(ctx.db, condition),
    map: (row) => toSupervisionItem(row, now),
  });
}

async function supervisionWhere(ctx: Context, f: SupervisionItemFilter): Promise<SupervisionWhere> {
  const where: SupervisionWhere = {
    status: f.status ?? undefined,
    source: f.source ?? undefined,
    overdue: f.overdue ?? undefined,
    inWarning: f.inWarning ?? undefined,
    from: f.from ?? undefined,
    to: f.to ?? undefined,
  };
  if (f.unit) {
    const unit = await ctx.loaders.unit.load(parseId("filter.unit", f.unit, "Unit"));
    if (!unit) throw notFound("Unit", f.unit);
    where.underPath = unit.path;
  }
  return where;
}
