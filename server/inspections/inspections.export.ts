import { parse } from "graphql";
import { enumLabel } from "../../schema/labels.js";
import type { SheetExport } from "../export/xlsx-export.js";

interface Row {
  inspectedOn: string; caseRef: string; source: string; result: string; notes: string;
  supervisor: { name: string; supervisorKind: string | null } | null;
  unit: { name: string; kind: string; parent: { name: string } | null } | null;
  findings: Array<{ code: string; title: string }>;
}

/**
 * GET /export/inspections.xlsx?filter=<InspectionFilter JSON>: the inspection register (检查登记表)
 * for a period (filter.from / filter.to), oldest first, through the GraphQL `inspections` query.
 */
export const inspectionRegisterExport: SheetExport<Row> = {
  path: "/export/inspections.xlsx",
  query: parse(`
    query InspectionRegisterExport($filter: InspectionFilter, $after: String) {
      inspections(first: 100, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node {
          inspectedOn caseRef source result notes
          supervisor { name supervisorKind }
          unit { name kind parent { name } }
          findings { code title }
        } }
      }
    }
  `),
  field: "inspections",
  params: ["filter"],
  noun: "inspections",
  sheetName: "检查登记表",
  fileName: (stamp) => ({ ascii: `inspections-${stamp}.xlsx`, zh: `检查登记表-${stamp}.xlsx` }),
  // A register reads in the order things happened; the API lists newest first.
  arrange: (rows) => [...rows].reverse(),
  columns: [
    { header: "序号", width: 6, value: (_, index) => String(index + 1) },
    { header: "检查日期", width: 12, value: (r) => r.inspectedOn },
    { header: "监管员", width: 10, value: (r) => r.supervisor?.name ?? "" },
    { header: "监管员类别", width: 16, value: (r) => (r.supervisor?.supervisorKind ? enumLabel("SupervisorKind", r.supervisor.supervisorKind, "zh") : "") },
    { header: "被检查单位", width: 22, value: (r) => (r.unit?.kind === "DEPARTMENT" ? (r.unit.parent?.name ?? "") : (r.unit?.name ?? "")) },
    { header: "部门", width: 16, value: (r) => (r.unit?.kind === "DEPARTMENT" ? r.unit.name : "") },
    { header: "案号", width: 24, value: (r) => r.caseRef },
    { header: "检查来源", width: 14, value: (r) => enumLabel("FindingSource", r.source, "zh") },
    { header: "检查结果", width: 12, value: (r) => enumLabel("InspectionResult", r.result, "zh") },
    { header: "发现问题", width: 40, value: (r) => r.findings.map((f) => `${f.code} ${f.title}`).join("\n") },
    { header: "备注", width: 30, value: (r) => r.notes },
  ],
};
