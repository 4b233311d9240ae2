import { addDays } from "../../server/clock.js";
import { FindingCategory, FindingSeverity, FindingSource, RectificationClass } from "../../server/findings/finding.enums.js";
import { recordFinding, startRectification, submitRectification, verifyRectification } from "../../server/findings/findings.workflow.js";
import { drawSamplingRound, listSamplingRounds } from "../../server/sampling/sampling.service.js";
import type { Context } from "../../server/context.js";
import type { WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import { CITY_CODE } from "./org.js";
import type { PeopleIndex } from "./people-index.js";
import type { Rng } from "./random.js";

/** Problems a sampling assessment (特别抽样评估) typically finds in a drawn department. */
const PROBLEMS: Array<{ title: string; description: string; category: FindingCategory }> = [
  { title: "案件流程节点未及时录入", description: "抽查的案件中，退回补充侦查、延长审查起诉期限等节点未在规定时间内录入统一业务应用系统。", category: FindingCategory.CASE_INFORMATION },
  { title: "法律文书送达回证缺失", description: "抽查卷宗中不起诉决定书未附送达回证，无法确认已依法送达被不起诉人。", category: FindingCategory.LEGAL_DOCUMENTS },
  { title: "讯问未在法定期限内进行", description: "犯罪嫌疑人被羁押后，承办人未在规定期限内讯问，卷内无说明。", category: FindingCategory.CASE_PROCEDURE },
  { title: "值班登记不完整", description: "抽查当月有三日值班记录未填写交接情况，值班制度执行不严格。", category: FindingCategory.CONDUCT_DISCIPLINE },
];

/** Demo rounds a year: one every two months (the API default). */
const ROUNDS = 6;

/**
 * 特别抽样评估 for the demo city office: a round drawn on the first working day of every other
 * month of this year up to today (Jan, Mar, May …), each seeded with a printed seed; a week after
 * each draw, one or two SAMPLING findings against a department the round drew. The first round's
 * findings are rectified and verified before the latest round, which re-assesses round 1
 * (年终复抽对照), so the comparison shows one resolved problem and one not yet resolved.
 */
export function samplingEvents(rng: Rng, cal: WorkCalendar, org: PeopleIndex): SeedEvent[] {
  const year = Number(cal.today.slice(0, 4));
  const drawer = org.caseSupervisors(CITY_CODE)[0];
  if (!drawer) return [];
  const roundIds = new Map<number, string>();
  const findingIds = new Map<string, string>();
  const events: SeedEvent[] = [];
  const starts: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const month = String(2 * round - 1).padStart(2, "0");
    const index = cal.indexOnOrAfter(`${year}-${month}-01`);
    // Only rounds whose draw day and following week have passed.
    if (index + 6 >= cal.days.length - 1) break;
    starts.push(index);
  }
  starts.forEach((index, k) => {
    const round = k + 1;
    const seed = `QC-${year}-${round}-${rng.int(1000, 9999)}`;
    const isLatest = round === starts.length && round > 1;
    events.push({
      at: cal.startOf(index) + 3600,
      actor: drawer.key,
      run: async (ctx) => {
        const drawn = await drawSamplingRound(ctx, { year, round, rounds: ROUNDS, seed, compareWith: isLatest ? roundIds.get(1) : null });
        roundIds.set(round, drawn.id);
      },
    });
    const count = round === 1 || isLatest ? 2 : rng.int(0, 1);
    for (let n = 0; n < count; n++) {
      const key = `${round}-${n}`;
      const problem = round === 1 ? PROBLEMS[n]! : isLatest && n === 1 ? PROBLEMS[1]! : rng.pick(PROBLEMS);
      const foundIndex = index + 3 + n;
      events.push({
        at: cal.startOf(foundIndex) + 3 * 3600,
        actor: drawer.key,
        run: async (ctx) => {
          const unit = await drawnDepartment(ctx, roundIds.get(round)!, year);
          const finding = await recordFinding(ctx, {
            ...problem,
            unit,
            severity: n === 0 ? FindingSeverity.IRREGULAR : FindingSeverity.FLAW,
            source: FindingSource.SAMPLING,
            rectificationClass: RectificationClass.IMMEDIATE,
            deadline: addDays(cal.days[foundIndex]!, 30),
            samplingRound: roundIds.get(round)!,
          });
          findingIds.set(key, finding.id);
        },
      });
    }
    // The first problem of round 1 is fixed and struck off (销号) three weeks on.
    if (round === 1) {
      const fixIndex = index + 15;
      const steps = [startRectification, submitRectification, verifyRectification] as const;
      steps.forEach((step, s) =>
        events.push({
          at: cal.startOf(fixIndex + s) + 2 * 3600,
          actor: s === 2 ? drawer.key : null,
          run: (ctx) => step(ctx, { id: findingIds.get("1-0")! }),
        }),
      );
    }
  });
  return events;
}

/** The first basic-office department a round drew (else its first city business department), as a global id. */
async function drawnDepartment(ctx: Context, roundId: string, year: number): Promise<string> {
  const page = await listSamplingRounds(ctx, { first: 100, filter: { year } });
  const round = page.nodes.find((r) => r.id === roundId)!;
  const picks = await ctx.loaders.samplingPicks.load(round.rowId);
  const pick = picks.find((p) => p.role === "BASIC_DEPARTMENT") ?? picks.find((p) => p.role === "CITY_BUSINESS")!;
  return (await ctx.loaders.unit.load(pick.unitRowId))!.id;
}
