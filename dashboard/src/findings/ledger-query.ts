import { enumLabels } from "../../../schema/labels";
import type {
  FindingFilter,
  FindingOrder,
  FindingOrderField,
  FindingSeverity,
  FindingSource,
  FindingStatus,
  Flag,
  OrderDirection,
  RectificationClass,
} from "../gql/graphql";

export const STATUSES = Object.keys(enumLabels.FindingStatus) as FindingStatus[];
export const FLAGS = Object.keys(enumLabels.Flag) as Flag[];
export const CLASSES = Object.keys(enumLabels.RectificationClass) as RectificationClass[];
export const SEVERITIES = Object.keys(enumLabels.FindingSeverity) as FindingSeverity[];
export const SOURCES = Object.keys(enumLabels.FindingSource) as FindingSource[];
export const SORT_FIELDS: FindingOrderField[] = ["DEADLINE", "FOUND_AT", "UPDATED_AT"];
export const PAGE_SIZES = [20, 50, 100] as const;

/** The ledger's state as it lives in the URL query, so a reload or a shared link keeps it. */
export interface LedgerQuery {
  unit: string;
  status: FindingStatus | "";
  flag: Flag | "";
  rectificationClass: RectificationClass | "";
  severity: FindingSeverity | "";
  source: FindingSource | "";
  foundFrom: string;
  foundTo: string;
  text: string;
  sort: FindingOrderField;
  direction: OrderDirection;
  size: number;
  /** Cursor of the page's predecessor; empty on the first page. */
  after: string;
}

export const DEFAULT_QUERY: LedgerQuery = {
  unit: "",
  status: "",
  flag: "",
  rectificationClass: "",
  severity: "",
  source: "",
  foundFrom: "",
  foundTo: "",
  text: "",
  sort: "DEADLINE",
  direction: "ASC",
  size: 20,
  after: "",
};

// URL parameter names, kept short for shareable links.
const PARAM: Record<keyof LedgerQuery, string> = {
  unit: "unit",
  status: "status",
  flag: "flag",
  rectificationClass: "class",
  severity: "severity",
  source: "source",
  foundFrom: "from",
  foundTo: "to",
  text: "q",
  sort: "sort",
  direction: "dir",
  size: "size",
  after: "after",
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | "" {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : "";
}

/** Reads the ledger state from URL parameters; unknown or malformed values fall back to the default. */
export function readLedgerQuery(params: URLSearchParams): LedgerQuery {
  const get = (key: keyof LedgerQuery) => params.get(PARAM[key]);
  const size = Number(get("size"));
  return {
    unit: get("unit") ?? "",
    status: oneOf(get("status"), STATUSES),
    flag: oneOf(get("flag"), FLAGS),
    rectificationClass: oneOf(get("rectificationClass"), CLASSES),
    severity: oneOf(get("severity"), SEVERITIES),
    source: oneOf(get("source"), SOURCES),
    foundFrom: DAY.test(get("foundFrom") ?? "") ? get("foundFrom")! : "",
    foundTo: DAY.test(get("foundTo") ?? "") ? get("foundTo")! : "",
    text: (get("text") ?? "").slice(0, 100),
    sort: oneOf(get("sort"), SORT_FIELDS) || DEFAULT_QUERY.sort,
    direction: get("direction") === "DESC" ? "DESC" : "ASC",
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_QUERY.size,
    after: get("after") ?? "",
  };
}

/** The ledger URL for a state; defaults are left out. */
export function ledgerHref(query: LedgerQuery, path = "/ledger"): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as Array<keyof LedgerQuery>) {
    const value = String(query[key]);
    if (value !== "" && value !== String(DEFAULT_QUERY[key])) params.set(PARAM[key], value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The API filter for a ledger state (empty conditions left out). */
export function toFilter(query: LedgerQuery): FindingFilter {
  const filter: FindingFilter = {};
  if (query.unit) filter.unit = query.unit;
  if (query.status) filter.status = [query.status];
  if (query.flag) filter.flag = [query.flag];
  if (query.rectificationClass) filter.rectificationClass = [query.rectificationClass];
  if (query.severity) filter.severity = [query.severity];
  if (query.source) filter.source = [query.source];
  if (query.foundFrom) filter.foundFrom = query.foundFrom;
  if (query.foundTo) filter.foundTo = query.foundTo;
  if (query.text.trim()) filter.text = query.text.trim();
  return filter;
}

export function toOrder(query: LedgerQuery): FindingOrder {
  return { field: query.sort, direction: query.direction };
}

/** The XLSX export of the same filter and order (the server applies the viewer's scope again). */
export function exportHref(filter: FindingFilter, orderBy: FindingOrder): string {
  const params = new URLSearchParams({ filter: JSON.stringify(filter), orderBy: JSON.stringify(orderBy) });
  return `/export/findings.xlsx?${params.toString()}`;
}
