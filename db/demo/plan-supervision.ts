import { addDays } from "../../server/clock.js";
import { FindingCategory, FindingSeverity, RectificationClass } from "../../server/findings/finding.enums.js";
import { addSupervisionFeedback, closeSupervisionItem, issueSupervisionNotice, openSupervisionItem } from "../../server/supervision/supervision.service.js";
import { SupervisionNoticeKind, SupervisionSource } from "../../server/supervision/supervision.type.js";
import { UnitLevel } from "../../server/units/unit.type.js";
import type { WorkCalendar } from "./calendar.js";
import type { SeedEvent } from "./events.js";
import type { PeopleIndex } from "./people-index.js";
import type { Rng } from "./random.js";

/** Matters the inspection supervision office (检务督察) takes on, with what it asks for. */
const MATTERS: Array<{ title: string; requirements: string; source: SupervisionSource }> = [
  { title: "督促落实流程监控通报整改要求", requirements: "对照本季度流程监控通报逐项整改，一周内书面反馈整改情况及销号材料。", source: SupervisionSource.LEADER_ASSIGNED },
  { title: "核查群众来信反映的办案超期问题", requirements: "查明来信所涉案件办理期限情况，说明原因并提出处理意见。", source: SupervisionSource.COMPLAINT },
  { title: "检查落实上级院部署的案件质量专项评查", requirements: "按市院部署完成本单位案件自查，报送自查报告及问题清单。", source: SupervisionSource.HIGHER_OFFICE },
  { title: "值班备勤制度执行情况督察", requirements: "检查近一个月值班记录、交接班登记及节假日带班情况。", source: SupervisionSource.ROUTINE },
  { title: "涉案财物管理专项督察", requirements: "清点涉案财物台账与实物，核对出入库手续，逐项说明差异原因。", source: SupervisionSource.SPECIAL },
  { title: "督办检察长交办的信访积案化解", requirements: "制定化解方案，明确责任人和时间节点，每周报告进展。", source: SupervisionSource.LEADER_ASSIGNED },
  { title: "公文办理时效督察", requirements: "梳理本月收文办理情况，对超时限未办结的逐件说明。", source: SupervisionSource.ROUTINE },
  { title: "落实“三个规定”记录报告情况督察", requirements: "核查干预司法、插手案件等情况记录报告是否做到“逢问必录”。", source: SupervisionSource.SPECIAL },
];

/** Problems a rectification notice (整改通知书) names. */
const PROBLEMS: Array<{ title: string; description: string; category: FindingCategory }> = [
  { title: "整改台账未按期更新", description: "督察发现整改台账近一个月未更新，已整改问题未提交销号材料。", category: FindingCategory.CASE_PROCEDURE },
  { title: "值班记录交接不完整", description: "抽查值班登记簿，三日交接班栏目空白，带班领导未签字。", category: FindingCategory.CONDUCT_DISCIPLINE },
  { title: "涉案财物出库手续不全", description: "两件涉案财物出库无审批单，台账未登记去向。", category: FindingCategory.CASE_PROCEDURE },
  { title: "案件期限预警未及时处置", description: "统一业务应用系统期限预警提示后五日内未采取措施，导致办案期限临近届满。", category: FindingCategory.CASE_INFORMATION },
];

const FEEDBACK = [
  "已召开专题会议部署整改，明确责任人，相关材料正在整理。",
  "已完成自查，问题清单及整改措施另行报送。",
  "已逐项核实，原因系人员调整交接不到位，已建立提醒机制。",
  "整改已完成，请督察室核查。",
];

/** What happens to one planned item after it is opened. */
type Story = "closed" | "closedWithNotice" | "overdue" | "overdueWithNotice" | "warning" | "fresh";

/**
 * 检务督察 (项目化督察) for the demo: a dozen items opened by the city's inspection supervision
 * office over the last three months on departments of the basic offices and of the city office.
 * Most older ones got feedback and were closed within the week; two were left open and are
 * overdue; some issued a supervision suggestion or a rectification notice whose problems became
 * findings (source SUPERVISION); the newest are in warning or just opened.
 */
export function supervisionEvents(rng: Rng, cal: WorkCalendar, org: PeopleIndex): SeedEvent[] {
  const inspectors = org.inspectors();
  const last = cal.days.length - 1;
  if (inspectors.length === 0 || last < 70) return [];
  const departments = org.units.filter((u) => u.line && (u.level === UnitLevel.BASIC || rng.chance(0.3)) && org.head(u.code));
  const stories: Array<[Story, number]> = [
    ["closed", 62],
    ["closedWithNotice", 55],
    ["closed", 47],
    ["overdueWithNotice", 40],
    ["closedWithNotice", 33],
    ["closed", 26],
    ["overdue", 19],
    ["closed", 14],
    ["closedWithNotice", 10],
    ["warning", 4],
    ["fresh", 3],
    ["fresh", 1],
  ];
  const itemIds = new Map<number, string>();
  const events: SeedEvent[] = [];
  stories.forEach(([story, back], n) => {
    const start = last - back;
    const day = cal.days[start]!;
    const unit = rng.pick(departments);
    const matter = MATTERS[n % MATTERS.length]!;
    const opener = rng.pick(inspectors);
    const head = org.head(unit.code)!;
    // An event `days` working days after the start, `hours` into the working day; never past today.
    const after = (days: number, hours: number) => Math.min(cal.startOf(Math.min(start + days, last)) + hours * 3600, cal.nowWork);
    const id = () => itemIds.get(n)!;

    events.push({
      at: after(0, 1),
      actor: opener.key,
      run: (ctx, ids) =>
        openSupervisionItem(ctx, { title: matter.title, source: matter.source, requirements: matter.requirements, unit: ids.unit(unit.code), startedOn: day }).then((item) =>
          itemIds.set(n, item.id),
        ),
    });
    if (story === "fresh") return;
    events.push({
      at: after(story === "warning" ? 1 : 2, 3),
      actor: head.key,
      run: (ctx) => addSupervisionFeedback(ctx, { item: id(), text: FEEDBACK[n % FEEDBACK.length]! }),
    });
    if (story === "closedWithNotice" || story === "overdueWithNotice") {
      const rectification = story === "overdueWithNotice" || n % 2 === 0;
      const problems = rectification
        ? [0, 1].slice(0, rng.int(1, 2)).map((k) => {
            const p = PROBLEMS[(n + k) % PROBLEMS.length]!;
            return { ...p, handler: org.handler(unit.code, rng).key, severity: FindingSeverity.IRREGULAR, rectificationClass: RectificationClass.IMMEDIATE };
          })
        : [];
      events.push({
        at: after(3, 2),
        actor: opener.key,
        journalRows: 1 + problems.length,
        run: (ctx, ids) =>
          issueSupervisionNotice(ctx, {
            item: id(),
            kind: rectification ? SupervisionNoticeKind.RECTIFICATION_NOTICE : SupervisionNoticeKind.SUGGESTION,
            text: rectification ? "经督察，发现下列问题，请于整改时限内整改到位并书面报告整改情况。" : "建议建立督察事项办理台账，明确专人跟踪，按期反馈。",
            problems: problems.map((p) => ({ ...p, handler: ids.person(p.handler), deadline: addDays(cal.days[Math.min(start + 3, last)]!, 20) })),
          }),
      });
    }
    if (story === "closed" || story === "closedWithNotice") {
      events.push({
        at: after(4, 5),
        actor: opener.key,
        run: (ctx) => closeSupervisionItem(ctx, { id: id(), version: 1, summary: "经核查，责任单位已按督察要求整改到位，予以办结。" }),
      });
    }
  });
  return events;
}
