import { requirePermission } from "../auth/permissions.js";
import { shanghaiDate } from "../clock.js";
import type { Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { appendJournal } from "../journal/journal.service.js";
import { toGlobalId, parseId, parseOptionalId } from "../relay/global-id.js";
import { selectPersonUnscoped } from "../people/people.queries.js";
import { inScope } from "../scope.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import { checkSamplingLink } from "../sampling/sampling.service.js";
import type {
  AddMeasureInput,
  AssignResponsibilityInput,
  CompleteMeasureInput,
  FindingStepInput,
  ReasonStepInput,
  RecordFindingInput,
  UpdateFindingInput,
  VerifyRectificationInput,
} from "./finding.inputs.js";
import { Finding, Measure, Responsibility } from "./finding.type.js";
import { checkDeadline, defaultWarningAt, stepFinding, toFinding } from "./findings.service.js";
import { insertFinding, insertMeasure, insertResponsibility, completeMeasureRow, selectFindingForUpdate, selectMeasure } from "./findings.queries.js";
import type { Db } from "../../db/client.js";

/** A person who exists and, for a handler, works in the given unit's subtree. */
async function requirePerson(tx: Db, field: string, globalId: string, withinPath?: string) {
  const person = await selectPersonUnscoped(tx, parseId(field, globalId, "Person"));
  if (!person) throw notFound("Person", globalId);
  if (withinPath && !person.unitPath.startsWith(withinPath)) throw badInput(field, "this person does not work in the finding's unit");
  return person;
}

/** 记录问题: records a new finding on the ledger, status OPEN (optionally opened by an inspection or a quality review). */
export async function recordFinding(ctx: Context, input: RecordFindingInput, links: { inspectionId?: number; qualityReviewId?: number; supervisionNoticeId?: number } = {}): Promise<Finding> {
  requirePermission(ctx.viewer, "recordFinding");
  const unitId = parseId("unit", input.unit, "Unit");
  const now = ctx.clock.now();
  const foundAt = input.foundAt ?? now;
  if (foundAt > now) throw badInput("foundAt", "cannot be in the future");
  const warningAt = input.warningAt ?? defaultWarningAt(input.deadline, foundAt);
  checkDeadline(input.deadline, foundAt, warningAt);
  return ctx.db.transaction(async (tx) => {
    const unit = await selectUnitUnscoped(tx, unitId);
    if (!unit || !inScope(unit.path, ctx.findingScope)) throw notFound("Unit", input.unit);
    const samplingRoundId = input.samplingRound ? await checkSamplingLink(tx, ctx, input.samplingRound, unit.path, input.source) : undefined;
    const handler = input.handler ? await requirePerson(tx, "handler", input.handler, unit.path) : undefined;
    const foundById = input.foundBy ? (await requirePerson(tx, "foundBy", input.foundBy)).id : ctx.actor.personId;
    const repeatOfId = parseOptionalId("repeatOf", input.repeatOf, "Finding");
    if (repeatOfId !== undefined) {
      const repeated = await selectFindingForUpdate(tx, repeatOfId);
      // A finding outside the viewer's subtree reads as missing, as everywhere else.
      if (!repeated || !inScope(repeated.unitPath, ctx.findingScope)) throw notFound("Finding", input.repeatOf!);
    }
    const row = await insertFinding(
      tx,
      {
        title: input.title.trim(),
        description: input.description.trim(),
        unitId,
        unitPath: unit.path,
        handlerId: handler?.id ?? null,
        caseRef: input.caseRef?.trim() || null,
        category: input.category,
        severity: input.severity,
        source: input.source,
        rectificationClass: input.rectificationClass,
        deadline: input.deadline,
        warningAt,
        foundById,
        foundAt,
        repeatOfId: repeatOfId ?? null,
        inspectionId: links.inspectionId ?? null,
        qualityReviewId: links.qualityReviewId ?? null,
        supervisionNoticeId: links.supervisionNoticeId ?? null,
        samplingRoundId: samplingRoundId ?? null,
        createdAt: now,
        updatedAt: now,
      },
      Number(shanghaiDate(foundAt).slice(0, 4)),
    );
    await appendJournal(tx, ctx.actor, now, { action: "recordFinding", entity: "Finding", entityId: row.id, unitPath: row.unitPath, before: null, after: row });
    return toFinding(row, now);
  });
}

/** Edits the record of an OPEN or RECTIFYING finding; needs the version that was read. */
export async function updateFinding(ctx: Context, input: UpdateFindingInput): Promise<Finding> {
  const { finding } = await stepFinding(ctx, {
    globalId: input.id,
    step: "updateFinding",
    version: input.version,
    apply: async (tx, row) => {
      const changes: Partial<typeof row> = {};
      if (input.title != null) changes.title = input.title.trim();
      if (input.description != null) changes.description = input.description.trim();
      if (input.caseRef !== undefined) changes.caseRef = input.caseRef?.trim() || null;
      if (input.category != null) changes.category = input.category;
      if (input.severity != null) changes.severity = input.severity;
      if (input.rectificationClass != null) changes.rectificationClass = input.rectificationClass;
      if (input.handler != null) changes.handlerId = (await requirePerson(tx, "handler", input.handler, row.unitPath)).id;
      if (input.deadline != null || input.warningAt != null) {
        changes.deadline = input.deadline ?? row.deadline;
        changes.warningAt = input.warningAt ?? (input.deadline != null ? defaultWarningAt(changes.deadline, row.foundAt) : row.warningAt);
        checkDeadline(changes.deadline, row.foundAt, changes.warningAt);
      }
      return { changes };
    },
  });
  return finding;
}

export async function startRectification(ctx: Context, input: FindingStepInput): Promise<Finding> {
  const { finding } = await stepFinding(ctx, { globalId: input.id, step: "startRectification", version: input.version, apply: async () => ({ changes: {} }) });
  return finding;
}

export async function submitRectification(ctx: Context, input: FindingStepInput): Promise<Finding> {
  const { finding } = await stepFinding(ctx, {
    globalId: input.id,
    step: "submitRectification",
    version: input.version,
    apply: async (_tx, _row, now) => ({ changes: { submittedAt: now } }),
  });
  return finding;
}

/** 销号: a person other than the handler verifies the fix. */
export async function verifyRectification(ctx: Context, input: VerifyRectificationInput): Promise<Finding> {
  const { finding } = await stepFinding(ctx, {
    globalId: input.id,
    step: "verifyRectification",
    version: input.version,
    apply: async (tx, row, now) => {
      const verifierId = input.verifier ? (await requirePerson(tx, "verifier", input.verifier)).id : ctx.actor.personId;
      if (verifierId == null) throw badInput("verifier", "who verifies must be named");
      if (verifierId === row.handlerId) throw badInput("verifier", "the handler may not verify their own finding");
      return { changes: { verifiedAt: now, verifiedById: verifierId } };
    },
  });
  return finding;
}

export async function rejectRectification(ctx: Context, input: ReasonStepInput): Promise<Finding> {
  const reason = requireReason(input.reason);
  const { finding } = await stepFinding(ctx, {
    globalId: input.id,
    step: "rejectRectification",
    version: input.version,
    apply: async () => ({ changes: { rejectionReason: reason } }),
  });
  return finding;
}

/** Withdraws a finding with a reason; it stays in the database and the journal. */
export async function withdrawFinding(ctx: Context, input: ReasonStepInput): Promise<Finding> {
  const reason = requireReason(input.reason);
  const { finding } = await stepFinding(ctx, {
    globalId: input.id,
    step: "withdrawFinding",
    version: input.version,
    apply: async () => ({ changes: { withdrawalReason: reason } }),
  });
  return finding;
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw badInput("reason", "a reason is required");
  return trimmed;
}

export async function addMeasure(ctx: Context, input: AddMeasureInput): Promise<Measure> {
  const { result } = await stepFinding(ctx, {
    globalId: input.id,
    step: "addMeasure",
    version: input.version,
    apply: async (tx, row, now) => {
      const ownerId = input.owner ? (await requirePerson(tx, "owner", input.owner)).id : null;
      if (input.due < shanghaiDate(row.foundAt)) throw badInput("due", "is before the day the problem was found");
      const measure = await insertMeasure(tx, { findingId: row.id, text: input.text.trim(), ownerId, due: input.due, createdAt: now });
      return { changes: {}, extra: { measure }, result: Measure.from(measure) };
    },
  });
  return result!;
}

export async function completeMeasure(ctx: Context, input: CompleteMeasureInput): Promise<Measure> {
  const measureId = parseId("measure", input.measure, "Measure");
  const existing = await selectMeasure(ctx.db, measureId);
  // The measure is as visible as its finding; outside scope it reads as missing.
  if (!existing || !(await ctx.loaders.finding.load(existing.findingId))) throw notFound("Measure", input.measure);
  const { result } = await stepFinding(ctx, {
    globalId: toGlobalId("Finding", existing.findingId),
    step: "completeMeasure",
    version: input.version,
    apply: async (tx, _row, now) => {
      const current = await selectMeasure(tx, measureId);
      if (current?.doneAt) throw badInput("measure", "this measure is already completed");
      const measure = await completeMeasureRow(tx, measureId, now);
      return { changes: {}, extra: { measure }, result: Measure.from(measure) };
    },
  });
  return result!;
}

/** 责任认定: names a person or a unit as answering for the finding at a tier. */
export async function assignResponsibility(ctx: Context, input: AssignResponsibilityInput): Promise<Responsibility> {
  if ((input.person == null) === (input.unit == null)) throw badInput("person", "give exactly one of person or unit");
  const { result } = await stepFinding(ctx, {
    globalId: input.id,
    step: "assignResponsibility",
    version: input.version,
    apply: async (tx, row, now) => {
      let personId: number | null = null;
      let unitId: number | null = null;
      if (input.person) personId = (await requirePerson(tx, "person", input.person)).id;
      if (input.unit) {
        unitId = parseId("unit", input.unit, "Unit");
        if (!(await selectUnitUnscoped(tx, unitId))) throw notFound("Unit", input.unit);
      }
      const responsibility = await insertResponsibility(tx, { findingId: row.id, tier: input.tier, personId, unitId, createdAt: now });
      return { changes: {}, extra: { responsibility }, result: Responsibility.from(responsibility) };
    },
  });
  return result!;
}
