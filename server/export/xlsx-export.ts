import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { Router, type Request, type Response } from "express";
import { execute, GraphQLError, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import type { Database } from "../../db/client.js";
import { resolveViewer } from "../auth/auth.service.js";
import { checkOperationAccess } from "../auth/gate.js";
import { TIME_ZONE, type Clock } from "../clock.js";
import { contextFor } from "../context.js";
import { AppError } from "../errors.js";
import { formatError } from "../format-error.js";

/** The most rows one export may hold; a wider filter is refused, never cut short. */
export const EXPORT_MAX_ROWS = 20_000;

export interface ExportOptions {
  schema: GraphQLSchema;
  database: Database;
  clock: Clock;
  credentialsOf: (headers: Request["headers"]) => { session?: string; bearer?: string };
}

export interface Column<Row> {
  header: string;
  width: number;
  /** The cell for a row; `index` counts from 0 in sheet order. */
  value: (row: Row, index: number) => string;
}

/**
 * One spreadsheet download. `query` is a GraphQL query with `$after: String` that returns a
 * connection at `field`; it runs through the API's own execution, so the gate, input coercion,
 * validation and scope are exactly those of the page the user exported from.
 */
export interface SheetExport<Row> {
  path: string;
  query: DocumentNode;
  field: string;
  /** Query parameters passed as JSON variables of the same name. */
  params: string[];
  /** What the rows are, for the "too many" message. */
  noun: string;
  sheetName: string;
  /** Download names for a Shanghai date: an ASCII one and the Chinese one browsers prefer. */
  fileName: (stamp: string) => { ascii: string; zh: string };
  columns: Column<Row>[];
  /** Reorders the collected rows for the sheet (e.g. a register reads oldest first). */
  arrange?: (rows: Row[]) => Row[];
}

const shanghaiDateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
});

/** An ISO instant as `YYYY-MM-DD HH:mm` in Asia/Shanghai; empty for null. */
export const inShanghai = (iso: string | null) => (iso ? shanghaiDateTime.format(new Date(iso)).replace(/\//g, "-") : "");

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

interface ConnectionPage<Row> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: Row }>;
}

/**
 * Executes an export's query; its errors are thrown as the API would answer them. No data at all
 * means the variables were refused before anything ran: the caller's input, named as a field.
 */
async function run(schema: GraphQLSchema, document: DocumentNode, contextValue: unknown, variableValues: Record<string, unknown>, fallbackField: string): Promise<unknown> {
  const result = await execute({ schema, document, contextValue, variableValues });
  if (!result.errors?.length) return result.data;
  if (result.data === undefined) {
    throw result.errors.map((e) => new AppError("BAD_USER_INPUT", e.message, { field: /Variable "\$(\w+)"/.exec(e.message)?.[1] ?? fallbackField }));
  }
  throw result.errors;
}

/** Every row the variables match in the viewer's scope, page by page, in the query's order. */
async function collectRows<Row>(spec: SheetExport<Row>, schema: GraphQLSchema, contextValue: unknown, variables: Record<string, unknown>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const data = await run(schema, spec.query, contextValue, { ...variables, after }, spec.params[0] ?? "filter");
    const page = (data as Record<string, ConnectionPage<Row>>)[spec.field]!;
    if (page.totalCount > EXPORT_MAX_ROWS) {
      const field = spec.params[0] ?? "filter";
      throw [new AppError("BAD_USER_INPUT", `${field}: matches ${page.totalCount} ${spec.noun}; an export holds at most ${EXPORT_MAX_ROWS}`, { field })];
    }
    rows.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

function workbook<Row>(spec: SheetExport<Row>, rows: Row[], exportedAt: Date): Promise<Buffer> {
  const cells = rows.map((r, i) => spec.columns.map((c) => c.value(r, i)));
  return reportWorkbook([{ name: spec.sheetName, columns: spec.columns, rows: cells }], exportedAt);
}

/** One sheet of a report export: a header row, then rows of text. */
export interface ReportSheet {
  name: string;
  columns: Array<{ header: string; width: number }>;
  rows: string[][];
}

/**
 * A report download: one GraphQL query (no paging) whose result becomes several sheets. Runs
 * through the API's own execution like `SheetExport`, so gate, validation and scope are the page's.
 */
export interface ReportExport<Data> {
  path: string;
  query: DocumentNode;
  /** Query parameters passed as String/ID variables of the same name (plain text, not JSON). */
  params: string[];
  fileName: (variables: Record<string, string | null>, stamp: string) => { ascii: string; zh: string };
  sheets: (data: Data) => ReportSheet[];
}

function plainParam(req: Request, name: string): string | null {
  const raw = req.query[name];
  if (raw === undefined || raw === "") return null;
  if (typeof raw !== "string") throw new AppError("BAD_USER_INPUT", `${name}: give it once`, { field: name });
  return raw;
}

async function reportWorkbook(sheets: ReportSheet[], exportedAt: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "督察整改";
  book.created = exportedAt;
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    s.rows.forEach((r) => sheet.addRow(r));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

interface Built {
  body: Buffer;
  names: { ascii: string; zh: string };
}

/** Serves one export: credentials, the gate, a per-request context, then the workbook or the API's errors. */
function serve(router: Router, options: ExportOptions, path: string, query: DocumentNode, build: (req: Request, context: unknown, stamp: string) => Promise<Built>) {
  const operation = query.definitions[0] as OperationDefinitionNode;
  const noFragments: Record<string, FragmentDefinitionNode> = {};
  router.get(path, async (req, res) => {
    try {
      const db = options.database.db;
      const viewer = await resolveViewer(db, options.credentialsOf(req.headers), new Date());
      checkOperationAccess(viewer, operation, noFragments);
      const context = await contextFor(options.database, viewer, options.clock, randomUUID());
      const { body, names } = await build(req, context, inShanghai(options.clock.now().toISOString()).slice(0, 10));
      res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.zh)}`);
      res.setHeader("Cache-Control", "no-store");
      res.send(body);
    } catch (error) {
      if (Array.isArray(error)) return sendErrors(res, error as GraphQLError[]);
      sendErrors(res, [error instanceof GraphQLError ? error : new GraphQLError("internal", { originalError: error as Error })]);
    }
  });
}

/** A router serving each export at its path, under the same credentials as /graphql. */
// Each export has its own row type; the router only passes rows from its query to its columns.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function xlsxExportRouter(options: ExportOptions, exports: ReadonlyArray<SheetExport<any>>, reports: ReadonlyArray<ReportExport<any>> = []): Router {
  const router = Router();
  for (const spec of exports) {
    serve(router, options, spec.path, spec.query, async (req, context, stamp) => {
      const variables = Object.fromEntries(spec.params.map((name) => [name, parseJsonParam(req, name) ?? null]));
      const collected = await collectRows(spec, options.schema, context, variables);
      const rows = spec.arrange ? spec.arrange(collected) : collected;
      return { body: await workbook(spec, rows, options.clock.now()), names: spec.fileName(stamp) };
    });
  }
  for (const spec of reports) {
    serve(router, options, spec.path, spec.query, async (req, context, stamp) => {
      const variables = Object.fromEntries(spec.params.map((name) => [name, plainParam(req, name)]));
      const data = await run(options.schema, spec.query, context, variables, spec.params[0] ?? "month");
      return { body: await reportWorkbook(spec.sheets(data), options.clock.now()), names: spec.fileName(variables, stamp) };
    });
  }
  return router;
}
