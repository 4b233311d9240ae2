import { parse } from "graphql";
import { enumLabel } from "../../schema/labels.js";
import { inShanghai, type ReportExport } from "../export/xlsx-export.js";

interface Data {
  jointMeetingReport: {
    month: string; asOf: string; summary: string;
    unit: { name: string } | null;
    inspections: number; inspectionsWithProblem: number;
    inspectionsBySupervisorKind: Array<{ supervisorKind: string | null; inspections: number; withProblem: number }>;
    found: number; foundCategories: number;
    byCategory: Array<{ category: string; count: number }>;
    bySeverity: Array<{ severity: string; count: number }>;
    byUnit: Array<{ unit: { name: string }; found: number; verified: number; overdue: number }>;
    status: { open: number; rectifying: number; submitted: number; verified: number; withdrawn: number };
    overdueCount: number;
    overdue: Array<{ code: string; title: string; category: string; severity: string; status: string; deadline: string; foundAt: string; unit: { name: string } | null; handler: { name: string } | null }>;
    accountabilityActions: Array<{ kind: string; reason: string; decidedOn: string; targetPerson: { name: string } | null; targetUnit: { name: string } | null }>;
    accountabilityByKind: Array<{ kind: string; count: number }>;
  };
}

const zh = (name: Parameters<typeof enumLabel>[0], value: string | null) => (value ? enumLabel(name, value, "zh") : "");
const monthTitle = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/**
 * GET /export/joint-meeting.xlsx?month=YYYY-MM&unit=<id>: the monthly joint meeting paper (联席会议材料)
 * as five sheets, through the GraphQL `jointMeetingReport` query.
 */
export const jointMeetingExport: ReportExport<Data> = {
  path: "/export/joint-meeting.xlsx",
  query: parse(`
    query JointMeetingExport($month: String!, $unit: ID) {
      jointMeetingReport(month: $month, unit: $unit) {
        month asOf summary unit { name }
        inspections inspectionsWithProblem inspectionsBySupervisorKind { supervisorKind inspections withProblem }
        found foundCategories byCategory { category count } bySeverity { severity count }
        byUnit { unit { name } found verified overdue }
        status { open rectifying submitted verified withdrawn }
        overdueCount overdue { code title category severity status deadline foundAt unit { name } handler { name } }
        accountabilityActions { kind reason decidedOn targetPerson { name } targetUnit { name } }
        accountabilityByKind { kind count }
      }
    }
  `),
  params: ["month", "unit"],
  fileName: (variables, stamp) => ({
    ascii: `joint-meeting-${variables.month}-${stamp}.xlsx`,
    zh: `联席会议材料-${variables.month}-${stamp}.xlsx`,
  }),
  sheets: ({ jointMeetingReport: r }) => [
    {
      name: "概况",
      columns: [{ header: "项目", width: 28 }, { header: "数值", width: 36 }],
      rows: [
        ["月份", monthTitle(r.month)],
        ["单位", r.unit?.name ?? ""],
        ["统计截止", inShanghai(r.asOf)],
        ["检查案件数", String(r.inspections)],
        ["发现问题的检查数", String(r.inspectionsWithProblem)],
        ...r.inspectionsBySupervisorKind.map((k) => [`检查数：${zh("SupervisorKind", k.supervisorKind) || "其他"}`, `${k.inspections}（发现问题 ${k.withProblem}）`]),
        ["发现问题", r.summary],
        ...r.bySeverity.map((s) => [`问题性质：${zh("FindingSeverity", s.severity)}`, String(s.count)]),
        [`整改情况：${zh("FindingStatus", "OPEN")}`, String(r.status.open)],
        [`整改情况：${zh("FindingStatus", "RECTIFYING")}`, String(r.status.rectifying)],
        [`整改情况：${zh("FindingStatus", "SUBMITTED")}`, String(r.status.submitted)],
        [`整改情况：${zh("FindingStatus", "VERIFIED")}`, String(r.status.verified)],
        [`整改情况：${zh("FindingStatus", "WITHDRAWN")}`, String(r.status.withdrawn)],
        ["超期未整改", String(r.overdueCount)],
        ...r.accountabilityByKind.map((k) => [`问责：${zh("AccountabilityKind", k.kind)}`, String(k.count)]),
      ],
    },
    {
      name: "按类别",
      columns: [{ header: "问题类别", width: 24 }, { header: "问题数", width: 10 }],
      rows: r.byCategory.map((c) => [zh("FindingCategory", c.category), String(c.count)]),
    },
    {
      name: "按单位",
      columns: [{ header: "单位", width: 28 }, { header: "本月发现", width: 10 }, { header: "已销号", width: 10 }, { header: "超期未整改", width: 12 }],
      rows: r.byUnit.map((u) => [u.unit.name, String(u.found), String(u.verified), String(u.overdue)]),
    },
    {
      name: "超期问题",
      columns: [
        { header: "序号", width: 6 }, { header: "编号", width: 16 }, { header: "问题", width: 36 }, { header: "单位", width: 22 },
        { header: "承办人", width: 10 }, { header: "类别", width: 16 }, { header: "性质", width: 10 }, { header: "状态", width: 10 },
        { header: "整改时限", width: 12 }, { header: "发现时间", width: 18 },
      ],
      rows: r.overdue.map((f, i) => [
        String(i + 1), f.code, f.title, f.unit?.name ?? "", f.handler?.name ?? "", zh("FindingCategory", f.category),
        zh("FindingSeverity", f.severity), zh("FindingStatus", f.status), f.deadline, inShanghai(f.foundAt),
      ]),
    },
    {
      name: "问责情况",
      columns: [{ header: "决定日期", width: 12 }, { header: "问责方式", width: 14 }, { header: "对象", width: 22 }, { header: "事由", width: 48 }],
      rows: r.accountabilityActions.map((a) => [a.decidedOn, zh("AccountabilityKind", a.kind), a.targetPerson?.name ?? a.targetUnit?.name ?? "", a.reason]),
    },
  ],
};
