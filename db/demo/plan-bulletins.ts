import { BulletinItemKind, BulletinKind } from "../../server/bulletins/bulletin.type.js";
import { createBulletin, publishBulletin } from "../../server/bulletins/bulletins.service.js";
import { FindingCategory, FindingSource, FindingStatus } from "../../server/findings/finding.enums.js";
import { WORK_DAY, type WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import { CITY_CODE } from "./org.js";
import type { PeopleIndex } from "./people-index.js";
import type { FindingPlan } from "./plan-findings.js";
import type { Rng } from "./random.js";
import { bulletinTitle, HIGHLIGHTS } from "./texts.js";

export const BULLETINS = 10;

/** Kinds of the ten bulletins, oldest first: monthly monitoring reports, sampling rounds, governance. */
const KINDS: BulletinKind[] = [
  BulletinKind.PROCESS_MONITORING,
  BulletinKind.SAMPLING_ASSESSMENT,
  BulletinKind.PROCESS_MONITORING,
  BulletinKind.GOVERNANCE,
  BulletinKind.PROCESS_MONITORING,
  BulletinKind.SAMPLING_ASSESSMENT,
  BulletinKind.PROCESS_MONITORING,
  BulletinKind.GOVERNANCE,
  BulletinKind.PROCESS_MONITORING,
  BulletinKind.SAMPLING_ASSESSMENT,
];

const fits: Record<BulletinKind, (p: FindingPlan) => boolean> = {
  [BulletinKind.PROCESS_MONITORING]: (p) => p.source === FindingSource.PROCESS_MONITORING,
  [BulletinKind.SAMPLING_ASSESSMENT]: (p) => p.source === FindingSource.SAMPLING || p.source === FindingSource.QUALITY_REVIEW,
  [BulletinKind.GOVERNANCE]: (p) => p.template.category === FindingCategory.CONDUCT_DISCIPLINE || p.source === FindingSource.SUPERVISION,
};

/**
 * Ten published bulletins of the city office (曝光台), one a month around the 8th, each naming
 * 2–6 findings of the weeks before and, now and then, a highlight (亮点).
 */
export function bulletinEvents(plans: FindingPlan[], rng: Rng, cal: WorkCalendar, org: PeopleIndex): SeedEvent[] {
  const events: SeedEvent[] = [];
  const used = new Set<number>();
  const highlights = rng.shuffle(HIGHLIGHTS);
  const rounds = new Map<number, number>();
  const [thisYear, thisMonth] = cal.today.split("-").map(Number) as [number, number];
  KINDS.forEach((kind, b) => {
    const monthsBack = BULLETINS - b;
    const serial = thisYear * 12 + (thisMonth - 1) - monthsBack;
    const [year, month] = [Math.floor(serial / 12), (serial % 12) + 1];
    const covered = serial - 1;
    const [coveredYear, coveredMonth] = [Math.floor(covered / 12), (covered % 12) + 1];
    const publishWork = cal.startOf(cal.indexOnOrAfter(`${year}-${String(month).padStart(2, "0")}-08`)) + rng.float(3600, 3 * 3600);
    const createWork = publishWork - rng.float(1, 2.5) * WORK_DAY;
    const round = kind === BulletinKind.SAMPLING_ASSESSMENT ? (rounds.get(coveredYear) ?? 0) + 1 : 0;
    if (round) rounds.set(coveredYear, round);

    const earlier = plans.filter((p) => p.status !== FindingStatus.WITHDRAWN && !used.has(p.index) && p.foundWork < createWork - 600);
    const recent = earlier.filter((p) => p.foundWork > createWork - 45 * WORK_DAY);
    const wanted = rng.int(2, 6);
    const items = [...rng.shuffle(recent.filter(fits[kind])), ...rng.shuffle(recent.filter((p) => !fits[kind](p))), ...rng.shuffle(earlier)]
      .filter((p, k, all) => all.findIndex((q) => q.index === p.index) === k)
      .slice(0, wanted);
    if (items.length < 2) throw new Error("demo seed: too few findings before a bulletin");
    items.forEach((p) => used.add(p.index));
    const highlight = rng.chance(0.5) ? highlights.shift() : undefined;
    const actor = (kind === BulletinKind.GOVERNANCE ? org.head(`${CITY_CODE}-JWDC`) : org.head(`${CITY_CODE}-AG`))!.key;

    events.push({
      at: createWork,
      actor,
      run: (ctx, ids) =>
        createBulletin(ctx, {
          unit: ids.unit(CITY_CODE),
          kind,
          title: bulletinTitle(kind, coveredYear, coveredMonth, round),
          items: [
            ...items.map((p) => ({ kind: BulletinItemKind.CRITICISM, finding: ids.finding(p.index) })),
            ...(highlight ? [{ kind: BulletinItemKind.HIGHLIGHT, text: highlight }] : []),
          ],
        }).then((bulletin) => ids.bulletins.set(b, bulletin.id)),
    });
    events.push({ at: publishWork, actor, run: (ctx, ids) => publishBulletin(ctx, ids.bulletin(b)) });
  });
  return events;
}
