import { GraphQLLocalDate } from "graphql-scalars";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Finding } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import { Person } from "../people/person.type.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import { InspectionsArgs, RecordInspectionInput } from "./inspection.inputs.js";
import { Inspection, InspectionQuota } from "./inspection.type.js";
import { inspectionQuota, listInspections, recordInspection } from "./inspections.service.js";

const InspectionConnection = connectionType("Inspection", Inspection, "inspections");

@Resolver(() => Inspection)
export class InspectionsResolver {
  @Query(() => InspectionConnection, { description: "检查登记: inspections the viewer may see, newest first." })
  async inspections(@Args(() => InspectionsArgs) args: InspectionsArgs, @Ctx() ctx: Context) {
    return toConnection(await listInspections(ctx, args));
  }

  @Query(() => InspectionQuota, { description: "每日一案 / 每周两案: quota compliance of process supervisors over a period." })
  inspectionQuota(
    @Arg("from", () => GraphQLLocalDate) from: string,
    @Arg("to", () => GraphQLLocalDate) to: string,
    @Arg("unit", () => ID, { nullable: true, description: "Supervisors working in this unit's subtree; default all the viewer sees." }) unit: string | null,
    @Ctx() ctx: Context,
  ) {
    return inspectionQuota(ctx, from, to, unit);
  }

  @Mutation(() => Inspection, { description: "检查登记: registers an inspection; a problem found opens a linked finding." })
  recordInspection(@Arg("input", () => RecordInspectionInput) input: RecordInspectionInput, @Ctx() ctx: Context) {
    return recordInspection(ctx, input);
  }

  @FieldResolver(() => Person, { nullable: true, description: "The supervisor who inspected (流程监管员)." })
  supervisor(@Root() inspection: Inspection, @Ctx() ctx: Context) {
    return ctx.loaders.person.load(inspection.supervisorRowId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The inspected unit." })
  unit(@Root() inspection: Inspection, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(inspection.unitRowId);
  }

  @FieldResolver(() => [Finding], { description: "Findings this inspection opened." })
  async findings(@Root() inspection: Inspection, @Ctx() ctx: Context) {
    const now = ctx.clock.now();
    return (await ctx.loaders.findingsByInspection.load(inspection.rowId)).map((row) => toFinding(row, now));
  }
}
