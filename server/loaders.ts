import DataLoader from "dataloader";
import type { Db } from "../db/client.js";
import { selectActionsByIds, selectFindingIdsByActions } from "./accountability/accountability.queries.js";
import { AccountabilityAction } from "./accountability/accountability.type.js";
import { selectBulletinsByIds, selectItemsByBulletins } from "./bulletins/bulletins.queries.js";
import { Bulletin, BulletinItem } from "./bulletins/bulletin.type.js";
import type { FindingRow } from "./findings/finding.type.js";
import { Measure, Responsibility } from "./findings/finding.type.js";
import {
  selectActionIdsByFindings,
  selectFindingsByIdsNamed,
  selectMeasuresNamed,
  selectResponsibilitiesNamed,
  type Named,
} from "./findings/findings.queries.js";
import { selectFindingsOfInspections } from "./inspections/inspections.queries.js";
import { journalForEntities, type JournalRow } from "./journal/journal.queries.js";
import { selectFindingsOfQualityReviews } from "./quality-reviews/quality-reviews.queries.js";
import { selectFindingsOfRounds, selectPicksByRounds, selectRoundsByIds } from "./sampling/sampling.queries.js";
import { SamplingPick, SamplingRound } from "./sampling/sampling.type.js";
import { Plan, PlanMilestone } from "./plans/plan.type.js";
import { selectMilestonesByPlans, selectPlanFindingIds, selectPlansByIds } from "./plans/plans.queries.js";
import { selectPeopleByIds } from "./people/people.queries.js";
import { selectFeedbackByItems, selectFindingsOfNotices, selectNoticesByItems, selectSupervisionItemsByIds } from "./supervision/supervision.queries.js";
import { SupervisionFeedback, SupervisionNotice, type SupervisionItemRow } from "./supervision/supervision.type.js";
import { Person } from "./people/person.type.js";
import type { Scope } from "./scope.js";
import { Unit } from "./units/unit.type.js";
import { selectChildUnits, selectUnitsByIds } from "./units/units.queries.js";

/** Rows by id, in the order asked, null where missing or out of scope. */
function byId<Row extends { id: number }, Out>(rows: Row[], ids: readonly number[], map: (row: Row) => Out): (Out | null)[] {
  const found = new Map(rows.map((r) => [r.id, map(r)]));
  return ids.map((id) => found.get(id) ?? null);
}

function groupBy<Row, Out>(rows: Row[], keys: readonly number[], key: (row: Row) => number, map: (row: Row) => Out): Out[][] {
  const groups = new Map<number, Out[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(key(row))?.push(map(row));
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * Per-request DataLoaders: every nested field loads through these, so a page costs the same number
 * of statements whatever its size. Each loader applies the viewer's scope; children of a visible
 * parent (measures, items) inherit its visibility.
 */
export function createLoaders(db: Db, scope: Scope, findingScope: Scope, readDrafts: boolean) {
  const unit = new DataLoader<number, Unit | null>(async (ids) => byId(await selectUnitsByIds(db, scope, ids), ids, Unit.from));
  const person = new DataLoader<number, Person | null>(async (ids) => byId(await selectPeopleByIds(db, scope, ids), ids, Person.from));
  /** Seeds the unit and person caches with names a query joined in, as their loaders would answer. */
  const primeNamed = <T>(named: Named<T>[]): T[] => {
    for (const n of named) {
      if (n.person) person.prime(n.person.id, n.personVisible ? Person.from(n.person) : null);
      if (n.unit) unit.prime(n.unit.id, n.unitVisible ? Unit.from(n.unit) : null);
    }
    return named.map((n) => n.row);
  };
  const childUnits = new DataLoader<number, Unit[]>(async (ids) => groupBy(await selectChildUnits(db, scope, ids), ids, (r) => r.parentId!, Unit.from));
  const primeUnitWithChildren = (id: number, found: Unit | null, children: Unit[]) => {
    unit.prime(id, found);
    if (found) childUnits.prime(id, children);
  };
  return {
    unit,
    childUnits,
    /** A unit and its visible children read together elsewhere (the board's one statement). */
    primeUnitWithChildren,
    person,
    primeNamed,
    // A finding comes with its unit and handler, so `finding { unit handler }` costs one statement.
    finding: new DataLoader<number, FindingRow | null>(async (ids) =>
      byId(primeNamed(await selectFindingsByIdsNamed(db, scope, findingScope, ids)), ids, (r) => r),
    ),
    measures: new DataLoader<number, Measure[]>(async (ids) =>
      groupBy(primeNamed(await selectMeasuresNamed(db, scope, ids)), ids, (r) => r.findingId, Measure.from),
    ),
    responsibilities: new DataLoader<number, Responsibility[]>(async (ids) =>
      groupBy(primeNamed(await selectResponsibilitiesNamed(db, scope, ids)), ids, (r) => r.findingId, Responsibility.from),
    ),
    actionIdsByFinding: new DataLoader<number, number[]>(async (ids) =>
      groupBy(await selectActionIdsByFindings(db, ids), ids, (r) => r.findingId, (r) => r.actionId),
    ),
    action: new DataLoader<number, AccountabilityAction | null>(async (ids) =>
      byId(await selectActionsByIds(db, scope, ids), ids, AccountabilityAction.from),
    ),
    findingIdsByAction: new DataLoader<number, number[]>(async (ids) =>
      groupBy(await selectFindingIdsByActions(db, ids), ids, (r) => r.actionId, (r) => r.findingId),
    ),
    bulletin: new DataLoader<number, Bulletin | null>(async (ids) => byId(await selectBulletinsByIds(db, scope, readDrafts, ids), ids, Bulletin.from)),
    bulletinItems: new DataLoader<number, BulletinItem[]>(async (ids) =>
      groupBy(await selectItemsByBulletins(db, ids), ids, (r) => r.bulletinId, BulletinItem.from),
    ),
    findingsByInspection: new DataLoader<number, FindingRow[]>(async (ids) =>
      groupBy(await selectFindingsOfInspections(db, findingScope, ids), ids, (r) => r.inspectionId!, (r) => r),
    ),
    findingsByQualityReview: new DataLoader<number, FindingRow[]>(async (ids) =>
      groupBy(await selectFindingsOfQualityReviews(db, findingScope, ids), ids, (r) => r.qualityReviewId!, (r) => r),
    ),
    /** Plans are finding-level detail: visible within the finding scope (a display sees none). */
    plan: new DataLoader<number, Plan | null>(async (ids) => byId(await selectPlansByIds(db, findingScope, ids), ids, Plan.from)),
    /** A plan's findings within the finding scope (a display sees none). */
    planFindingIds: new DataLoader<number, number[]>(async (ids) =>
      groupBy(await selectPlanFindingIds(db, findingScope, ids), ids, (r) => r.planId, (r) => r.findingId),
    ),
    planMilestones: new DataLoader<number, PlanMilestone[]>(async (ids) =>
      groupBy(await selectMilestonesByPlans(db, ids), ids, (r) => r.planId, PlanMilestone.from),
    ),
    supervisionItem: new DataLoader<number, SupervisionItemRow | null>(async (ids) =>
      byId(await selectSupervisionItemsByIds(db, findingScope, ids), ids, (r) => r),
    ),
    // Feedback and notices are read through a visible item only.
    supervisionFeedback: new DataLoader<number, SupervisionFeedback[]>(async (ids) =>
      groupBy(await selectFeedbackByItems(db, ids), ids, (r) => r.itemId, SupervisionFeedback.from),
    ),
    supervisionNotices: new DataLoader<number, SupervisionNotice[]>(async (ids) =>
      groupBy(await selectNoticesByItems(db, ids), ids, (r) => r.itemId, SupervisionNotice.from),
    ),
    findingsBySupervisionNotice: new DataLoader<number, FindingRow[]>(async (ids) =>
      groupBy(await selectFindingsOfNotices(db, findingScope, ids), ids, (r) => r.supervisionNoticeId!, (r) => r),
    ),
    /** 特别抽样评估: a round is visible by its office or any pick; picks only within the scope. */
    samplingRound: new DataLoader<number, SamplingRound | null>(async (ids) => byId(await selectRoundsByIds(db, findingScope, ids), ids, SamplingRound.from)),
    samplingPicks: new DataLoader<number, SamplingPick[]>(async (ids) =>
      groupBy(await selectPicksByRounds(db, findingScope, ids), ids, (r) => r.roundId, SamplingPick.from),
    ),
    findingsBySamplingRound: new DataLoader<number, FindingRow[]>(async (ids) =>
      groupBy(await selectFindingsOfRounds(db, findingScope, ids), ids, (r) => r.samplingRoundId!, (r) => r),
    ),
    findingHistory: new DataLoader<number, JournalRow[]>(async (ids) =>
      groupBy(await journalForEntities(db, "Finding", ids.map(String)), ids, (r) => Number(r.entityId), (r) => r),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
