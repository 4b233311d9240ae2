import { parse } from "graphql";
import { enumLabel } from "../../schema/labels.js";
import { inShanghai, type SheetExport } from "../export/xlsx-export.js";

interface Row {
  code: string; title: string; description: string; caseRef: string | null; category: string; severity: string; source: string;
  rectificationClass: string; status: string; flag: string | null; deadline: string; foundAt: string; verifiedAt: string | null;
  unit: { name: string; kind: string; parent: { name: string } | null } | null;
  handler: { name: string } | null; foundBy: { name: string } | null;
}

/**
 * GET /export/findings.xlsx?filter=<FindingFilter JSON>&orderBy=<FindingOrder JSON>: the ledger
 * (整改台账) as a spreadsheet, in the ledger's order, through the GraphQL `findings` query itself.
 */
export const ledgerExport: SheetExport<Row> = {
  path: "/export/findings.xlsx",
  query: parse(`
    query LedgerExport($filter: FindingFilter, $orderBy: FindingOrder, $after: String) {
      findings(first: 100, after: $after, filter: $filter, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node {
          code title description caseRef category severity source rectificationClass status flag
          deadline foundAt verifiedAt
          unit { name kind parent { name } }
          handler { name }
          foundBy { name }
        } }
      }
    }
  `),
  field: "findings",
  params: ["filter", "orderBy"],
  noun: "findings",
  sheetName: "整改台账",
  fileName: (stamp) => ({ ascii: `ledger-${stamp}.xlsx`, zh: `整改台账-${stamp}.xlsx` }),
  columns: [
    { header: "问题编号", width: 16, value: (r) => r.code },
    { header: "单位", width: 22, value: (r) => (r.unit?.kind === "DEPARTMENT" ? (r.unit.parent?.name ?? "") : (r.unit?.name ?? "")) },
    { header: "部门", width: 16, value: (r) => (r.unit?.kind === "DEPARTMENT" ? r.unit.name : "") },
    { header: "承办人", width: 10, value: (r) => r.handler?.name ?? "" },
    { header: "案件", width: 24, value: (r) => r.caseRef ?? "" },
    { header: "问题", width: 36, value: (r) => r.title },
    { header: "具体表现", width: 48, value: (r) => r.description },
    { header: "问题类别", width: 12, value: (r) => enumLabel("FindingCategory", r.category, "zh") },
    { header: "严重程度", width: 10, value: (r) => enumLabel("FindingSeverity", r.severity, "zh") },
    { header: "问题来源", width: 14, value: (r) => enumLabel("FindingSource", r.source, "zh") },
    { header: "整改类别", width: 14, value: (r) => enumLabel("RectificationClass", r.rectificationClass, "zh") },
    { header: "整改状态", width: 14, value: (r) => enumLabel("FindingStatus", r.status, "zh") },
    { header: "旗帜", width: 8, value: (r) => (r.flag ? enumLabel("Flag", r.flag, "zh") : "") },
    { header: "整改时限", width: 12, value: (r) => r.deadline },
    { header: "发现时间", width: 18, value: (r) => inShanghai(r.foundAt) },
    { header: "发现人", width: 10, value: (r) => r.foundBy?.name ?? "" },
    { header: "销号时间", width: 18, value: (r) => inShanghai(r.verifiedAt) },
  ],
};
