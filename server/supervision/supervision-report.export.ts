import { parse } from "graphql";
import { enumLabel } from "../../schema/labels.js";
import { inShanghai, type ReportExport } from "../export/xlsx-export.js";

interface Item {
  code: string; title: string; source: string; startedOn: string; deadline: string; daysLeft: number | null;
  unit: { name: string } | null;
  feedback: Array<{ createdAt: string }>;
}
interface Data {
  supervisionReport: {
    month: string; asOf: string; unit: { name: string } | null;
    opened: number; closed: number; open: number; overdue: number; suggestions: number; rectificationNotices: number;
    byUnit: Array<{ unit: { name: string }; own: boolean; opened: number; closed: number; open: number; overdue: number }>;
    overdueItems: Item[];
  };
}

const monthTitle = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/**
 * GET /export/supervision-report.xlsx?month=YYYY-MM&unit=<id>: the monthly supervision report
 * (督察专报) as three sheets, through the GraphQL `supervisionReport` query (same scope as the page).
 */
export const supervisionReportExport: ReportExport<Data> = {
  path: "/export/supervision-report.xlsx",
  query: parse(`
    query SupervisionReportExport($month: String!, $unit: ID) {
      supervisionReport(month: $month, unit: $unit) {
        month asOf unit { name }
        opened closed open overdue suggestions rectificationNotices
        byUnit { unit { name } own opened closed open overdue }
        overdueItems { code title source startedOn deadline daysLeft unit { name } feedback { createdAt } }
      }
    }
  `),
  params: ["month", "unit"],
  fileName: (variables, stamp) => ({
    ascii: `supervision-report-${variables.month}-${stamp}.xlsx`,
    zh: `督察专报-${variables.month}-${stamp}.xlsx`,
  }),
  sheets: ({ supervisionReport: r }) => [
    {
      name: "概况",
      columns: [{ header: "项目", width: 24 }, { header: "数值", width: 30 }],
      rows: [
        ["月份", monthTitle(r.month)],
        ["单位", r.unit?.name ?? ""],
        ["统计截止", inShanghai(r.asOf)],
        ["本月立项", String(r.opened)],
        ["本月办结", String(r.closed)],
        ["月末在办", String(r.open)],
        ["月末超期", String(r.overdue)],
        [enumLabel("SupervisionNoticeKind", "SUGGESTION", "zh"), String(r.suggestions)],
        [enumLabel("SupervisionNoticeKind", "RECTIFICATION_NOTICE", "zh"), String(r.rectificationNotices)],
      ],
    },
    {
      name: "按单位",
      columns: [
        { header: "责任单位", width: 28 },
        { header: "本月立项", width: 10 },
        { header: "本月办结", width: 10 },
        { header: "月末在办", width: 10 },
        { header: "月末超期", width: 10 },
      ],
      rows: r.byUnit.map((u) => [u.own ? `${u.unit.name}（本级）` : u.unit.name, String(u.opened), String(u.closed), String(u.open), String(u.overdue)]),
    },
    {
      name: "超期事项",
      columns: [
        { header: "编号", width: 16 },
        { header: "督察事项", width: 36 },
        { header: "来源", width: 12 },
        { header: "责任单位", width: 24 },
        { header: "立项日期", width: 12 },
        { header: "办结时限", width: 12 },
        { header: "反馈次数", width: 10 },
      ],
      rows: r.overdueItems.map((i) => [
        i.code,
        i.title,
        enumLabel("SupervisionSource", i.source, "zh"),
        i.unit?.name ?? "",
        i.startedOn,
        i.deadline,
        String(i.feedback.length),
      ]),
    },
  ],
};
