import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { JointMeetingReport } from "./joint-meeting.type.js";
import { getJointMeetingReport } from "./joint-meeting.service.js";

@Resolver(() => JointMeetingReport)
export class JointMeetingResolver {
  @Query(() => JointMeetingReport, {
    description: "联席会议 The monthly joint meeting report for a Shanghai month (YYYY-MM), in the viewer's scope, under `unit` if given.",
  })
  jointMeetingReport(
    @Arg("month", () => String, { description: "YYYY-MM, Asia/Shanghai; not in the future." }) month: string,
    @Arg("unit", () => ID, { nullable: true, description: "Report on this unit's subtree (default: all the viewer sees)." }) unit: string | null,
    @Ctx() ctx: Context,
  ) {
    return getJointMeetingReport(ctx, month, unit);
  }
}
