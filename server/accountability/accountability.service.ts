import { accountabilityActions } from "../../db/tables/index.js";
import { requirePermission } from "../auth/permissions.js";
import { shanghaiDate } from "../clock.js";
import type { Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { selectFindingForUpdate } from "../findings/findings.queries.js";
import { nextStatus } from "../findings/status-machine.js";
import type { FindingStatus } from "../findings/finding.enums.js";
import { appendJournal } from "../journal/journal.service.js";
import { selectPersonUnscoped } from "../people/people.queries.js";
import type { Page } from "../relay/connection.js";
import { parseId, parseOptionalId, toGlobalId } from "../relay/global-id.js";
import { keysetPage } from "../relay/paginate.js";
import { inScope } from "../scope.js";
import { selectUnitUnscoped } from "../units/units.queries.js";
import type { AccountabilityActionsArgs, RecordAccountabilityActionInput } from "./accountability.inputs.js";
import { AccountabilityAction } from "./accountability.type.js";
import { countActions, insertAction, selectActionsPage, type ActionWhere } from "./accountability.queries.js";

/** Accountability actions the viewer may see, newest decision first. */
export async function listAccountabilityActions(ctx: Context, args: AccountabilityActionsArgs): Promise<Page<AccountabilityAction>> {
  const f = args.filter ?? {};
  const where: ActionWhere = {
    kind: f.kind ?? undefined,
    personId: parseOptionalId("filter.person", f.person, "Person"),
    findingId: parseOptionalId("filter.finding", f.finding, "Finding"),
    decidedFrom: f.decidedFrom ?? undefined,
    decidedTo: f.decidedTo ?? undefined,
  };
  // A finding the viewer may not see reads as missing, so the filter cannot probe hidden links.
  if (where.findingId !== undefined && !(await ctx.loaders.finding.load(where.findingId))) throw notFound("Finding", f.finding!);
  if (f.unit) {
    const unit = await ctx.loaders.unit.load(parseId("filter.unit", f.unit, "Unit"));
    if (!unit) throw notFound("Unit", f.unit);
    where.underPath = unit.path;
  }
  return keysetPage({
    first: args.first,
    after: args.after,
    idColumn: accountabilityActions.id,
    sort: { column: accountabilityActions.decidedOn, cast: "date", direction: "desc", value: (r) => r.decidedOn },
    fetch: (keyset, orderBy, limit) => selectActionsPage(ctx.db, ctx.scope, where, keyset, orderBy, limit),
    count: () => countActions(ctx.db, ctx.scope, where),
    map: AccountabilityAction.from,
  });
}

export async function getAccountabilityAction(ctx: Context, globalId: string): Promise<AccountabilityAction> {
  const action = await ctx.loaders.action.load(parseId("id", globalId, "AccountabilityAction"));
  if (!action) throw notFound("AccountabilityAction", globalId);
  return action;
}

/** Records a decided action against a person or a unit, linked to findings; journaled. */
export async function recordAccountabilityAction(ctx: Context, input: RecordAccountabilityActionInput): Promise<AccountabilityAction> {
  requirePermission(ctx.viewer, "recordAccountabilityAction");
  if ((input.targetPerson == null) === (input.targetUnit == null)) throw badInput("targetPerson", "give exactly one of targetPerson or targetUnit");
  const findingIds = [...new Set(input.findings.map((id) => parseId("findings", id, "Finding")))];
  const reason = input.reason.trim();
  if (!reason) throw badInput("reason", "a reason is required");
  const now = ctx.clock.now();
  const decidedOn = input.decidedOn ?? shanghaiDate(now);
  if (decidedOn > shanghaiDate(now)) throw badInput("decidedOn", "cannot be in the future");
  return ctx.db.transaction(async (tx) => {
    let unitPath: string;
    let targetPersonId: number | null = null;
    let targetUnitId: number | null = null;
    if (input.targetPerson) {
      const person = await selectPersonUnscoped(tx, parseId("targetPerson", input.targetPerson, "Person"));
      if (!person || !inScope(person.unitPath, ctx.scope)) throw notFound("Person", input.targetPerson);
      targetPersonId = person.id;
      unitPath = person.unitPath;
    } else {
      const unit = await selectUnitUnscoped(tx, parseId("targetUnit", input.targetUnit!, "Unit"));
      if (!unit || !inScope(unit.path, ctx.scope)) throw notFound("Unit", input.targetUnit!);
      targetUnitId = unit.id;
      unitPath = unit.path;
    }
    for (const id of findingIds) {
      const finding = await selectFindingForUpdate(tx, id);
      if (!finding || !inScope(finding.unitPath, ctx.findingScope)) throw notFound("Finding", toGlobalId("Finding", id));
      nextStatus(finding.status as FindingStatus, "recordAccountabilityAction");
    }
    const decidedById = input.decidedBy ? parseId("decidedBy", input.decidedBy, "Person") : ctx.actor.personId;
    if (decidedById != null && !(await selectPersonUnscoped(tx, decidedById))) throw notFound("Person", input.decidedBy!);
    const row = await insertAction(
      tx,
      { kind: input.kind, targetPersonId, targetUnitId, unitPath, reason, decidedById, decidedOn, createdAt: now },
      findingIds,
    );
    await appendJournal(tx, ctx.actor, now, {
      action: "recordAccountabilityAction",
      entity: "AccountabilityAction",
      entityId: row.id,
      unitPath,
      before: null,
      after: { ...row, findingIds },
    });
    return AccountabilityAction.from(row);
  });
}
