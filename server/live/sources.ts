import { getBoard } from "../board/board.service.js";
import type { Board } from "../board/board.type.js";
import type { Context } from "../context.js";
import { AppError, notFound } from "../errors.js";
import type { FindingFilter } from "../findings/finding.inputs.js";
import type { FindingRow } from "../findings/finding.type.js";
import { findingConditions, ledgerMatch } from "../findings/findings.queries.js";
import { resolveFindingWhere } from "../findings/findings.service.js";
import type { JournalRow } from "../journal/journal.queries.js";
import { checkYear, getVetoWatch } from "../quality-reviews/veto-watch.service.js";
import type { VetoWatch } from "../quality-reviews/veto-watch.type.js";
import { parseId } from "../relay/global-id.js";
import { inJurisdiction, inScope } from "../scope.js";
import type { JournalEventFilter } from "./live.type.js";

export interface FindingChangedPayload {
  finding: FindingRow;
}
export interface LedgerPayload {
  seq: number;
  action: string;
  matches: boolean;
  finding: FindingRow;
}

/** What a live subscription receives: which rows concern it and the root value each becomes. */
export interface LiveSource {
  /** Send journal rows after this seq before going live (journalEvents with `since`). */
  backlogSince?: number;
  /** The root value for a row, or null when the row does not concern this subscription. */
  select(row: JournalRow, ctx: Context): Promise<unknown>;
  /** When set, selected rows only mark the subscription dirty; `snapshot` runs at most once per interval. */
  throttleMs?: number;
  snapshot?(ctx: Context): Promise<unknown>;
}

/** Board snapshots are coalesced to at most four a second per group of identical subscriptions. */
export const BOARD_THROTTLE_MS = 250;

async function visibleUnitPath(ctx: Context, field: string, globalId: string | null | undefined): Promise<string | undefined> {
  if (!globalId) return undefined;
  const unit = await ctx.loaders.unit.load(parseId(field, globalId, "Unit"));
  if (!unit) throw notFound("Unit", globalId);
  return unit.path;
}

/**
 * The source of each subscription field. Every select re-checks the subscriber's scope on the row
 * (the same scope function as queries) before anything is resolved.
 */
export async function sourceFor(field: string, args: Record<string, unknown>, ctx: Context): Promise<LiveSource> {
  switch (field) {
    case "journalEvents": {
      const filter = (args.filter ?? {}) as JournalEventFilter;
      const underPath = await visibleUnitPath(ctx, "filter.unit", filter.unit);
      const since = args.since as number | null | undefined;
      if (since != null && (!Number.isInteger(since) || since < 0)) throw new AppError("BAD_USER_INPUT", "since: must be a seq ≥ 0", { field: "since" });
      return {
        backlogSince: since ?? undefined,
        select: async (row, c) => {
          if (!inScope(row.unitPath, c.findingScope)) return null;
          if (filter.entity?.length && !filter.entity.includes(row.entity)) return null;
          if (filter.action?.length && !filter.action.includes(row.action)) return null;
          if (underPath && !row.unitPath?.startsWith(underPath)) return null;
          return row;
        },
      };
    }
    case "findingChanged": {
      const id = parseId("id", args.id as string, "Finding");
      if (!(await ctx.loaders.finding.load(id))) throw notFound("Finding", args.id as string);
      return {
        select: async (row, c) => {
          if (row.entity !== "Finding" || row.entityId !== String(id) || !inScope(row.unitPath, c.findingScope)) return null;
          const finding = await c.loaders.finding.load(id);
          return finding ? ({ finding } satisfies FindingChangedPayload) : null;
        },
      };
    }
    case "ledgerChanged": {
      const where = await resolveFindingWhere(ctx, (args.filter ?? {}) as FindingFilter);
      return {
        select: async (row, c) => {
          if (row.entity !== "Finding" || !inScope(row.unitPath, c.findingScope)) return null;
          const condition = findingConditions(c.findingScope, where, c.clock.now());
          const { was, is } = await ledgerMatch(c.db, condition, row.before, row.after);
          if (!was && !is) return null;
          const finding = await c.loaders.finding.load(Number(row.entityId));
          return finding ? ({ seq: row.seq, action: row.action, matches: is, finding } satisfies LedgerPayload) : null;
        },
      };
    }
    case "boardChanged": {
      const unit = args.unit as string | null | undefined;
      const underPath = await visibleUnitPath(ctx, "unit", unit);
      return {
        throttleMs: BOARD_THROTTLE_MS,
        // Findings move the counters, inspections the quota, quality reviews the veto count; actions and published bulletins change what the wall shows beside them.
        select: async (row, c) => {
          if (row.entity === "Bulletin") return row.action === "publishBulletin" && inJurisdiction(row.unitPath, c.scope) ? true : null;
          if (!["Finding", "AccountabilityAction", "Inspection", "QualityReview"].includes(row.entity)) return null;
          if (!inScope(row.unitPath, c.scope)) return null;
          return underPath && !row.unitPath?.startsWith(underPath) ? null : true;
        },
        snapshot: (c): Promise<Board> => getBoard(c, unit),
      };
    }
    case "vetoWatchChanged": {
      const year = args.year as number;
      checkYear(year);
      const unit = args.unit as string | null | undefined;
      const underPath = await visibleUnitPath(ctx, "unit", unit);
      const ofYear = (image: unknown) => (image as { reviewedOn?: string } | null)?.reviewedOn?.startsWith(`${year}-`) ?? false;
      return {
        throttleMs: BOARD_THROTTLE_MS,
        // Only quality reviews of the watched year move the counts.
        select: async (row, c) => {
          if (row.entity !== "QualityReview" || !inScope(row.unitPath, c.findingScope)) return null;
          if (!ofYear(row.after) && !ofYear(row.before)) return null;
          return underPath && !row.unitPath?.startsWith(underPath) ? null : true;
        },
        snapshot: (c): Promise<VetoWatch> => getVetoWatch(c, year, unit),
      };
    }
    default:
      throw new AppError("BAD_USER_INPUT", `${field} is not a live subscription`);
  }
}
