import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSmallTree, createUnit, dataSnapshot, findingInput, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";
import { downloadXlsx } from "./support/xlsx.js";

let server: TestServer;
let tree: SmallTree;
let otherDept: string;
let head: Credentials;

/** GETs the ledger export as `as`. */
const exportLedger = (as: Credentials, params: Record<string, unknown> = {}) => downloadXlsx(server, "/export/findings.xlsx", as, params);

beforeAll(async () => {
  // 16:30 UTC is 00:30 the next day in Shanghai: the sheet must show the Shanghai date.
  server = await startTestServer({ now: new Date("2026-03-01T16:30:00Z") });
  tree = await buildSmallTree(server);
  otherDept = await createUnit(server, { code: "T-CITY-GS", name: "第二检察部", kind: "DEPARTMENT", level: "CITY", category: "BUSINESS", parent: tree.city });
  await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: "起诉书未载明羁押情况", deadline: "2026-03-20" }) });
  await server.ok(RECORD_FINDING, { input: findingInput(tree, { title: "送达回证缺失", category: "CASE_PROCEDURE", deadline: "2026-03-25" }) });
  await server.ok(RECORD_FINDING, { input: findingInput({ ...tree, basicProsecution: otherDept, handler: null as unknown as string }, { title: "市院部门的问题", handler: null }) });
  head = await signInAs(server, "UNIT_HEAD", tree.basic);
});
afterAll(() => server?.close());

describe("ledger export (GET /export/findings.xlsx)", () => {
  it("refuses a signed-out request with 401 UNAUTHENTICATED", async () => {
    const res = await exportLedger({});
    expect(res.status).toBe(401);
    expect(res.body?.errors[0]?.extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a display token with 403 FORBIDDEN", async () => {
    const { createApiToken } = await server.ok(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }`, {
      input: { kind: "DISPLAY", name: "wall", scopeUnit: tree.city },
    });
    const res = await exportLedger({ bearer: createApiToken.secret });
    expect(res.status).toBe(403);
    expect(res.body?.errors[0]?.extensions.code).toBe("FORBIDDEN");
  });

  it("answers a malformed or invalid filter with 400 BAD_USER_INPUT naming it, and changes nothing", async () => {
    const before = await dataSnapshot(server);
    const notJson = await exportLedger({ cookie: server.adminCookie }, { filter: "{status:" });
    expect(notJson.status).toBe(400);
    expect(notJson.body?.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter" });
    const badEnum = await exportLedger({ cookie: server.adminCookie }, { filter: { status: ["LOST"] } });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body?.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter" });
    const badOrder = await exportLedger({ cookie: server.adminCookie }, { orderBy: { field: "NAME" } });
    expect(badOrder.body?.errors[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "orderBy" });
    for (const res of [notJson, badEnum, badOrder]) expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|select |node_modules/i);
    expect(await dataSnapshot(server)).toEqual(before);
  });

  it("writes Chinese headers, Chinese enum words and Asia/Shanghai dates, in the ledger's order", async () => {
    const res = await exportLedger({ cookie: server.adminCookie }, { orderBy: { field: "DEADLINE", direction: "ASC" } });
    expect(res.status).toBe(200);
    expect(res.sheetName).toBe("整改台账");
    expect(res.disposition).toContain("attachment");
    const [header, ...rows] = res.rows;
    expect(header).toEqual(["问题编号", "单位", "部门", "承办人", "案件", "问题", "具体表现", "问题类别", "严重程度", "问题来源", "整改类别", "整改状态", "旗帜", "整改时限", "发现时间", "发现人", "销号时间"]);
    expect(rows.map((r) => r[5])).toEqual(["起诉书未载明羁押情况", "送达回证缺失", "市院部门的问题"]);
    const first = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(first).toMatchObject({
      单位: "测试区人民检察院",
      部门: "第一检察部",
      承办人: "李承办",
      问题类别: "法律文书",
      严重程度: "瑕疵",
      整改状态: "待整改",
      旗帜: "黄旗",
      整改时限: "2026-03-20",
      发现时间: "2026-03-02 00:30",
      发现人: "周监管",
    });
  });

  it("exports only the filter's findings", async () => {
    const res = await exportLedger({ cookie: server.adminCookie }, { filter: { category: ["CASE_PROCEDURE"] } });
    expect(res.rows.slice(1).map((r) => r[5])).toEqual(["送达回证缺失"]);
  });

  it("gives a unit head only their subtree, whatever the filter asks", async () => {
    const all = await exportLedger(head);
    expect(all.rows.slice(1).map((r) => r[5]).sort()).toEqual(["起诉书未载明羁押情况", "送达回证缺失"].sort());
    const outside = await exportLedger(head, { filter: { unit: otherDept } });
    expect(outside.status).toBe(404);
    expect(outside.body?.errors[0]?.extensions.code).toBe("NOT_FOUND");
  });
});
