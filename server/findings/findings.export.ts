import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { Router, type Request, type Response } from "express";
import { execute, GraphQLError, parse, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { enumLabel } from "../../schema/labels.js";
import type { Database } from "../../db/client.js";
import { resolveViewer } from "../auth/auth.service.js";
import { checkOperationAccess } from "../auth/gate.js";
import { TIME_ZONE, type Clock } from "../clock.js";
import { contextFor } from "../context.js";
import { AppError } from "../errors.js";
import { formatError } from "../format-error.js";

/** The most rows one export may hold; a wider filter is refused, never cut short. */
export const EXPORT_MAX_ROWS = 20_000;

// The export runs the ledger query itself, so filter coercion, validation and scope are the API's own.
const EXPORT_QUERY = parse(`
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
`);
const OPERATION = EXPORT_QUERY.definitions[0] as OperationDefinitionNode;
const NO_FRAGMENTS: Record<string, FragmentDefinitionNode> = {};

interface Row {
  code: string; title: string; description: string; caseRef: string | null; category: string; severity: string; source: string;
  rectificationClass: string; status: string; flag: string | null; deadline: string; foundAt: string; verifiedAt: string | null;
  unit: { name: string; kind: string; parent: { name: string } | null } | null;
  handler: { name: string } | null; foundBy: { name: string } | null;
}

const shanghaiDateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
});
const inShanghai = (iso: string | null) => (iso ? shanghaiDateTime.format(new Date(iso)).replace(/\//g, "-") : "");

const COLUMNS: Array<{ header: string; width: number; value: (r: Row) => string }> = [
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
];

function parseJsonParam(req: Request, name: string): unknown {
  const raw = req.query[name];
  if (raw === undefined || raw === "") return undefined;
  if (typeof raw !== "string") throw new AppError("BAD_USER_INPUT", `${name}: give it once, as JSON`, { field: name });
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("BAD_USER_INPUT", `${name}: not valid JSON`, { field: name });
  }
}

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INTERNAL_SERVER_ERROR: 500 };

function sendErrors(res: Response, errors: readonly GraphQLError[]) {
  const formatted = errors.map((e) => formatError(e.toJSON(), e));
  const code = formatted[0]?.extensions?.code;
  const status = HTTP_STATUS[String(code)] ?? 400;
  res.status(status).json({ errors: formatted });
}

/** Every finding the filter matches in the viewer's scope, in the ledger's order. */
async function collectRows(schema: GraphQLSchema, contextValue: unknown, variables: Record<string, unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await execute({ schema, document: EXPORT_QUERY, contextValue, variableValues: { ...variables, after } });
    if (result.errors?.length) {
      // No data at all means the variables were refused before anything ran: the caller's input.
      if (result.data === undefined) {
        throw result.errors.map((e) => {
          const field = /Variable "\$(\w+)"/.exec(e.message)?.[1] ?? "filter";
          return new AppError("BAD_USER_INPUT", e.message, { field });
        });
      }
      throw result.errors;
    }
    const page = (result.data as { findings: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Row }> } }).findings;
    if (page.totalCount > EXPORT_MAX_ROWS) {
      throw [new AppError("BAD_USER_INPUT", `filter: matches ${page.totalCount} findings; an export holds at most ${EXPORT_MAX_ROWS}`, { field: "filter" })];
    }
    rows.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

async function workbook(rows: Row[], exportedAt: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "督察整改";
  book.created = exportedAt;
  const sheet = book.addWorksheet("整改台账", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * GET /export/findings.xlsx?filter=<FindingFilter JSON>&orderBy=<FindingOrder JSON>: the ledger (整改台账)
 * as a spreadsheet, under the same credentials, gate and scope as the GraphQL `findings` query.
 */
export function exportRouter(options: { schema: GraphQLSchema; database: Database; clock: Clock; credentialsOf: (h: Request["headers"]) => { session?: string; bearer?: string } }): Router {
  const router = Router();
  router.get("/export/findings.xlsx", async (req, res) => {
    try {
      const db = options.database.db;
      const viewer = await resolveViewer(db, options.credentialsOf(req.headers), new Date());
      checkOperationAccess(viewer, OPERATION, NO_FRAGMENTS);
      const variables = { filter: parseJsonParam(req, "filter") ?? null, orderBy: parseJsonParam(req, "orderBy") ?? null };
      const context = await contextFor(db, viewer, options.clock, randomUUID());
      const rows = await collectRows(options.schema, context, variables);
      const now = options.clock.now();
      const body = await workbook(rows, now);
      const stamp = inShanghai(now.toISOString()).slice(0, 10);
      res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", `attachment; filename="ledger-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`整改台账-${stamp}.xlsx`)}`);
      res.setHeader("Cache-Control", "no-store");
      res.send(body);
    } catch (error) {
      if (Array.isArray(error)) return sendErrors(res, error as GraphQLError[]);
      sendErrors(res, [error instanceof GraphQLError ? error : new GraphQLError("internal", { originalError: error as Error })]);
    }
  });
  return router;
}
