import { requirePermission } from "../auth/permissions.js";
import { loadWorkingCalendar } from "../calendar/calendar.service.js";
import { addDays, isValidDay, shanghaiDate, shanghaiStartOfDay } from "../clock.js";
import { createContext, type Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { FindingSource } from "../findings/finding.enums.js";
import { recordFinding } from "../findings/findings.workflow.js";
import { appendJournal } from "../journal/journal.service.js";
import { SupervisorKind, Person } from "../people/person.type.js";
import { selectPersonUnscoped } from "../people/people.queries.js";
import type { Page } from "../relay/connection.js";
import { parseId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { inScope } from "../scope.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import { inspections } from "../../db/tables/index.js";
import type { InspectionsArgs, RecordInspectionInput } from "./inspection.inputs.js";
import { Inspection, InspectionResult, type InspectionQuota, type QuotaRow } from "./inspection.type.js";
import { countInspections, insertInspection, selectInspectionDays, selectInspectionsPage, selectSupervisors, type InspectionWhere } from "./inspections.queries.js";
import { dailyQuota, weeklyQuota } from "./quota.js";

/** The longest period a quota or register covers. */
export const MAX_PERIOD_DAYS = 400;

/**
 * 检查登记: registers an inspection; a PROBLEM opens a finding linked to it, in the same
 * transaction (two journal rows, or none).
 */
export async function recordInspection(ctx: Context, input: RecordInspectionInput): Promise<Inspection> {
  requirePermission(ctx.viewer, "recordFinding");
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (input.inspectedOn > today) throw badInput("inspectedOn", "cannot be in the future");
  if (input.result !== InspectionResult.NO_PROBLEM && input.result !== InspectionResult.PROBLEM) {
    throw badInput("result", "an inspection registers NO_PROBLEM or PROBLEM");
  }
  if (input.source === FindingSource.QUALITY_REVIEW) throw badInput("source", "quality reviews have their own register");
  if (input.result === InspectionResult.PROBLEM && !input.problem) throw badInput("problem", "describe the problem found");
  if (input.result === InspectionResult.NO_PROBLEM && input.problem) throw badInput("problem", "no problem was found, so leave it out");
  const unitId = parseId("unit", input.unit, "Unit");
  const supervisorId = input.supervisor ? parseId("supervisor", input.supervisor, "Person") : ctx.actor.personId;
  if (supervisorId == null) throw badInput("supervisor", "name the supervisor who inspected");

  return ctx.db.transaction(async (tx) => {
    const unit = await selectUnitUnscoped(tx, unitId);
    if (!unit || !inScope(unit.path, ctx.findingScope)) throw notFound("Unit", input.unit);
    const supervisor = await selectPersonUnscoped(tx, supervisorId);
    if (!supervisor || !inScope(supervisor.unitPath, ctx.scope)) throw notFound("Person", input.supervisor ?? "");
    if (!supervisor.supervisorKind) throw badInput("supervisor", "this person is not a process supervisor (流程监管员)");
    const row = await insertInspection(tx, {
      supervisorId,
      unitId,
      unitPath: unit.path,
      caseRef: input.caseRef.trim(),
      inspectedOn: input.inspectedOn,
      source: input.source,
      result: input.result,
      notes: input.notes.trim(),
      createdAt: now,
    });
    await appendJournal(tx, ctx.actor, now, { action: "recordInspection", entity: "Inspection", entityId: row.id, unitPath: row.unitPath, before: null, after: row });
    if (input.problem) {
      const inner = createContext({ db: tx, viewer: ctx.viewer, scope: ctx.scope, findingScope: ctx.findingScope, actor: ctx.actor, clock: ctx.clock, requestId: ctx.requestId });
      const problem = input.problem;
      await recordFinding(
        inner,
        {
          ...problem,
          unit: input.unit,
          caseRef: row.caseRef,
          source: input.source,
          foundBy: input.supervisor ?? undefined,
          // Found during the inspection: now when that is today, else the start of that day.
          foundAt: input.inspectedOn === today ? now : shanghaiStartOfDay(input.inspectedOn),
        },
        { inspectionId: row.id },
      ).catch((error: unknown) => {
        // The finding's fields sit under `problem` in this input; say so in the error.
        if (error instanceof Error && "extensions" in error) {
          const ext = (error as { extensions: Record<string, unknown> }).extensions;
          if (ext.code === "BAD_USER_INPUT" && typeof ext.field === "string" && !["unit", "supervisor"].includes(ext.field)) {
            throw badInput(`problem.${ext.field}`, error.message.replace(/^[\w.]+: /, ""));
          }
        }
        throw error;
      });
    }
    return Inspection.from(row);
  });
}

export async function listInspections(ctx: Context, args: InspectionsArgs): Promise<Page<Inspection>> {
  const where = await inspectionWhere(ctx, args.filter ?? {});
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: inspections.id,
    sort: { column: inspections.inspectedOn, cast: "date", direction: "desc", value: (row) => row.inspectedOn },
    fetch: (keyset, orderBy, limit) => selectInspectionsPage(ctx.db, ctx.findingScope, where, keyset, orderBy, limit),
    count: () => countInspections(ctx.db, ctx.findingScope, where),
    map: Inspection.from,
  });
}

export async function inspectionWhere(ctx: Context, f: { unit?: string | null; supervisor?: string | null; from?: string | null; to?: string | null }): Promise<InspectionWhere> {
  const where: InspectionWhere = { from: f.from ?? undefined, to: f.to ?? undefined };
  if (f.unit) {
    const unit = await ctx.loaders.unit.load(parseId("filter.unit", f.unit, "Unit"));
    if (!unit) throw notFound("Unit", f.unit);
    where.underPath = unit.path;
  }
  if (f.supervisor) where.supervisorId = parseId("filter.supervisor", f.supervisor, "Person");
  return where;
}

/** Checks a period (from ≤ to, at most MAX_PERIOD_DAYS); returns it clipped to today. */
export function checkPeriod(from: string, to: string, today: string): { from: string; to: string } {
  if (!isValidDay(from)) throw badInput("from", "not a date (YYYY-MM-DD)");
  if (!isValidDay(to)) throw badInput("to", "not a date (YYYY-MM-DD)");
  if (to < from) throw badInput("to", "the period ends before it starts");
  if (addDays(from, MAX_PERIOD_DAYS) < to) throw badInput("to", `a period is at most ${MAX_PERIOD_DAYS} days`);
  return { from, to: to < today ? to : today };
}

/**
 * 每日一案 / 每周两案: per process supervisor in the unit's subtree (default: all the viewer sees),
 * inspections required by the working calendar from `from` to `to` (or today, if earlier), done and met.
 */
export async function inspectionQuota(ctx: Context, from: string, to: string, unitGlobalId?: string | null): Promise<InspectionQuota> {
  const period = checkPeriod(from, to, shanghaiDate(ctx.clock.now()));
  let underPath: string | undefined;
  if (unitGlobalId) {
    const unit = await ctx.loaders.unit.load(parseId("unit", unitGlobalId, "Unit"));
    if (!unit) throw notFound("Unit", unitGlobalId);
    underPath = unit.path;
  }
  return quotaUnder(ctx, period, underPath);
}

/** This Shanghai month's quota, up to today, for the supervisors under `underPath` (the wall board's). */
export function monthQuotaUnder(ctx: Context, underPath: string | undefined): Promise<InspectionQuota> {
  const today = shanghaiDate(ctx.clock.now());
  return quotaUnder(ctx, { from: `${today.slice(0, 8)}01`, to: today }, underPath);
}

async function quotaUnder(ctx: Context, period: { from: string; to: string }, underPath: string | undefined): Promise<InspectionQuota> {
  const counted = period.to >= period.from;
  const [supervisors, calendar] = await Promise.all([
    selectSupervisors(ctx.db, ctx.scope, underPath),
    counted ? loadWorkingCalendar(ctx.db, period.from, period.to) : null,
  ]);
  const days = counted ? await selectInspectionDays(ctx.db, supervisors.map((s) => s.person.id), period.from, period.to) : [];
  const bySupervisor = new Map<number, string[]>();
  for (const d of days) bySupervisor.set(d.supervisorId, [...(bySupervisor.get(d.supervisorId) ?? []), d.inspectedOn]);
  const rows: QuotaRow[] = supervisors.map(({ person }) => {
    const kind = person.supervisorKind as SupervisorKind;
    const inspected = bySupervisor.get(person.id) ?? [];
    const count = !calendar
      ? { required: 0, done: 0, met: 0, missingDays: [], shortWeeks: [] }
      : kind === SupervisorKind.CASE_MANAGEMENT
        ? dailyQuota(calendar, period.from, period.to, inspected)
        : weeklyQuota(calendar, period.from, period.to, inspected);
    return { supervisorRowId: person.id, supervisor: Person.from(person), kind, ...count, complianceRate: count.required === 0 ? 1 : count.met / count.required };
  });
  rows.sort((a, b) => a.complianceRate - b.complianceRate || a.supervisorRowId - b.supervisorRowId);
  const required = rows.reduce((n, r) => n + r.required, 0);
  const met = rows.reduce((n, r) => n + r.met, 0);
  return {
    from: period.from,
    to: period.to,
    workingDays: calendar ? calendar.workingDaysBetween(period.from, period.to).length : 0,
    rows,
    complianceRate: required === 0 ? 1 : met / required,
  };
}
