import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Finding } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import { Person } from "../people/person.type.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import {
  AddPlanFindingsInput,
  AddPlanMilestoneInput,
  CompletePlanMilestoneInput,
  CreatePlanInput,
  PlansArgs,
  PlanStepInput,
  RemovePlanFindingInput,
} from "./plan.inputs.js";
import { Plan, PlanFlagCounts, PlanMilestone, PlanProgressPoint, PlanTimetableEntry, ProgressStep } from "./plan.type.js";
import { planFindingRows, planFlagCounts, planProgress, planTimetable } from "./plans.progress.js";
import * as service from "./plans.service.js";

const PlanConnection = connectionType("Plan", Plan, "improvement plans (一院一策)");

@Resolver(() => Plan)
export class PlansResolver {
  @Query(() => PlanConnection, { description: "一院一策: improvement plans of units the viewer may see, latest start first." })
  async plans(@Args(() => PlansArgs) args: PlansArgs, @Ctx() ctx: Context) {
    return toConnection(await service.listPlans(ctx, args));
  }

  @Query(() => Plan, { description: "One plan by id; NOT_FOUND outside the viewer's scope." })
  plan(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return service.getPlan(ctx, id);
  }

  @Mutation(() => Plan, { description: "一院一策: opens a plan for a unit with its findings and milestones." })
  createPlan(@Arg("input", () => CreatePlanInput) input: CreatePlanInput, @Ctx() ctx: Context) {
    return service.createPlan(ctx, input);
  }

  @Mutation(() => Plan, { description: "Adds findings of the plan unit's subtree to the plan." })
  addPlanFindings(@Arg("input", () => AddPlanFindingsInput) input: AddPlanFindingsInput, @Ctx() ctx: Context) {
    return service.addPlanFindings(ctx, input);
  }

  @Mutation(() => Plan, { description: "Takes a finding out of the plan; it stays on the ledger." })
  removePlanFinding(@Arg("input", () => RemovePlanFindingInput) input: RemovePlanFindingInput, @Ctx() ctx: Context) {
    return service.removePlanFinding(ctx, input);
  }

  @Mutation(() => PlanMilestone, { description: "Adds a milestone to the plan's timetable (时间表)." })
  addPlanMilestone(@Arg("input", () => AddPlanMilestoneInput) input: AddPlanMilestoneInput, @Ctx() ctx: Context) {
    return service.addPlanMilestone(ctx, input);
  }

  @Mutation(() => PlanMilestone, { description: "Marks a milestone done; plan managers, or the head of the plan's unit." })
  completePlanMilestone(@Arg("input", () => CompletePlanMilestoneInput) input: CompletePlanMilestoneInput, @Ctx() ctx: Context) {
    return service.completePlanMilestone(ctx, input);
  }

  @Mutation(() => Plan, { description: "Closes the plan (已结束); it can no longer change." })
  closePlan(@Arg("input", () => PlanStepInput) input: PlanStepInput, @Ctx() ctx: Context) {
    return service.closePlan(ctx, input);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The unit the plan is for." })
  unit(@Root() plan: Plan, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(plan.unitRowId);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who opened the plan; null when unknown or outside the viewer's scope." })
  createdBy(@Root() plan: Plan, @Ctx() ctx: Context) {
    return plan.createdByRowId == null ? null : ctx.loaders.person.load(plan.createdByRowId);
  }

  @FieldResolver(() => [Finding], { description: "The problems the plan takes on (with their measures), as far as the viewer may see findings." })
  async findings(@Root() plan: Plan, @Ctx() ctx: Context) {
    const now = ctx.clock.now();
    return (await planFindingRows(ctx, plan)).map((row) => toFinding(row, now));
  }

  @FieldResolver(() => [PlanMilestone], { description: "The timetable's milestones, in order." })
  milestones(@Root() plan: Plan, @Ctx() ctx: Context) {
    return ctx.loaders.planMilestones.load(plan.rowId);
  }

  @FieldResolver(() => [PlanTimetableEntry], { description: "时间表: milestones and the findings' measures, by due date." })
  timetable(@Root() plan: Plan, @Ctx() ctx: Context) {
    return planTimetable(ctx, plan);
  }

  @FieldResolver(() => PlanFlagCounts, { description: "The plan's findings by flag (红/黄/黑旗) now." })
  flagCounts(@Root() plan: Plan, @Ctx() ctx: Context) {
    return planFlagCounts(ctx, plan);
  }

  @FieldResolver(() => [PlanProgressPoint], {
    description: "挂图: the plan's findings by flag at the end of each day from the start to today (or the end), every `step`; the last day is always included.",
  })
  progress(
    @Arg("step", () => ProgressStep, { defaultValue: ProgressStep.WEEK, description: "Spacing of the points." }) step: ProgressStep,
    @Root() plan: Plan,
    @Ctx() ctx: Context,
  ) {
    return planProgress(ctx, plan, step);
  }
}

@Resolver(() => PlanMilestone)
export class PlanMilestonesResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who is responsible (责任人); null when unset or outside the viewer's scope." })
  owner(@Root() milestone: PlanMilestone, @Ctx() ctx: Context) {
    return milestone.ownerRowId == null ? null : ctx.loaders.person.load(milestone.ownerRowId);
  }

  @FieldResolver(() => Plan, { nullable: true, description: "The plan." })
  plan(@Root() milestone: PlanMilestone, @Ctx() ctx: Context) {
    return ctx.loaders.plan.load(milestone.planRowId);
  }
}
