import type { InspectionFilter } from "../gql/graphql";
import { shanghaiToday } from "../lib/i18n.svelte";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The process-monitoring page's state as it lives in the URL query. */
export interface InspectionsQuery {
  from: string;
  to: string;
  unit: string;
}

/** The current month in Asia/Shanghai, up to today. */
export function defaultPeriod(today = shanghaiToday()): { from: string; to: string } {
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** Reads the page state from URL parameters; a missing or malformed day falls back to the current month. */
export function readInspectionsQuery(params: URLSearchParams, today = shanghaiToday()): InspectionsQuery {
  const period = defaultPeriod(today);
  const day = (name: "from" | "to") => {
    const value = params.get(name) ?? "";
    return DAY.test(value) ? value : period[name];
  };
  return { from: day("from"), to: day("to"), unit: params.get("unit") ?? "" };
}

/** The page URL for a state; the default period is left out, so a bookmark always shows this month. */
export function inspectionsHref(query: InspectionsQuery, today = shanghaiToday()): string {
  const period = defaultPeriod(today);
  const params = new URLSearchParams();
  if (query.from && query.from !== period.from) params.set("from", query.from);
  if (query.to && query.to !== period.to) params.set("to", query.to);
  if (query.unit) params.set("unit", query.unit);
  const search = params.toString();
  return search ? `/inspections?${search}` : "/inspections";
}

/** The register's API filter for a state. */
export function toFilter(query: InspectionsQuery): InspectionFilter {
  return query.unit ? { unit: query.unit, from: query.from, to: query.to } : { from: query.from, to: query.to };
}

/** The register (检查登记表) as XLSX for the same filter (the server applies the viewer's scope again). */
export function exportHref(filter: InspectionFilter): string {
  return `/export/inspections.xlsx?${new URLSearchParams({ filter: JSON.stringify(filter) }).toString()}`;
}
