import {
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from "graphql";
import { createContext, type Context } from "../context.js";
import { journalAfter, type JournalRow } from "../journal/journal.queries.js";
import { log } from "../log.js";
import { AsyncQueue } from "./async-queue.js";
import type { LiveHub } from "./hub.js";
import { sourceFor, type LiveSource } from "./sources.js";

const BACKLOG_PAGE = 500;
const CACHE_ROWS = 256;
/** A subscriber this far behind is cut off rather than allowed to hold memory without bound. */
const MAX_QUEUED = 10_000;

/**
 * Serves subscriptions from the journal. Identical subscriptions (same operation, variables and
 * scope) form one group: each journal row is selected and executed once per group and the one
 * result goes to every member, so the cost of an event does not grow with identical subscribers.
 */
export class LiveEngine {
  private readonly groups = new Map<string, Promise<Group>>();
  private readonly live = new Set<Group>();
  /** Operations executed for events, for tests and benchmarks. */
  executions = 0;

  constructor(
    private readonly hub: LiveHub,
    private readonly schema: GraphQLSchema,
  ) {}

  get subscriberCount(): number {
    let n = 0;
    for (const g of this.live) n += g.members.size;
    return n;
  }

  /** Groups report when they start and end, for the subscriber count. */
  track(group: Group, alive: boolean): void {
    if (alive) this.live.add(group);
    else this.live.delete(group);
  }

  /** graphql-ws's `subscribe`: an async iterator of results, or a result with errors. */
  async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const ctx = args.contextValue as Context;
    const operation = getOperationAST(args.document, args.operationName);
    const fieldNode = operation?.selectionSet.selections[0];
    if (!operation || operation.operation !== "subscription" || fieldNode?.kind !== Kind.FIELD) {
      return { errors: [new GraphQLError("expected one subscription field")] };
    }
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], (args.variableValues ?? {}) as Record<string, unknown>);
    if (coerced.errors) return { errors: coerced.errors };
    const fieldDef = this.schema.getSubscriptionType()?.getFields()[fieldNode.name.value];
    if (!fieldDef) return { errors: [new GraphQLError(`unknown subscription ${fieldNode.name.value}`)] };
    const fieldArgs = getArgumentValues(fieldDef, fieldNode, coerced.coerced);

    const key = JSON.stringify([print(args.document), args.operationName ?? null, args.variableValues ?? {}, scopeKey(ctx)]);
    // The map holds the group's promise at once, so identical subscriptions arriving together share one group.
    let pending = this.groups.get(key);
    if (pending && (await pending.catch(() => null))?.closed) pending = undefined;
    if (!pending) {
      const created: Promise<Group> = sourceFor(fieldDef.name, fieldArgs, ctx).then(
        (source) => new Group(this, this.schema, args, ctx, source, () => this.groups.get(key) === created && this.groups.delete(key)),
      );
      pending = created;
      this.groups.set(key, pending);
      pending.catch(() => this.groups.delete(key));
    }
    let group: Group;
    try {
      group = await pending;
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      throw error;
    }
    return group.join(ctx);
  }

  /** Called by groups for each row handed out by the hub. */
  hubSeq(): number {
    return this.hub.seq;
  }

  subscribeHub(listener: (row: JournalRow) => void): () => void {
    return this.hub.subscribe(listener);
  }
}

/** Same scope, same permissions, same answers: the part of a viewer that decides what they see. */
function scopeKey(ctx: Context): string {
  const v = ctx.viewer;
  const who = v.kind === "USER" ? `USER:${v.role}` : v.kind === "TOKEN" ? `TOKEN:${v.tokenKind}:${v.canWrite}` : v.kind;
  return JSON.stringify([who, ctx.scope, ctx.findingScope]);
}

class Group {
  readonly members = new Set<Subscriber>();
  /** Set once the last member left; a closed group takes no one new. */
  closed = false;
  private readonly cache = new Map<number, Promise<ExecutionResult | null>>();
  private readonly unsubscribeHub: () => void;
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private lastSnapshot = 0;

  constructor(
    private readonly engine: LiveEngine,
    private readonly schema: GraphQLSchema,
    private readonly args: ExecutionArgs,
    private readonly base: Context,
    readonly source: LiveSource,
    private readonly onEmpty: () => void,
  ) {
    this.unsubscribeHub = engine.subscribeHub((row) => {
      for (const member of this.members) member.enqueue(row);
    });
    engine.track(this, true);
  }

  /** A fresh context (fresh DataLoaders) with the group's scope, for one event. */
  freshContext(): Context {
    const { db, keyed, viewer, scope, findingScope, clock, requestId, actor } = this.base;
    return createContext({ db, keyed, viewer, scope, findingScope, clock, requestId, actor });
  }

  join(ctx: Context): AsyncIterableIterator<ExecutionResult> {
    const member = new Subscriber(this, this.source.backlogSince ?? this.engine.hubSeq(), () => this.leave(member));
    this.members.add(member);
    if (this.source.backlogSince !== undefined) member.loadBacklog(ctx);
    return member.queue;
  }

  private leave(member: Subscriber): void {
    this.members.delete(member);
    if (this.members.size > 0) return;
    this.closed = true;
    this.unsubscribeHub();
    if (this.timer) clearTimeout(this.timer);
    this.engine.track(this, false);
    this.onEmpty();
  }

  /** The result this row produces for the group, computed once and shared by every member. */
  resultFor(row: JournalRow): Promise<ExecutionResult | null> {
    let result = this.cache.get(row.seq);
    if (!result) {
      result = this.compute(row);
      this.cache.set(row.seq, result);
      if (this.cache.size > CACHE_ROWS) this.cache.delete(this.cache.keys().next().value!);
    }
    return result;
  }

  private async compute(row: JournalRow): Promise<ExecutionResult | null> {
    const ctx = this.freshContext();
    const payload = await this.source.select(row, ctx);
    if (payload === null || payload === undefined) return null;
    if (this.source.throttleMs !== undefined) {
      this.markDirty();
      return null;
    }
    return this.run(payload, ctx);
  }

  private async run(rootValue: unknown, contextValue: Context): Promise<ExecutionResult> {
    this.engine.executions++;
    return execute({ ...this.args, rootValue, contextValue });
  }

  /** Throttled sources: one snapshot per interval for the whole group, after the last change. */
  private markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastSnapshot + (this.source.throttleMs ?? 0) - Date.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (!this.dirty || this.members.size === 0) return;
    this.dirty = false;
    this.lastSnapshot = Date.now();
    try {
      const ctx = this.freshContext();
      const result = await this.run(await this.source.snapshot!(ctx), ctx);
      for (const member of this.members) member.queue.push(result);
    } catch (error) {
      log.error("live snapshot failed", { error: String(error) });
    }
  }
}

/** One client's subscription: rows in seq order, each at most once. */
class Subscriber {
  readonly queue: AsyncQueue<ExecutionResult>;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly group: Group,
    private lastSeq: number,
    onEnd: () => void,
  ) {
    this.queue = new AsyncQueue(onEnd);
  }

  enqueue(row: JournalRow): void {
    this.chain = this.chain.then(() => this.handle(row));
  }

  /** Rows after `since` from the journal itself, scoped; live rows queue up behind them. */
  loadBacklog(ctx: Context): void {
    this.chain = this.chain.then(async () => {
      let cursor = this.lastSeq;
      for (;;) {
        const rows = await journalAfter(ctx.db, cursor, BACKLOG_PAGE, ctx.findingScope);
        for (const row of rows) {
          cursor = row.seq;
          await this.handle(row);
        }
        if (rows.length < BACKLOG_PAGE) return;
      }
    });
  }

  private async handle(row: JournalRow): Promise<void> {
    if (row.seq <= this.lastSeq) return;
    this.lastSeq = row.seq;
    try {
      const result = await this.group.resultFor(row);
      if (result) this.queue.push(result);
      if (this.queue.size > MAX_QUEUED) this.queue.end();
    } catch (error) {
      log.error("live event failed", { seq: row.seq, error: String(error) });
      this.queue.push({ errors: [new GraphQLError("internal error")] });
    }
  }
}
