import { enumLabels } from "../../../schema/labels";
import type { QualityReviewFilter, QualityReviewMode, QualityReviewResult } from "../gql/graphql";
import { shanghaiToday } from "../lib/i18n.svelte";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The quality-review page's state as it lives in the URL query; "" means not filtered. */
export interface ReviewsQuery {
  /** Year of the veto watch (Asia/Shanghai). */
  year: number;
  unit: string;
  mode: QualityReviewMode | "";
  result: QualityReviewResult | "";
  from: string;
  to: string;
}

export const MODES = Object.keys(enumLabels.QualityReviewMode) as QualityReviewMode[];
export const RESULTS = Object.keys(enumLabels.QualityReviewResult) as QualityReviewResult[];

/** The current year in Asia/Shanghai. */
export const currentYear = (today = shanghaiToday()) => Number(today.slice(0, 4));

/** Reads the page state from URL parameters; anything malformed falls back to "not filtered" (or this year). */
export function readReviewsQuery(params: URLSearchParams, today = shanghaiToday()): ReviewsQuery {
  const year = Number(params.get("year"));
  const day = (name: string) => {
    const value = params.get(name) ?? "";
    return DAY.test(value) ? value : "";
  };
  const oneOf = <T extends string>(values: readonly T[], value: string | null): T | "" => (values.includes(value as T) ? (value as T) : "");
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentYear(today),
    unit: params.get("unit") ?? "",
    mode: oneOf(MODES, params.get("mode")),
    result: oneOf(RESULTS, params.get("result")),
    from: day("from"),
    to: day("to"),
  };
}

/** The page URL for a state; the current year and empty filters are left out. */
export function reviewsHref(query: ReviewsQuery, today = shanghaiToday()): string {
  const params = new URLSearchParams();
  if (query.year !== currentYear(today)) params.set("year", String(query.year));
  for (const name of ["unit", "mode", "result", "from", "to"] as const) if (query[name]) params.set(name, query[name]);
  const search = params.toString();
  return search ? `/reviews?${search}` : "/reviews";
}

/** The register's API filter for a state (the year belongs to the veto watch only). */
export function toFilter(query: ReviewsQuery): QualityReviewFilter {
  const filter: QualityReviewFilter = {};
  if (query.unit) filter.unit = query.unit;
  if (query.mode) filter.mode = query.mode;
  if (query.result) filter.result = query.result;
  if (query.from) filter.from = query.from;
  if (query.to) filter.to = query.to;
  return filter;
}
