import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { AccountabilityAction } from "../accountability/accountability.type.js";
import type { Context } from "../context.js";
import { JournalEntry } from "../journal/journal.type.js";
import { Person } from "../people/person.type.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import type { FindingStatus } from "./finding.enums.js";
import {
  AddMeasureInput,
  AssignResponsibilityInput,
  CompleteMeasureInput,
  FindingStepInput,
  FindingsArgs,
  ReasonStepInput,
  RecordFindingInput,
  UpdateFindingInput,
  VerifyRectificationInput,
} from "./finding.inputs.js";
import { Finding, Measure, Responsibility } from "./finding.type.js";
import { getFinding, listFindings, toFinding } from "./findings.service.js";
import * as workflow from "./findings.workflow.js";
import { allowedSteps } from "./status-machine.js";

const FindingConnection = connectionType("Finding", Finding, "findings");

@Resolver(() => Finding)
export class FindingsResolver {
  @Query(() => FindingConnection, { description: "The ledger (整改台账): findings the viewer may see." })
  async findings(@Args(() => FindingsArgs) args: FindingsArgs, @Ctx() ctx: Context) {
    return toConnection(await listFindings(ctx, args));
  }

  @Query(() => Finding, { description: "One finding by id; NOT_FOUND outside the viewer's scope." })
  finding(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return getFinding(ctx, id);
  }

  @Mutation(() => Finding, { description: "记录问题: records a new finding (status OPEN)." })
  recordFinding(@Arg("input", () => RecordFindingInput) input: RecordFindingInput, @Ctx() ctx: Context) {
    return workflow.recordFinding(ctx, input);
  }

  @Mutation(() => Finding, { description: "Edits an OPEN or RECTIFYING finding; a stale version fails with CONFLICT." })
  updateFinding(@Arg("input", () => UpdateFindingInput) input: UpdateFindingInput, @Ctx() ctx: Context) {
    return workflow.updateFinding(ctx, input);
  }

  @Mutation(() => Finding, { description: "开始整改: OPEN → RECTIFYING." })
  startRectification(@Arg("input", () => FindingStepInput) input: FindingStepInput, @Ctx() ctx: Context) {
    return workflow.startRectification(ctx, input);
  }

  @Mutation(() => Finding, { description: "提交验收: RECTIFYING → SUBMITTED." })
  submitRectification(@Arg("input", () => FindingStepInput) input: FindingStepInput, @Ctx() ctx: Context) {
    return workflow.submitRectification(ctx, input);
  }

  @Mutation(() => Finding, { description: "销号: SUBMITTED → VERIFIED, by someone other than the handler." })
  verifyRectification(@Arg("input", () => VerifyRectificationInput) input: VerifyRectificationInput, @Ctx() ctx: Context) {
    return workflow.verifyRectification(ctx, input);
  }

  @Mutation(() => Finding, { description: "退回: SUBMITTED → RECTIFYING, with a reason." })
  rejectRectification(@Arg("input", () => ReasonStepInput) input: ReasonStepInput, @Ctx() ctx: Context) {
    return workflow.rejectRectification(ctx, input);
  }

  @Mutation(() => Finding, { description: "撤销: withdraws an open finding, with a reason. Nothing is deleted." })
  withdrawFinding(@Arg("input", () => ReasonStepInput) input: ReasonStepInput, @Ctx() ctx: Context) {
    return workflow.withdrawFinding(ctx, input);
  }

  @Mutation(() => Measure, { description: "Adds a rectification measure (整改措施)." })
  addMeasure(@Arg("input", () => AddMeasureInput) input: AddMeasureInput, @Ctx() ctx: Context) {
    return workflow.addMeasure(ctx, input);
  }

  @Mutation(() => Measure, { description: "Marks a measure done." })
  completeMeasure(@Arg("input", () => CompleteMeasureInput) input: CompleteMeasureInput, @Ctx() ctx: Context) {
    return workflow.completeMeasure(ctx, input);
  }

  @Mutation(() => Responsibility, { description: "责任认定: names who answers for a finding." })
  assignResponsibility(@Arg("input", () => AssignResponsibilityInput) input: AssignResponsibilityInput, @Ctx() ctx: Context) {
    return workflow.assignResponsibility(ctx, input);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "Unit where the problem is (责任单位/部门)." })
  unit(@Root() f: Finding, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(f.row.unitId);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Handler (具体承办人)." })
  handler(@Root() f: Finding, @Ctx() ctx: Context) {
    return f.row.handlerId === null ? null : ctx.loaders.person.load(f.row.handlerId);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who found it (发现人)." })
  foundBy(@Root() f: Finding, @Ctx() ctx: Context) {
    return f.row.foundById === null ? null : ctx.loaders.person.load(f.row.foundById);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who verified it (验收人)." })
  verifiedBy(@Root() f: Finding, @Ctx() ctx: Context) {
    return f.row.verifiedById === null ? null : ctx.loaders.person.load(f.row.verifiedById);
  }

  @FieldResolver(() => Finding, { nullable: true, description: "The earlier finding this one repeats (重复问题)." })
  async repeatOf(@Root() f: Finding, @Ctx() ctx: Context) {
    if (f.row.repeatOfId === null) return null;
    const row = await ctx.loaders.finding.load(f.row.repeatOfId);
    return row ? toFinding(row, ctx.clock.now()) : null;
  }

  @FieldResolver(() => [Measure], { description: "Rectification measures (整改措施)." })
  measures(@Root() f: Finding, @Ctx() ctx: Context) {
    return ctx.loaders.measures.load(f.row.id);
  }

  @FieldResolver(() => [Responsibility], { description: "Responsibilities (责任认定)." })
  responsibilities(@Root() f: Finding, @Ctx() ctx: Context) {
    return ctx.loaders.responsibilities.load(f.row.id);
  }

  @FieldResolver(() => [AccountabilityAction], { description: "Accountability actions linked to it (追责问责)." })
  async accountabilityActions(@Root() f: Finding, @Ctx() ctx: Context) {
    const ids = await ctx.loaders.actionIdsByFinding.load(f.row.id);
    const actions = await ctx.loaders.action.loadMany(ids);
    return actions.filter((a): a is AccountabilityAction => a instanceof AccountabilityAction);
  }

  @FieldResolver(() => [JournalEntry], { description: "Its history from the journal, oldest first." })
  async history(@Root() f: Finding, @Ctx() ctx: Context) {
    return (await ctx.loaders.findingHistory.load(f.row.id)).map(JournalEntry.from);
  }

  @FieldResolver(() => [String], { description: "Workflow steps its status allows now (the viewer's rights apply on top)." })
  availableSteps(@Root() f: Finding) {
    return allowedSteps(f.status as FindingStatus);
  }
}

@Resolver(() => Measure)
export class MeasuresResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Responsible person (责任人)." })
  owner(@Root() m: Measure, @Ctx() ctx: Context) {
    return m.row.ownerId === null ? null : ctx.loaders.person.load(m.row.ownerId);
  }
}

@Resolver(() => Responsibility)
export class ResponsibilitiesResolver {
  @FieldResolver(() => Person, { nullable: true, description: "The person answering, if a person." })
  person(@Root() r: Responsibility, @Ctx() ctx: Context) {
    return r.row.personId === null ? null : ctx.loaders.person.load(r.row.personId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The unit answering, if a unit." })
  unit(@Root() r: Responsibility, @Ctx() ctx: Context) {
    return r.row.unitId === null ? null : ctx.loaders.unit.load(r.row.unitId);
  }
}
