import ExcelJS from "exceljs";
import type { Credentials, TestServer } from "./server.js";

export interface XlsxDownload {
  status: number;
  /** The JSON error body, when the server refused. */
  body: { errors: Array<{ message: string; extensions: Record<string, unknown> }> } | null;
  /** The first sheet's rows as text, header row first. */
  rows: string[][];
  disposition: string;
  sheetName: string;
}

/** The first sheet of a workbook as rows of text. */
export async function sheetRows(body: ArrayBuffer | Buffer): Promise<{ rows: string[][]; sheetName: string }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v)))));
  return { rows, sheetName: sheet.name };
}

/** GETs an XLSX export as `as`; params that are not strings are sent as JSON. */
export async function downloadXlsx(server: TestServer, path: string, as: Credentials, params: Record<string, unknown> = {}): Promise<XlsxDownload> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  const headers: Record<string, string> = {};
  if (as.cookie) headers.cookie = as.cookie;
  if (as.bearer) headers.authorization = `Bearer ${as.bearer}`;
  const res = await fetch(`${new URL(server.url).origin}${path}?${query}`, { headers });
  const disposition = res.headers.get("content-disposition") ?? "";
  if (res.headers.get("content-type")?.includes("json")) return { status: res.status, body: (await res.json()) as XlsxDownload["body"], rows: [], disposition, sheetName: "" };
  return { status: res.status, body: null, disposition, ...(await sheetRows(await res.arrayBuffer())) };
}

/** Every sheet of a workbook as rows of text, by sheet name, in workbook order. */
export async function workbookSheets(body: ArrayBuffer | Buffer): Promise<Map<string, string[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as ArrayBuffer);
  const sheets = new Map<string, string[][]>();
  for (const sheet of book.worksheets) {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v)))));
    sheets.set(sheet.name, rows);
  }
  return sheets;
}
