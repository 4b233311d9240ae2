import { monitorEventLoopDelay } from "node:perf_hooks";
import type { RequestHandler } from "express";
import type { Database } from "../db/client.js";
import type { LiveEngine } from "./live/engine.js";

/**
 * `GET /metrics` (Prometheus text format) when METRICS=on: SQL statements sent, process CPU and
 * memory, event-loop delay and live subscribers. It holds no unit data, only totals; off by
 * default, since an operator should decide who may scrape it. `npm run bench` reads it to count
 * statements and CPU per request.
 */
export function metricsHandler(database: Database, engine: LiveEngine): RequestHandler {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return (_req, res) => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const lines = [
      ["sv_sql_statements_total", database.statements.count, "counter", "SQL statements sent through drizzle."],
      ["sv_process_cpu_seconds_total", (cpu.user + cpu.system) / 1e6, "counter", "User and system CPU time of this process."],
      ["sv_process_resident_memory_bytes", memory.rss, "gauge", "Resident set size."],
      ["sv_event_loop_delay_p99_seconds", loop.percentile(99) / 1e9, "gauge", "Event-loop delay, 99th percentile since the last reset."],
      ["sv_event_loop_delay_max_seconds", loop.max / 1e9, "gauge", "Event-loop delay, maximum since the last reset."],
      ["sv_live_subscribers", engine.subscriberCount, "gauge", "Live subscriptions on this node."],
    ] as const;
    if (_req.query.reset !== undefined) loop.reset();
    res.type("text/plain; version=0.0.4").send(lines.map(([name, value, type, help]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`).join(""));
  };
}
