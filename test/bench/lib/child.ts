import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export interface Service {
  name: string;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Pin the process to this CPU (taskset), so its CPU time is one core's. */
  cpu?: number;
  /** A line of output that says it is ready; its first group is the URL. */
  ready: RegExp;
  timeoutMs?: number;
}

/** Starts a server process and waits for its ready line; errors carry its last output. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const [command, args] = options.cpu === undefined ? [options.command, options.args] : ["taskset", ["-c", String(options.cpu), options.command, ...options.args]];
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${options.name} did not start in ${(options.timeoutMs ?? 120_000) / 1000} s`)), options.timeoutMs ?? 120_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${error.message}\n${output.split("\n").slice(-15).join("\n")}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? "");
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => fail(new Error(`${options.name} exited with ${code}`)));
    child.once("error", fail);
  });
  child.removeAllListeners("exit");
  // Keep draining output so a chatty child never blocks on a full pipe.
  child.stdout!.on("data", () => {});
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  return { name: options.name, pid: child.pid!, url, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** CPU seconds (user + system) and resident memory of a process, from /proc (Linux). */
export function processStats(pid: number): { cpuSeconds: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at ")"; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / CLOCK_TICKS, rssBytes: rssKb * 1024 };
}

/** USER_HZ is 100 on every Linux the bench runs on. */
const CLOCK_TICKS = 100;

