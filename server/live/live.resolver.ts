import { Arg, Ctx, ID, Int, Resolver, Root, Subscription } from "type-graphql";
import { Board } from "../board/board.type.js";
import type { Context } from "../context.js";
import { FindingFilter } from "../findings/finding.inputs.js";
import { Finding } from "../findings/finding.type.js";
import { toFinding } from "../findings/findings.service.js";
import { AppError } from "../errors.js";
import type { JournalRow } from "../journal/journal.queries.js";
import { VetoWatch } from "../quality-reviews/veto-watch.type.js";
import { JournalEvent, JournalEventFilter, LedgerChange } from "./live.type.js";
import type { FindingChangedPayload, LedgerPayload } from "./sources.js";

/** Subscriptions are served by the live engine (server/live/engine.ts), never by graphql's own subscribe. */
const servedByEngine = () => {
  throw new AppError("BAD_USER_INPUT", "subscriptions are served over graphql-ws at /graphql");
};

@Resolver()
export class LiveResolver {
  @Subscription(() => JournalEvent, {
    subscribe: servedByEngine,
    description: "Every change the viewer may see, in seq order: first those after `since`, then live.",
  })
  journalEvents(
    @Root() row: JournalRow,
    @Arg("since", () => Int, { nullable: true, description: "Start after this seq (default: only new changes)." }) _since: number | null,
    @Arg("filter", () => JournalEventFilter, { nullable: true }) _filter: JournalEventFilter | null,
  ): JournalEvent {
    return JournalEvent.from(row);
  }

  @Subscription(() => Finding, { subscribe: servedByEngine, description: "The finding, each time it changes." })
  findingChanged(@Root() payload: FindingChangedPayload, @Arg("id", () => ID) _id: string, @Ctx() ctx: Context): Finding {
    return toFinding(payload.finding, ctx.clock.now());
  }

  @Subscription(() => LedgerChange, {
    subscribe: servedByEngine,
    description: "Findings matching a ledger filter as they change, including ones that leave it (matches: false).",
  })
  ledgerChanged(@Root() payload: LedgerPayload, @Arg("filter", () => FindingFilter, { nullable: true }) _filter: FindingFilter | null, @Ctx() ctx: Context): LedgerChange {
    return { seq: payload.seq, action: payload.action, matches: payload.matches, finding: toFinding(payload.finding, ctx.clock.now()) };
  }

  @Subscription(() => Board, {
    subscribe: servedByEngine,
    description: "A new board snapshot after a change the board shows (findings, inspections, quality reviews, accountability actions, published bulletins) in its scope, at most a few per second.",
  })
  boardChanged(@Root() board: Board, @Arg("unit", () => ID, { nullable: true }) _unit: string | null): Board {
    return board;
  }

  @Subscription(() => VetoWatch, {
    subscribe: servedByEngine,
    description: "一票否决: a fresh veto watch after a quality review of that year in its scope, at most a few per second.",
  })
  vetoWatchChanged(
    @Root() watch: VetoWatch,
    @Arg("year", () => Int, { description: "Calendar year (Asia/Shanghai), 2000–2100." }) _year: number,
    @Arg("unit", () => ID, { nullable: true, description: "Reviews of prosecutors in this unit's subtree; default all the viewer sees." }) _unit: string | null,
  ): VetoWatch {
    return watch;
  }
}
