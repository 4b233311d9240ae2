import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../context.js";
import { Finding } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import { Person } from "../people/person.type.js";
import { connectionType, toConnection } from "../relay/connection.js";
import { Unit } from "../units/unit.type.js";
import { getSupervisionReport } from "./supervision-report.service.js";
import { SupervisionReport } from "./supervision-report.type.js";
import {
  AddSupervisionFeedbackInput,
  CloseSupervisionItemInput,
  IssueSupervisionNoticeInput,
  OpenSupervisionItemInput,
  SupervisionItemsArgs,
} from "./supervision.inputs.js";
import {
  addSupervisionFeedback,
  closeSupervisionItem,
  issueSupervisionNotice,
  listSupervisionItems,
  openSupervisionItem,
  toSupervisionItem,
} from "./supervision.service.js";
import { SupervisionFeedback, SupervisionItem, SupervisionNotice } from "./supervision.type.js";

const SupervisionItemConnection = connectionType("SupervisionItem", SupervisionItem, "supervision items");

@Resolver(() => SupervisionItem)
export class SupervisionItemsResolver {
  @Query(() => SupervisionItemConnection, { description: "检务督察: supervision items the viewer may see, newest start first. One item: node(id)." })
  async supervisionItems(@Args(() => SupervisionItemsArgs) args: SupervisionItemsArgs, @Ctx() ctx: Context) {
    return toConnection(await listSupervisionItems(ctx, args));
  }

  @Query(() => SupervisionReport, { description: "督察专报 The monthly supervision report for a Shanghai month (YYYY-MM), in the viewer's scope, under `unit` if given." })
  supervisionReport(
    @Arg("month", () => String, { description: "YYYY-MM, Asia/Shanghai; not in the future." }) month: string,
    @Arg("unit", () => ID, { nullable: true, description: "Report on this unit's subtree (default: all the viewer sees)." }) unit: string | null,
    @Ctx() ctx: Context,
  ) {
    return getSupervisionReport(ctx, month, unit);
  }

  @Mutation(() => SupervisionItem, { description: "督察立项: opens a supervision item; due five working days after the start unless a deadline is given (一周办结)." })
  openSupervisionItem(@Arg("input", () => OpenSupervisionItemInput) input: OpenSupervisionItemInput, @Ctx() ctx: Context) {
    return openSupervisionItem(ctx, input);
  }

  @Mutation(() => SupervisionFeedback, { description: "反馈: adds a feedback entry to an open item (the responsible unit's head or a supervisor)." })
  addSupervisionFeedback(@Arg("input", () => AddSupervisionFeedbackInput) input: AddSupervisionFeedbackInput, @Ctx() ctx: Context) {
    return addSupervisionFeedback(ctx, input);
  }

  @Mutation(() => SupervisionItem, { description: "办结: closes an open item with a summary." })
  closeSupervisionItem(@Arg("input", () => CloseSupervisionItemInput) input: CloseSupervisionItemInput, @Ctx() ctx: Context) {
    return closeSupervisionItem(ctx, input);
  }

  @Mutation(() => SupervisionNotice, { description: "督察建议 / 整改通知书: issues a notice from an open item; each problem it names opens a finding." })
  issueSupervisionNotice(@Arg("input", () => IssueSupervisionNoticeInput) input: IssueSupervisionNoticeInput, @Ctx() ctx: Context) {
    return issueSupervisionNotice(ctx, input);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "The responsible unit (责任单位)." })
  unit(@Root() item: SupervisionItem, @Ctx() ctx: Context) {
    return ctx.loaders.unit.load(item.unitRowId);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who opened it (立项人); null when unknown or outside the viewer's scope." })
  openedBy(@Root() item: SupervisionItem, @Ctx() ctx: Context) {
    return item.openedByRowId == null ? null : ctx.loaders.person.load(item.openedByRowId);
  }

  @FieldResolver(() => [SupervisionFeedback], { description: "Feedback entries (反馈), oldest first." })
  feedback(@Root() item: SupervisionItem, @Ctx() ctx: Context) {
    return ctx.loaders.supervisionFeedback.load(item.rowId);
  }

  @FieldResolver(() => [SupervisionNotice], { description: "Notices issued from it (督察建议 / 整改通知书), oldest first." })
  notices(@Root() item: SupervisionItem, @Ctx() ctx: Context) {
    return ctx.loaders.supervisionNotices.load(item.rowId);
  }
}

@Resolver(() => SupervisionNotice)
export class SupervisionNoticesResolver {
  @FieldResolver(() => SupervisionItem, { nullable: true, description: "The item it was issued from." })
  async item(@Root() notice: SupervisionNotice, @Ctx() ctx: Context) {
    const row = await ctx.loaders.supervisionItem.load(notice.itemRowId);
    return row ? toSupervisionItem(row, ctx.clock.now()) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who issued it (签发人)." })
  issuedBy(@Root() notice: SupervisionNotice, @Ctx() ctx: Context) {
    return notice.issuedByRowId == null ? null : ctx.loaders.person.load(notice.issuedByRowId);
  }

  @FieldResolver(() => [Finding], { description: "Findings its problems opened (source SUPERVISION)." })
  async findings(@Root() notice: SupervisionNotice, @Ctx() ctx: Context) {
    const now = ctx.clock.now();
    return (await ctx.loaders.findingsBySupervisionNotice.load(notice.rowId)).map((row) => toFinding(row, now));
  }
}

@Resolver(() => SupervisionFeedback)
export class SupervisionFeedbackResolver {
  @FieldResolver(() => Person, { nullable: true, description: "Who entered it; null when unknown or outside the viewer's scope." })
  author(@Root() feedback: SupervisionFeedback, @Ctx() ctx: Context) {
    return feedback.authorRowId == null ? null : ctx.loaders.person.load(feedback.authorRowId);
  }
}
