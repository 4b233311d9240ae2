import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallTree, findingInput, RECORD_FINDING } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: new Date("2026-11-23T02:00:00Z") });
});
afterAll(() => server?.close());

describe("smoke", () => {
  it("records a finding", async () => {
    const tree = await buildSmallTree(server);
    const data = await server.ok(RECORD_FINDING, { input: findingInput(tree) });
    expect(data.recordFinding.status).toBe("OPEN");
    expect(data.recordFinding.flag).toBe("YELLOW");
  });
});
