import { addDays } from "../../server/clock.js";
import { FindingCategory, RectificationClass } from "../../server/findings/finding.enums.js";
import { PersonPosition } from "../../server/people/person.type.js";
import { QualityReviewMode, QualityReviewResult } from "../../server/quality-reviews/quality-review.type.js";
import { recordQualityReview } from "../../server/quality-reviews/quality-reviews.service.js";
import { UnitLevel } from "../../server/units/unit.type.js";
import type { WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import { CITY_CODE, type DemoPerson } from "./org.js";
import type { PeopleIndex } from "./people-index.js";
import type { Rng } from "./random.js";
import { caseRef } from "./texts.js";

/** Problems a case quality review (案件质量评查) typically finds. */
const PROBLEMS: Array<{ title: string; description: string; category: FindingCategory }> = [
  { title: "审查报告未对证据逐项分析", description: "审查报告对关键证据仅作罗列，未逐项分析证明力及证据之间的印证关系。", category: FindingCategory.LEGAL_DOCUMENTS },
  { title: "量刑建议说理不充分", description: "起诉书及量刑建议书未说明从轻情节的认定依据，量刑建议幅度说理不足。", category: FindingCategory.LEGAL_DOCUMENTS },
  { title: "未依法告知被害人诉讼权利", description: "审查起诉阶段未在法定期限内告知被害人及其法定代理人有权委托诉讼代理人。", category: FindingCategory.CASE_PROCEDURE },
  { title: "羁押必要性审查记录缺失", description: "案件延长羁押期限前未开展羁押必要性审查，卷内无审查记录。", category: FindingCategory.CASE_PROCEDURE },
  { title: "案卡关键项目与文书不一致", description: "案卡“犯罪嫌疑人强制措施”项与卷内法律文书记载不一致，影响统计和期限预警。", category: FindingCategory.CASE_INFORMATION },
];

/**
 * Case quality reviews (案件质量评查) over the last five weeks: most cases qualified; a few flawed
 * or unqualified ones open findings, so the veto watch (一票否决) has a prosecutor vetoed by an
 * UNQUALIFIED case, one by three FLAW cases and one at risk with two. Reviews come from the
 * prosecutor's own office, the city office, or another basic office (交叉评查).
 */
export function reviewEvents(rng: Rng, cal: WorkCalendar, org: PeopleIndex): SeedEvent[] {
  const basicOffices = [...org.offices.values()].filter((o) => o.level === UnitLevel.BASIC).map((o) => o.code);
  const unitOffice = new Map(org.units.map((u) => [u.code, u]));
  const prosecutors = org.people.filter((p) => {
    const unit = unitOffice.get(p.unit);
    return p.position === PersonPosition.PROSECUTOR && !p.supervisorKind && !p.head && unit?.line && basicOffices.includes(unit.office);
  });
  const first = cal.indexOnOrAfter(addDays(cal.today, -35));
  const last = cal.indexOnOrBefore(addDays(cal.today, -1));
  if (prosecutors.length < 3 || first > last) return [];

  // The results: the first three prosecutors carry the veto watch's story; the rest are qualified.
  const [vetoedOnce, vetoedByFlaws, atRisk] = rng.shuffle(prosecutors);
  const planned: Array<{ who: DemoPerson; result: QualityReviewResult; recent: boolean }> = [
    { who: vetoedOnce!, result: QualityReviewResult.UNQUALIFIED, recent: true },
    ...[1, 2, 3].map(() => ({ who: vetoedByFlaws!, result: QualityReviewResult.FLAW, recent: true })),
    ...[1, 2].map(() => ({ who: atRisk!, result: QualityReviewResult.FLAW, recent: true })),
    ...Array.from({ length: 34 }, () => ({ who: rng.pick(prosecutors), result: QualityReviewResult.QUALIFIED, recent: false })),
  ];

  return planned.map(({ who, result, recent }, n): SeedEvent => {
    // Findings come from reviews of the last two weeks, so their deadlines are still ahead.
    const index = recent ? rng.int(Math.max(first, last - 9), last) : rng.int(first, last);
    const day = cal.days[index]!;
    const unit = unitOffice.get(who.unit)!;
    const office = unit.office;
    const mode = rng.weighted([
      [QualityReviewMode.OWN_OFFICE, 4],
      [QualityReviewMode.HIGHER_OFFICE, 3],
      [QualityReviewMode.CROSS_REGION, 3],
    ] as const);
    const reviewerOffice =
      mode === QualityReviewMode.OWN_OFFICE ? office : mode === QualityReviewMode.HIGHER_OFFICE ? CITY_CODE : rng.pick(basicOffices.filter((o) => o !== office));
    const reviewer = rng.pick(org.caseSupervisors(reviewerOffice));
    const ref = caseRef(org.office(office).casePrefix, unit.line!, Number(day.slice(0, 4)), rng);
    const problem = result === QualityReviewResult.QUALIFIED ? null : PROBLEMS[n % PROBLEMS.length]!;
    const notes = problem ? "" : rng.pick(["", "文书规范，证据分析充分", "程序合法，期限均在规定内"]);
    return {
      at: cal.startOf(index) + rng.int(1, 7) * 3600,
      actor: reviewer.key,
      journalRows: problem ? 2 : 1,
      run: (ctx, ids) =>
        recordQualityReview(ctx, {
          caseRef: ref,
          prosecutor: ids.person(who.key),
          reviewedOn: day,
          mode,
          reviewerUnit: ids.unit(`${reviewerOffice}-AG`),
          result,
          notes,
          problem: problem && {
            ...problem,
            rectificationClass: RectificationClass.IMMEDIATE,
            deadline: addDays(day, 30),
          },
        }),
    };
  });
}
