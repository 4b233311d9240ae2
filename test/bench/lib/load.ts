import { Agent, request } from "node:http";

export interface HttpCall {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** The first error's text, if any. */
  firstError?: string;
  seconds: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
}

/** One HTTP request on a keep-alive agent; resolves with status and body text. */
export function send(agent: Agent, base: URL, call: HttpCall): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, method: call.method, path: call.path, headers: { ...call.headers, ...(call.body ? { "content-length": Buffer.byteLength(call.body) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(call.body);
  });
}

export interface LoadOptions {
  base: URL;
  concurrency: number;
  /** Measured seconds, after `warmupSeconds` that are not counted. */
  seconds: number;
  warmupSeconds: number;
  /** The i-th call; a worker's calls are sequential. */
  next: (worker: number, i: number) => HttpCall | Promise<HttpCall>;
  /** Throws when a response is wrong (an error in the body, say); counted as an error. */
  check: (status: number, body: string, worker: number) => void;
}

/**
 * A closed loop: `concurrency` workers each send one request at a time for the duration.
 * Latency is measured on the client from send to the last byte.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const measureFrom = start + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;
  let counter = 0;
  const worker = async (w: number) => {
    while (performance.now() < end) {
      const call = await options.next(w, counter++);
      const t0 = performance.now();
      let ok = true;
      try {
        const { status, body } = await send(agent, options.base, call);
        options.check(status, body, w);
      } catch (error) {
        ok = false;
        if (t0 >= measureFrom) errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      const t1 = performance.now();
      if (t0 >= measureFrom && t1 <= end && ok) latencies.push(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    firstError,
    seconds: options.seconds,
    throughput: latencies.length / options.seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
