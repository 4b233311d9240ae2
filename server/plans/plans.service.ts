import type { Db } from "../../db/client.js";
import { plans } from "../../db/tables/index.js";
import { can, requirePermission } from "../auth/permissions.js";
import { addDays, shanghaiDate } from "../clock.js";
import type { Context } from "../context.js";
import { AppError, badInput, conflict, notFound } from "../errors.js";
import { FindingStatus } from "../findings/finding.enums.js";
import { selectFindingsByIds } from "../findings/findings.queries.js";
import { appendJournal } from "../journal/journal.service.js";
import { selectPersonUnscoped } from "../people/people.queries.js";
import type { Page } from "../relay/connection.js";
import { parseId, toGlobalId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { ALL, inScope } from "../scope.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import type {
  AddPlanFindingsInput,
  AddPlanMilestoneInput,
  CompletePlanMilestoneInput,
  CreatePlanInput,
  PlanFilter,
  PlansArgs,
  PlanStepInput,
  RemovePlanFindingInput,
} from "./plan.inputs.js";
import { Plan, PlanMilestone, PlanStatus, type PlanMilestoneRow, type PlanRow } from "./plan.type.js";
import {
  completeMilestoneRow,
  countPlans,
  deletePlanFinding,
  insertMilestones,
  insertPlan,
  insertPlanFindings,
  selectFindingIdsInPlan,
  selectMilestone,
  selectPlanForUpdate,
  selectPlansPage,
  touchPlan,
  type PlanWhere,
} from "./plans.queries.js";

/** The longest period a plan may cover (two years). */
export const MAX_PLAN_DAYS = 731;

function trimmed(field: string, value: string): string {
  const text = value.trim();
  if (!text) throw badInput(field, "must not be blank");
  return text;
}

function checkPeriod(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw badInput("endsOn", "the plan ends before it starts");
  if (addDays(startsOn, MAX_PLAN_DAYS) < endsOn) throw badInput("endsOn", `a plan covers at most ${MAX_PLAN_DAYS} days`);
}

function checkDue(field: string, dueOn: string, plan: { startsOn: string; endsOn: string }): void {
  if (dueOn < plan.startsOn || dueOn > plan.endsOn) throw badInput(field, "is outside the plan's period");
}

/** A visible person for an owner field; NOT_FOUND outside the viewer's scope. */
async function ownerId(tx: Db, ctx: Context, field: string, globalId: string | null | undefined): Promise<number | null> {
  if (globalId == null) return null;
  const person = await selectPersonUnscoped(tx, parseId(field, globalId, "Person"));
  if (!person || !inScope(person.unitPath, ctx.scope)) throw notFound("Person", globalId);
  return person.id;
}

/**
 * The findings a plan may take on: visible to the viewer (else NOT_FOUND), in the plan unit's
 * subtree and not withdrawn (else BAD_USER_INPUT naming `field`). Duplicates are dropped.
 */
async function planFindingIds(tx: Db, ctx: Context, field: string, unitPath: string, globalIds: readonly string[]): Promise<number[]> {
  const ids = globalIds.map((g, i) => parseId(`${field}.${i}`, g, "Finding"));
  const rows = new Map((await selectFindingsByIds(tx, ALL, ids)).map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const row = rows.get(id);
    if (!row || !inScope(row.unitPath, ctx.findingScope)) throw notFound("Finding", globalIds[i]!);
    if (!row.unitPath.startsWith(unitPath)) throw badInput(`${field}.${i}`, `${row.code} is not a finding of the plan's unit`);
    if (row.status === FindingStatus.WITHDRAWN) throw badInput(`${field}.${i}`, `${row.code} is withdrawn`);
  });
  return [...new Set(ids)];
}

/** 一院一策: opens a plan for a unit, with its findings and timetable, in one journaled change. */
export async function createPlan(ctx: Context, input: CreatePlanInput): Promise<Plan> {
  requirePermission(ctx.viewer, "managePlans");
  const now = ctx.clock.now();
  const unitId = parseId("unit", input.unit, "Unit");
  const title = trimmed("title", input.title);
  checkPeriod(input.startsOn, input.endsOn);
  const milestones = (input.milestones ?? []).map((m, i) => {
    checkDue(`milestones.${i}.dueOn`, m.dueOn, input);
    return { ...m, title: trimmed(`milestones.${i}.title`, m.title) };
  });
  return ctx.db.transaction(async (tx) => {
    const unit = await selectUnitUnscoped(tx, unitId);
    if (!unit || !inScope(unit.path, ctx.scope) || !inScope(unit.path, ctx.findingScope)) throw notFound("Unit", input.unit);
    const findingIds = await planFindingIds(tx, ctx, "findings", unit.path, input.findings ?? []);
    const items = [];
    for (const [i, m] of milestones.entries()) items.push({ title: m.title, dueOn: m.dueOn, ownerId: await ownerId(tx, ctx, `milestones.${i}.owner`, m.owner) });
    const plan = await insertPlan(tx, {
      unitId,
      unitPath: unit.path,
      title,
      summary: input.summary.trim(),
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdById: ctx.actor.personId,
      createdAt: now,
      updatedAt: now,
    });
    await insertPlanFindings(tx, plan.id, findingIds, now);
    const created = await insertMilestones(tx, plan.id, items, now);
    await appendJournal(tx, ctx.actor, now, {
      action: "createPlan",
      entity: "Plan",
      entityId: plan.id,
      unitPath: plan.unitPath,
      before: null,
      after: { ...plan, findingIds, milestones: created },
    });
    return Plan.from(plan);
  });
}

interface PlanStep<T> {
  input: PlanStepInput;
  action: string;
  apply: (tx: Db, plan: PlanRow, now: Date) => Promise<{ changes?: Partial<PlanRow>; extra: Record<string, unknown>; result: T }>;
}

/**
 * One path for every change to an existing plan: lock it, check scope, version and that it is
 * still ACTIVE, write, bump the version, then journal as the last step of the transaction.
 */
async function stepPlan<T>(ctx: Context, step: PlanStep<T>): Promise<{ plan: Plan; result: T }> {
  const id = parseId("id", step.input.id, "Plan");
  const now = ctx.clock.now();
  const done = await ctx.db.transaction(async (tx) => {
    const before = await selectPlanForUpdate(tx, id);
    if (!before || !inScope(before.unitPath, ctx.findingScope)) throw notFound("Plan", step.input.id);
    if (step.input.version != null && step.input.version !== before.version) throw conflict(`Plan ${before.title}`);
    if (before.status !== PlanStatus.ACTIVE) throw new AppError("INVALID_TRANSITION", "the plan is closed", { from: before.status, action: step.action });
    const { changes, extra, result } = await step.apply(tx, before, now);
    const after = await touchPlan(tx, id, { ...changes, updatedAt: now });
    await appendJournal(tx, ctx.actor, now, { action: step.action, entity: "Plan", entityId: id, unitPath: after.unitPath, before, after: { ...after, ...extra } });
    return { plan: Plan.from(after), result };
  });
  // Later fields of this request (a milestone's plan) read the plan as it is now.
  ctx.loaders.plan.clear(id).prime(id, done.plan);
  return done;
}

export async function addPlanFindings(ctx: Context, input: AddPlanFindingsInput): Promise<Plan> {
  requirePermission(ctx.viewer, "managePlans");
  if (input.findings.length === 0) throw badInput("findings", "name at least one finding");
  const { plan } = await stepPlan(ctx, {
    input,
    action: "addPlanFindings",
    apply: async (tx, row, now) => {
      const ids = await planFindingIds(tx, ctx, "findings", row.unitPath, input.findings);
      const already = await selectFindingIdsInPlan(tx, row.id, ids);
      if (already.length) throw badInput(`findings.${ids.indexOf(already[0]!)}`, "this finding is already in the plan");
      await insertPlanFindings(tx, row.id, ids, now);
      return { extra: { addedFindingIds: ids }, result: undefined };
    },
  });
  return plan;
}

export async function removePlanFinding(ctx: Context, input: RemovePlanFindingInput): Promise<Plan> {
  requirePermission(ctx.viewer, "managePlans");
  const findingId = parseId("finding", input.finding, "Finding");
  const { plan } = await stepPlan(ctx, {
    input,
    action: "removePlanFinding",
    apply: async (tx, row) => {
      const [finding] = await selectFindingsByIds(tx, ctx.findingScope, [findingId]);
      if (!finding) throw notFound("Finding", input.finding);
      if (!(await deletePlanFinding(tx, row.id, findingId))) throw badInput("finding", "this finding is not in the plan");
      return { extra: { removedFindingId: findingId }, result: undefined };
    },
  });
  return plan;
}

export async function addPlanMilestone(ctx: Context, input: AddPlanMilestoneInput): Promise<PlanMilestone> {
  requirePermission(ctx.viewer, "managePlans");
  const title = trimmed("title", input.title);
  const { result } = await stepPlan(ctx, {
    input,
    action: "addPlanMilestone",
    apply: async (tx, row, now) => {
      checkDue("dueOn", input.dueOn, row);
      const owner = await ownerId(tx, ctx, "owner", input.owner);
      const [milestone] = await insertMilestones(tx, row.id, [{ title, dueOn: input.dueOn, ownerId: owner }], now);
      return { extra: { milestone }, result: PlanMilestone.from(milestone!) };
    },
  });
  return result;
}

/** Marks a milestone done: plan managers, or a unit head whose scope holds the plan's unit. */
export async function completePlanMilestone(ctx: Context, input: CompletePlanMilestoneInput): Promise<PlanMilestone> {
  if (!can(ctx.viewer, "managePlans")) requirePermission(ctx.viewer, "rectify");
  const milestoneId = parseId("milestone", input.milestone, "PlanMilestone");
  const existing = await selectMilestone(ctx.db, milestoneId);
  // A milestone is as visible as its plan; outside scope it reads as missing.
  if (!existing || !(await ctx.loaders.plan.load(existing.planId))) throw notFound("PlanMilestone", input.milestone);
  const { result } = await stepPlan(ctx, {
    input: { id: toGlobalId("Plan", existing.planId), version: input.version },
    action: "completePlanMilestone",
    apply: async (tx, _row, now) => {
      const current = (await selectMilestone(tx, milestoneId)) as PlanMilestoneRow;
      if (current.doneAt) throw badInput("milestone", "this milestone is already done");
      const milestone = await completeMilestoneRow(tx, milestoneId, now);
      return { extra: { milestone }, result: PlanMilestone.from(milestone) };
    },
  });
  return result;
}

export async function closePlan(ctx: Context, input: PlanStepInput): Promise<Plan> {
  requirePermission(ctx.viewer, "managePlans");
  const { plan } = await stepPlan(ctx, {
    input,
    action: "closePlan",
    apply: async () => ({ changes: { status: PlanStatus.CLOSED }, extra: {}, result: undefined }),
  });
  return plan;
}

export async function getPlan(ctx: Context, globalId: string): Promise<Plan> {
  const plan = await ctx.loaders.plan.load(parseId("id", globalId, "Plan"));
  if (!plan) throw notFound("Plan", globalId);
  return plan;
}

/** Plans the viewer may see (their unit in scope), newest period first. */
export async function listPlans(ctx: Context, args: PlansArgs): Promise<Page<Plan>> {
  const where = await planWhere(ctx, args.filter ?? {});
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: plans.id,
    sort: { column: plans.startsOn, cast: "date", direction: "desc", value: (row) => row.startsOn },
    fetch: (keyset, orderBy, limit) => selectPlansPage(ctx.db, ctx.findingScope, where, keyset, orderBy, limit),
    count: () => countPlans(ctx.db, ctx.findingScope, where),
    map: Plan.from,
  });
}

async function planWhere(ctx: Context, f: PlanFilter): Promise<PlanWhere> {
  const where: PlanWhere = { status: f.status ?? undefined };
  if (f.unit) {
    const unit = await ctx.loaders.unit.load(parseId("filter.unit", f.unit, "Unit"));
    if (!unit) throw notFound("Unit", f.unit);
    where.underPath = unit.path;
  }
  return where;
}

/** The last day a plan's progress reaches: today, or the plan's end if earlier. */
export function progressEnd(plan: Plan, now: Date): string {
  const today = shanghaiDate(now);
  return today < plan.endsOn ? today : plan.endsOn;
}
