import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../context.js";
import { notFound } from "../errors.js";
import { toFinding } from "../findings/findings.service.js";
import { JournalEntry } from "../journal/journal.type.js";
import { journalAfter } from "../journal/journal.queries.js";
import { Measure, Responsibility, type MeasureRow, type ResponsibilityRow } from "../findings/finding.type.js";
import { selectMeasure, selectResponsibility } from "../findings/findings.queries.js";
import { BulletinItem } from "../bulletins/bulletin.type.js";
import { selectBulletinItem } from "../bulletins/bulletins.queries.js";
import { fromGlobalId } from "./global-id.js";
import { Node } from "./node.type.js";
import { Inspection } from "../inspections/inspection.type.js";
import { selectInspectionsByIds } from "../inspections/inspections.queries.js";
import { QualityReview } from "../quality-reviews/quality-review.type.js";
import { selectQualityReviewsByIds } from "../quality-reviews/quality-reviews.queries.js";
import { selectNoticesByIds } from "../supervision/supervision.queries.js";
import { toSupervisionItem } from "../supervision/supervision.service.js";
import { SupervisionNotice } from "../supervision/supervision.type.js";
import { SamplingRound } from "../sampling/sampling.type.js";
import { PlanMilestone } from "../plans/plan.type.js";
import { selectMilestone } from "../plans/plans.queries.js";

/** Relay `node(id)`: every lookup goes through the same scoped loaders as the typed queries. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, { description: "Any object by its global id; NOT_FOUND when missing or outside the viewer's scope." })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Node> {
    const node = await loadNode(ctx, id);
    if (!node) throw notFound("Node", id);
    return node;
  }
}

async function loadNode(ctx: Context, globalId: string): Promise<Node | null> {
  const parsed = fromGlobalId(globalId);
  if (!parsed) return null;
  const { type, id } = parsed;
  const l = ctx.loaders;
  switch (type) {
    case "Unit":
      return l.unit.load(id);
    case "Person":
      return l.person.load(id);
    case "Finding": {
      const row = await l.finding.load(id);
      return row ? toFinding(row, ctx.clock.now()) : null;
    }
    case "AccountabilityAction":
      return l.action.load(id);
    case "Bulletin":
      return l.bulletin.load(id);
    case "Inspection": {
      const [row] = await selectInspectionsByIds(ctx.db, ctx.findingScope, [id]);
      return row ? Inspection.from(row) : null;
    }
    case "QualityReview": {
      const [row] = await selectQualityReviewsByIds(ctx.db, ctx.findingScope, [id]);
      return row ? QualityReview.from(row) : null;
    }
    case "Plan":
      return l.plan.load(id);
    case "PlanMilestone": {
      // A milestone is visible exactly when its plan is.
      const row = await selectMilestone(ctx.db, id);
      return row && (await l.plan.load(row.planId)) ? PlanMilestone.from(row) : null;
    }
    case "SamplingRound":
      return l.samplingRound.load(id);
    case "SupervisionItem": {
      const row = await l.supervisionItem.load(id);
      return row ? toSupervisionItem(row, ctx.clock.now()) : null;
    }
    case "SupervisionNotice": {
      const [row] = await selectNoticesByIds(ctx.db, ctx.findingScope, [id]);
      return row ? SupervisionNotice.from(row) : null;
    }
    case "Measure":
    case "Responsibility":
    case "BulletinItem":
      return loadChild(ctx, type, id);
    case "JournalEntry": {
      const [row] = await journalAfter(ctx.db, id - 1, 1, ctx.findingScope);
      return row && row.seq === id ? JournalEntry.from(row) : null;
    }
    default:
      return null;
  }
}

/** Children are visible exactly when their parent is. */
async function loadChild(ctx: Context, type: "Measure" | "Responsibility" | "BulletinItem", id: number): Promise<Node | null> {
  const { db, loaders } = ctx;
  if (type === "BulletinItem") {
    const item = await selectBulletinItem(db, id);
    if (!item || !(await loaders.bulletin.load(item.bulletinId))) return null;
    return BulletinItem.from(item);
  }
  const row = type === "Measure" ? await selectMeasure(db, id) : await selectResponsibility(db, id);
  if (!row || !(await loaders.finding.load(row.findingId))) return null;
  return type === "Measure" ? Measure.from(row as MeasureRow) : Responsibility.from(row as ResponsibilityRow);
}
