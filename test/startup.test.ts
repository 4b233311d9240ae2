import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectPath } from "../db/paths.js";

const run = promisify(execFile);

/** Runs the built server (npm test builds first) and returns how it ended. */
async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [projectPath("dist/server/main.js")], { env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("npm start with a bad database", () => {
  it.each([
    ["an unreachable server", "postgres://postgres@127.0.0.1:1/x", /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/x/],
    ["a URL that is not postgres://", "mysql://root@localhost/x", /DATABASE_URL must start with postgres:\/\//],
    ["garbage", "postgres://%%%", /DATABASE_URL is not a valid postgres:\/\/ URL|cannot connect/],
  ])("exits non-zero with one clear line for %s", async (_name, url, message) => {
    const { code, stderr } = await start({ DATABASE_URL: url, PORT: "0" });
    expect(code).not.toBe(0);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start: /);
    expect(lines[0]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
