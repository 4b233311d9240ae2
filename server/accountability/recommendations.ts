import { requirePermission } from "../auth/permissions.js";
import type { Context } from "../context.js";
import { notFound } from "../errors.js";
import { parseId } from "../relay/global-id.js";
import { AccountabilityKind } from "./accountability.type.js";
import { selectReceivedRungs, selectRecommendationFindings } from "./accountability.queries.js";
import { AccountabilityReason, AccountabilityReasonKind, AccountabilityRecommendation } from "./recommendation.type.js";

/** The ladder (追责问责), lowest rung first: 约谈 → 诫勉谈话 → 通报批评. */
export const LADDER = [AccountabilityKind.TALK, AccountabilityKind.ADMONISHMENT, AccountabilityKind.BULLETIN_CRITICISM] as const;

/** The rung above `received` (TALK when none); null past the top. */
export function nextRung(received: AccountabilityKind | null): AccountabilityKind | null {
  return LADDER[received === null ? 0 : LADDER.indexOf(received) + 1] ?? null;
}

const REASON_ORDER = [AccountabilityReasonKind.OVERDUE, AccountabilityReasonKind.REJECTED, AccountabilityReasonKind.REPEAT];
const collator = new Intl.Collator("zh-CN");

interface Draft {
  personId: number | null;
  unitId: number | null;
  reasons: AccountabilityReason[];
}

type CandidateRow = Awaited<ReturnType<typeof selectRecommendationFindings>>[number];

function reasonsOf(row: CandidateRow, repeats: number[]): AccountabilityReason[] {
  const reason = (kind: AccountabilityReasonKind, findingIds: number[]) => Object.assign(new AccountabilityReason(), { kind, findingIds });
  const out: AccountabilityReason[] = [];
  if (row.overdue) out.push(reason(AccountabilityReasonKind.OVERDUE, [row.id]));
  if (row.rejected) out.push(reason(AccountabilityReasonKind.REJECTED, [row.id]));
  // The repeating finding first, then the earlier ones it repeats.
  if (repeats.length > 0) out.push(reason(AccountabilityReasonKind.REPEAT, [row.id, ...repeats]));
  return out;
}

/** Sort rank of a recommendation: beyond the ladder above its top rung, then by the rung proposed. */
const rank = (r: AccountabilityRecommendation) => (r.exhausted ? LADDER.length : LADDER.indexOf(r.next!));

/**
 * 问责建议: for each handler (承办人) and each unit with findings whose rectification is not in
 * place, the next rung of the ladder above the highest one already recorded against that target
 * for those findings. Scope: the viewer's findings, narrowed to `unit`'s subtree when given.
 * Reads only; a fixed number of statements however many targets there are. Sorted by the rung
 * proposed (exhausted first), then more reasons, then name.
 */
export async function accountabilityRecommendations(ctx: Context, unit: string | null | undefined): Promise<AccountabilityRecommendation[]> {
  requirePermission(ctx.viewer, "recordAccountabilityAction");
  let underPath: string | undefined;
  if (unit != null) {
    const found = await ctx.loaders.unit.load(parseId("unit", unit, "Unit"));
    if (!found) throw notFound("Unit", unit);
    underPath = found.path;
  }
  const rows = await selectRecommendationFindings(ctx.db, ctx.findingScope, underPath, ctx.clock.now());
  if (rows.length === 0) return [];

  const drafts = new Map<string, Draft>();
  const add = (key: string, target: Omit<Draft, "reasons">, reasons: AccountabilityReason[]) => {
    if (reasons.length === 0) return;
    const draft = drafts.get(key) ?? { ...target, reasons: [] };
    draft.reasons.push(...reasons);
    drafts.set(key, draft);
  };
  for (const row of rows) {
    if (row.handlerId !== null) add(`P${row.handlerId}`, { personId: row.handlerId, unitId: null }, reasonsOf(row, row.personRepeats));
    add(`U${row.unitId}`, { personId: null, unitId: row.unitId }, reasonsOf(row, row.unitRepeats));
  }

  const all = [...drafts.values()];
  const personIds = all.flatMap((d) => (d.personId === null ? [] : [d.personId]));
  const unitIds = all.flatMap((d) => (d.unitId === null ? [] : [d.unitId]));
  const findingIds = [...new Set(all.flatMap((d) => d.reasons.flatMap((r) => r.findingIds)))];
  const [received, people, units] = await Promise.all([
    selectReceivedRungs(ctx.db, ctx.scope, findingIds, personIds, unitIds),
    ctx.loaders.person.loadMany(personIds),
    ctx.loaders.unit.loadMany(unitIds),
  ]);
  const names = new Map<string, string>();
  people.forEach((p, i) => p && !(p instanceof Error) && names.set(`P${personIds[i]}`, p.name));
  units.forEach((u, i) => u && !(u instanceof Error) && names.set(`U${unitIds[i]}`, u.name));

  // Highest rung (ladder index) per target and linked finding.
  const rungs = new Map<string, number>();
  for (const r of received) {
    rungs.set(r.personId !== null ? `P${r.personId}:${r.findingId}` : `U${r.unitId}:${r.findingId}`, LADDER.indexOf(r.kind as AccountabilityKind));
  }

  const out: AccountabilityRecommendation[] = [];
  for (const [key, draft] of drafts) {
    const name = names.get(key);
    // Handlers work inside their finding's unit, so a visible finding's targets are visible; never name a hidden one.
    if (name === undefined) continue;
    const involved = [...new Set(draft.reasons.flatMap((r) => r.findingIds))].sort((a, b) => a - b);
    const top = Math.max(-1, ...involved.map((id) => rungs.get(`${key}:${id}`) ?? -1));
    const receivedRung = top < 0 ? null : LADDER[top]!;
    const next = nextRung(receivedRung);
    out.push(
      Object.assign(new AccountabilityRecommendation(), {
        targetPersonId: draft.personId,
        targetUnitId: draft.unitId,
        targetName: name,
        findingIds: involved,
        reasons: draft.reasons.sort(
          (a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind) || a.findingIds[0]! - b.findingIds[0]!,
        ),
        received: receivedRung,
        next,
        exhausted: next === null,
      }),
    );
  }
  return out.sort(
    (a, b) =>
      rank(b) - rank(a) ||
      b.reasons.length - a.reasons.length ||
      collator.compare(a.targetName, b.targetName) ||
      Number(a.targetPersonId === null) - Number(b.targetPersonId === null) ||
      (a.targetPersonId ?? a.targetUnitId!) - (b.targetPersonId ?? b.targetUnitId!),
  );
}
