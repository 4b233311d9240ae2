import { shanghaiDate } from "../clock.js";
import type { Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { Person } from "../people/person.type.js";
import { parseId } from "../relay/global-id.js";
import { selectVetoCounts } from "./quality-reviews.queries.js";
import { VETO_ORDER, vetoStatus } from "./review-rules.js";
import { VetoStatus, type VetoWatch, type VetoWatchRow } from "./veto-watch.type.js";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const byName = new Intl.Collator("zh-CN");

/** BAD_USER_INPUT naming `year` unless it is a year the register can hold. */
export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw badInput("year", `must be between ${MIN_YEAR} and ${MAX_YEAR}`);
}

/**
 * 一票否决 veto watch: prosecutors with a FLAW or UNQUALIFIED review dated in `year` (reviewedOn,
 * an Asia/Shanghai day) within the viewer's finding scope and, if given, under `unitGlobalId`.
 * One statement for the counts; the status rule is review-rules.ts vetoStatus.
 */
export async function getVetoWatch(ctx: Context, year: number, unitGlobalId?: string | null): Promise<VetoWatch> {
  checkYear(year);
  let underPath: string | undefined;
  if (unitGlobalId) {
    const unit = await ctx.loaders.unit.load(parseId("unit", unitGlobalId, "Unit"));
    if (!unit) throw notFound("Unit", unitGlobalId);
    underPath = unit.path;
  }
  const counts = await selectVetoCounts(ctx.db, ctx.findingScope, underPath, `${year}-01-01`, `${year}-12-31`);
  const rows: VetoWatchRow[] = counts.map((c) => ({
    prosecutorRowId: c.person.id,
    prosecutor: Person.from(c.person),
    unqualified: c.unqualified,
    flaw: c.flaw,
    status: vetoStatus(c.unqualified, c.flaw),
  }));
  rows.sort(
    (a, b) =>
      VETO_ORDER[a.status] - VETO_ORDER[b.status] || byName.compare(a.prosecutor.name, b.prosecutor.name) || a.prosecutorRowId - b.prosecutorRowId,
  );
  const tally = (status: VetoStatus) => rows.filter((r) => r.status === status).length;
  return { year, rows, vetoed: tally(VetoStatus.VETOED), atRisk: tally(VetoStatus.AT_RISK), watch: tally(VetoStatus.WATCH) };
}

/**
 * For the wall board: how many prosecutors under `underPath` are VETOED or AT_RISK this Shanghai
 * year. Counts only, so it reads the board's scope (a display token sees the counts, never names).
 */
export async function vetoTotalsUnder(ctx: Context, underPath: string | undefined): Promise<{ vetoed: number; atRisk: number }> {
  const year = shanghaiDate(ctx.clock.now()).slice(0, 4);
  const counts = await selectVetoCounts(ctx.db, ctx.scope, underPath, `${year}-01-01`, `${year}-12-31`);
  const statuses = counts.map((c) => vetoStatus(c.unqualified, c.flaw));
  return { vetoed: statuses.filter((s) => s === VetoStatus.VETOED).length, atRisk: statuses.filter((s) => s === VetoStatus.AT_RISK).length };
}
