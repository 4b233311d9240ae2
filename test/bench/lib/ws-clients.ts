/**
 * Many graphql-ws subscribers for the live benchmark, spread over worker threads. Each socket
 * speaks graphql-transport-ws directly on `ws` (init → ack → one subscribe), which costs the
 * client less per socket than a full graphql-ws client. A worker records every delivery as
 * (subscription, seq, receive time) in flat arrays and hands them over when asked.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import WebSocket from "ws";

/** One subscription on its own socket. */
export interface SubscriptionSpec {
  query: string;
  variables: Record<string, unknown>;
}

/** What a pool collected since the last `collect`; `seq` is -1 for payloads without one (boards). */
export interface Deliveries {
  sub: number[];
  seq: number[];
  at: number[];
}

export interface ClientStats {
  /** Sockets that got connection_ack and sent their subscribe. */
  open: number;
  /** Sockets that failed to connect or were refused. */
  failed: number;
  /** Sockets closed by the server after they were open (dropped subscriptions). */
  dropped: number;
  /** `error` messages and payloads with `errors`. */
  errors: number;
  firstError?: string;
  /** Client event-loop delay since the last collect, per worker, in ms. */
  lagP99Ms: number[];
  lagMaxMs: number[];
}

type Request =
  | { type: "open"; url: string; token: string; first: number; specs: SubscriptionSpec[]; parallel: number }
  | { type: "collect" }
  | { type: "close" };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across threads and with the server's Date. */
export const wallNow = () => performance.timeOrigin + performance.now();

/** Main-thread handle on a set of worker threads that hold the sockets. */
export class ClientPool {
  private readonly workers: Worker[];

  constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url)));
  }

  /** Opens one socket per spec (spec i is subscription i); worker w holds one contiguous block. */
  async open(url: string, token: string, specs: SubscriptionSpec[], parallel = 100): Promise<ClientStats> {
    const block = Math.ceil(specs.length / this.workers.length);
    const lanes = Math.max(1, Math.floor(parallel / this.workers.length));
    const replies = this.workers.map((worker, w) =>
      ask<ClientStats>(worker, { type: "open", url, token, first: w * block, specs: specs.slice(w * block, (w + 1) * block), parallel: lanes }),
    );
    return merge(await Promise.all(replies));
  }

  /** Deliveries and stats since the last collect, from every worker. */
  async collect(): Promise<{ deliveries: Deliveries; stats: ClientStats }> {
    const replies = await Promise.all(this.workers.map((worker) => ask<{ deliveries: Deliveries; stats: ClientStats }>(worker, { type: "collect" })));
    const deliveries: Deliveries = { sub: [], seq: [], at: [] };
    for (const r of replies) {
      for (let i = 0; i < r.deliveries.sub.length; i++) {
        deliveries.sub.push(r.deliveries.sub[i]!);
        deliveries.seq.push(r.deliveries.seq[i]!);
        deliveries.at.push(r.deliveries.at[i]!);
      }
    }
    return { deliveries, stats: merge(replies.map((r) => r.stats)) };
  }

  /** Closes every socket and ends the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => ask(worker, { type: "close" })));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** One request, one reply: a worker answers its requests in order. */
function ask<T>(worker: Worker, request: Request): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (value: T) => {
      worker.off("error", onError);
      resolve(value);
    };
    const onError = (error: Error) => {
      worker.off("message", onMessage);
      reject(error);
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    worker.postMessage(request);
  });
}

function merge(stats: ClientStats[]): ClientStats {
  const sum = (key: "open" | "failed" | "dropped" | "errors") => stats.reduce((n, s) => n + s[key], 0);
  return {
    open: sum("open"),
    failed: sum("failed"),
    dropped: sum("dropped"),
    errors: sum("errors"),
    firstError: stats.find((s) => s.firstError)?.firstError,
    lagP99Ms: stats.flatMap((s) => s.lagP99Ms),
    lagMaxMs: stats.flatMap((s) => s.lagMaxMs),
  };
}

/** The worker side: holds sockets, records deliveries. */
class Holder {
  private readonly sockets: WebSocket[] = [];
  private deliveries: Deliveries = { sub: [], seq: [], at: [] };
  private readonly stats = { open: 0, failed: 0, dropped: 0, errors: 0, firstError: undefined as string | undefined };
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });
  private closing = false;

  constructor() {
    this.loop.enable();
  }

  /** Opens sockets `parallel` at a time, so the server's accept queue is never flooded. */
  async open(url: string, token: string, first: number, specs: SubscriptionSpec[], parallel: number): Promise<ClientStats> {
    let next = 0;
    const lane = async () => {
      while (next < specs.length) {
        const i = next++;
        await this.connect(url, token, first + i, specs[i]!);
      }
    };
    await Promise.all(Array.from({ length: parallel }, lane));
    return this.snapshot();
  }

  /** Resolves once the subscribe is sent (or the socket failed); deliveries are recorded from then on. */
  private connect(url: string, token: string, sub: number, spec: SubscriptionSpec): Promise<void> {
    return new Promise((resolve) => {
      const socket = new WebSocket(url, "graphql-transport-ws", { perMessageDeflate: false });
      let acked = false;
      let ended = false;
      // "error" is followed by "close": count the socket's end once.
      const fail = (reason: string) => {
        if (ended) return;
        ended = true;
        if (acked) {
          if (!this.closing) this.stats.dropped++;
        } else this.stats.failed++;
        this.stats.firstError ??= reason;
        resolve();
      };
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
      socket.on("message", (data: Buffer) => {
        const received = wallNow();
        const message = JSON.parse(data.toString()) as { type: string; payload?: { data?: Record<string, { seq?: number } | null>; errors?: unknown[] } | unknown[] };
        if (message.type === "connection_ack") {
          acked = true;
          this.stats.open++;
          socket.send(JSON.stringify({ type: "subscribe", id: "1", payload: { query: spec.query, variables: spec.variables } }));
          resolve();
        } else if (message.type === "next") this.record(sub, received, message.payload as { data?: Record<string, { seq?: number } | null>; errors?: unknown[] });
        else if (message.type === "error") this.error(JSON.stringify(message.payload).slice(0, 300));
        else if (message.type === "ping") socket.send(JSON.stringify({ type: "pong" }));
      });
      socket.on("close", (code, reason) => fail(`socket closed ${code} ${reason.toString()}`));
      socket.on("error", (error) => fail(error.message));
      this.sockets.push(socket);
    });
  }

  private record(sub: number, received: number, payload: { data?: Record<string, { seq?: number } | null>; errors?: unknown[] }): void {
    if (payload.errors?.length) return this.error(JSON.stringify(payload.errors).slice(0, 300));
    const value = payload.data ? Object.values(payload.data)[0] : undefined;
    this.deliveries.sub.push(sub);
    this.deliveries.seq.push(typeof value?.seq === "number" ? value.seq : -1);
    this.deliveries.at.push(received);
  }

  private error(text: string): void {
    this.stats.errors++;
    this.stats.firstError ??= text;
  }

  /** Hands over what was recorded and starts afresh (deliveries and loop delay). */
  collect(): { deliveries: Deliveries; stats: ClientStats } {
    const deliveries = this.deliveries;
    this.deliveries = { sub: [], seq: [], at: [] };
    const stats = this.snapshot();
    this.loop.reset();
    return { deliveries, stats };
  }

  private snapshot(): ClientStats {
    return { ...this.stats, lagP99Ms: [this.loop.percentile(99) / 1e6], lagMaxMs: [this.loop.max / 1e6] };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once("close", () => resolve());
            socket.close(1000);
            setTimeout(() => (socket.terminate(), resolve()), 5000).unref();
          }),
      ),
    );
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const holder = new Holder();
  port.on("message", (request: Request) => {
    const reply =
      request.type === "open" ? holder.open(request.url, request.token, request.first, request.specs, request.parallel)
      : request.type === "collect" ? Promise.resolve(holder.collect())
      : holder.close().then(() => ({}));
    void reply.then((value) => port.postMessage(value));
  });
}
