import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, openDashboard, screenshot } from "./support/browser.js";
import { buildSmallTree, createPerson, createUnit, findingInput, MUTATIONS, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

/** 10:00 in Shanghai on 15 June 2026: the seeded deadlines fall on either side of it. */
const NOW = new Date("2026-06-15T02:00:00Z");
const CANVAS = "曝光台大屏";
const CREATE_TOKEN = "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }";

/** The number shown in a headline counter, e.g. counter(page, "在账问题") → "4". */
async function counter(page: Page, name: string): Promise<string> {
  return (await page.getByRole("group", { name, exact: true }).locator("strong").textContent()) ?? "";
}

/** The per-unit table's row for `unit`: its cells' text, in column order. */
async function unitRow(page: Page, unit: string): Promise<string[]> {
  const row = page.getByRole("table", { name: "各单位整改情况" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: unit, exact: true }) });
  return row.getByRole("cell").allTextContents();
}

describe.skipIf(!hasChromium)("wall board (曝光台大屏) in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: SmallTree;
  let cityToken: string;
  let basicToken: string;

  const record = async (overrides: Record<string, unknown>) => (await server.ok(RECORD_FINDING, { input: findingInput(tree, overrides) })).recordFinding.id as string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ now: NOW }), launchBrowser()]);
    tree = await buildSmallTree(server);
    // Basic office: open within deadline, overdue, in warning, verified this month.
    await record({ title: "起诉书未载明羁押情况", deadline: "2026-12-10" });
    const overdue = await record({ title: "超期未移送案卷", foundAt: "2026-05-20T02:00:00Z", deadline: "2026-06-01", caseRef: "测检刑诉〔2026〕8号" });
    await record({ title: "文书送达回证缺失", deadline: "2026-06-17" });
    const verified = await record({ title: "案件信息填录错误", foundAt: "2026-06-02T02:00:00Z", deadline: "2026-12-10" });
    await server.ok(MUTATIONS.startRectification, { input: { id: verified } });
    await server.ok(MUTATIONS.submitRectification, { input: { id: verified } });
    await server.ok(MUTATIONS.verifyRectification, { input: { id: verified, verifier: tree.supervisor } });
    // City case department: one overdue finding the basic office's board must not count.
    const cityHandler = await createPerson(server, { name: "赵市院", unit: tree.cityCaseDept, position: "PROSECUTOR" });
    const cityFinding = await record({ title: "市院流程超期", unit: tree.cityCaseDept, handler: cityHandler, foundAt: "2026-05-25T02:00:00Z", deadline: "2026-06-05" });

    await server.ok(MUTATIONS.recordAccountabilityAction, {
      input: { kind: "TALK", targetPerson: tree.handler, findings: [overdue], reason: "整改超期未落实", decidedOn: "2026-06-12" },
    });
    await server.ok(MUTATIONS.recordAccountabilityAction, {
      input: { kind: "ADMONISHMENT", targetPerson: cityHandler, findings: [cityFinding], reason: "市院事项屡催不改", decidedOn: "2026-06-13" },
    });
    const bulletin = await server.ok(MUTATIONS.createBulletin, {
      input: {
        kind: "PROCESS_MONITORING",
        title: "2026年6月流程监控检查情况通报",
        unit: tree.city,
        items: [{ kind: "CRITICISM", finding: overdue }, { kind: "HIGHLIGHT", text: "第一检察部案件信息录入规范及时" }],
      },
    });
    await server.ok(MUTATIONS.publishBulletin, { id: bulletin.createBulletin.id });

    // More offices than the unit table's box holds, so the city board's table has to scroll.
    for (let n = 2; n <= 13; n++) await createUnit(server, { code: `T-B${n}`, name: `测试第${n}区人民检察院`, kind: "OFFICE", level: "BASIC", parent: tree.city });

    const token = async (name: string, scopeUnit: string) =>
      (await server.ok(CREATE_TOKEN, { input: { kind: "DISPLAY", name, scopeUnit } })).createApiToken.secret as string;
    cityToken = await token("市院大厅大屏", tree.city);
    basicToken = await token("基层院走廊大屏", tree.basic);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("says so on the screen when opened without a session or with a bad token", async () => {
    const { page, context, pageErrors, offsite } = await openDashboard(browser, server, { viewport: { width: 1366, height: 768 } });
    await page.goto("/board");
    await page.getByRole("alert").getByText("此屏幕尚未授权").waitFor();
    await page.goto("/board?token=svd_not-a-real-token");
    await page.getByRole("alert").getByText("大屏令牌无效、已过期或已被撤销").waitFor();
    expect(new URL(page.url()).search).toBe("");
    expect(pageErrors).toEqual([]);
    expect(offsite).toEqual([]);
    await context.close();
  });

  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ]) {
    it(`exchanges the token, drops it from the URL and fits the canvas to ${viewport.width}×${viewport.height}`, async () => {
      const { page, context, pageErrors, offsite } = await openDashboard(browser, server, { viewport });
      await page.goto(`/board?token=${encodeURIComponent(cityToken)}`);
      await expect.poll(() => page.url()).toMatch(/\/board$/);

      await expect.poll(() => counter(page, "在账问题")).toBe("4");
      expect(await counter(page, "超期未整改")).toBe("2");
      expect(await counter(page, "临期预警")).toBe("1");
      expect(await counter(page, "本月销号")).toBe("1");
      expect(await counter(page, "整改率")).toBe("20.0%");
      // Inspection quotas this month and the veto watch, as the API counts them for the same scope.
      const { board } = await server.ok(`{ board { quota { complianceRate supervisors } veto { vetoed atRisk } } }`);
      expect(board.quota.supervisors).toBe(1);
      expect(await counter(page, "本月监管达标率")).toBe(`${(board.quota.complianceRate * 100).toFixed(0)}%`);
      await page.getByRole("group", { name: "本月监管达标率" }).getByText(`一票否决 ${board.veto.vetoed} 人 · 临界 ${board.veto.atRisk} 人`).waitFor();
      await page.getByRole("heading", { name: "曝光台", level: 1 }).waitFor();
      await page.getByText("测试市人民检察院", { exact: true }).first().waitFor();
      for (const flag of ["红旗", "黄旗", "黑旗"]) await page.getByRole("columnheader", { name: flag }).waitFor();
      // 单位 | 在账 超期 预警 | 红旗 黄旗 黑旗
      expect(await unitRow(page, "测试区人民检察院")).toEqual(["3", "1", "1", "1", "2", "1"]);
      expect(await unitRow(page, "案件管理部")).toEqual(["1", "1", "0", "0", "0", "1"]);
      // The worst first: both have one overdue; the office also has one in warning.
      const names = await page.getByRole("table", { name: "各单位整改情况" }).getByRole("rowheader").allTextContents();
      expect(names.slice(0, 3)).toEqual(["测试区人民检察院", "案件管理部", names[2]]);
      expect(names[2]).not.toMatch(/^(测试区人民检察院|案件管理部)$/);
      // The latest bulletin names unit, department, handler and case; the actions name their targets.
      const bulletin = page.getByRole("region", { name: "最新通报" });
      await bulletin.getByText("2026年6月流程监控检查情况通报").waitFor();
      for (const named of ["测试区人民检察院", "第一检察部", "李承办", "测检刑诉〔2026〕8号"]) await bulletin.getByText(named, { exact: true }).first().waitFor();
      const actions = page.getByRole("region", { name: "近期问责" });
      await actions.getByText("约谈", { exact: true }).waitFor();
      await actions.getByText("诫勉谈话", { exact: true }).waitFor();
      await page.getByRole("img", { name: "近12个月趋势" }).locator("canvas").first().waitFor();
      await page.getByRole("status", { name: "连接状态" }).getByText("实时").waitFor();

      await expectFitted(page, viewport);
      await screenshot(page, `board-${viewport.width}x${viewport.height}`);
      expect(offsite).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }

  it("rescales to a spliced wall and a small screen without distortion", async () => {
    const { page, context, pageErrors } = await openDashboard(browser, server, { viewport: { width: 5760, height: 2160 } });
    await page.goto(`/board?token=${encodeURIComponent(cityToken)}`);
    await expect.poll(() => counter(page, "在账问题")).not.toBe("");
    await expectFitted(page, { width: 5760, height: 2160 });
    await page.setViewportSize({ width: 1366, height: 768 });
    await expectFitted(page, { width: 1366, height: 768 });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("scrolls the unit table by itself when it is longer than its box", async () => {
    const { page, context } = await openDashboard(browser, server, { viewport: { width: 1920, height: 1080 } });
    await page.goto(`/board?token=${encodeURIComponent(cityToken)}`);
    const first = page.getByRole("table", { name: "各单位整改情况" }).getByRole("rowheader", { name: "测试区人民检察院", exact: true });
    await first.waitFor();
    const startY = (await first.boundingBox())!.y;
    await expect.poll(async () => (await first.boundingBox())!.y, { timeout: 5000 }).toBeLessThan(startY - 10);
    await context.close();
  });

  it("also opens for a signed-in user's session", async () => {
    const viewer = await signInAs(server, "VIEWER", tree.basic);
    const { page, context, pageErrors } = await openDashboard(browser, server, { as: viewer, viewport: { width: 1920, height: 1080 } });
    await page.goto("/board");
    await expect.poll(() => counter(page, "在账问题")).toBe("3");
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("shows a mutation made through the API within 2 seconds, without a reload", async () => {
    const { page, context, pageErrors } = await openDashboard(browser, server, { viewport: { width: 1920, height: 1080 } });
    await page.goto(`/board?token=${encodeURIComponent(cityToken)}`);
    await expect.poll(() => counter(page, "在账问题")).toBe("4");
    await expect.poll(() => server.app.engine.subscriberCount).toBe(1);

    await record({ title: "新登记的问题", deadline: "2026-12-10" });
    await expect.poll(() => counter(page, "在账问题"), { timeout: 2000, interval: 50 }).toBe("5");
    expect(await unitRow(page, "测试区人民检察院")).toEqual(["4", "1", "1", "1", "3", "1"]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("shows an offline banner while the server is down and recovers by itself after a restart", { timeout: 90_000 }, async () => {
    const { page, context } = await openDashboard(browser, server, { viewport: { width: 1920, height: 1080 } });
    await page.goto(`/board?token=${encodeURIComponent(cityToken)}`);
    await page.getByRole("status", { name: "连接状态" }).getByText("实时").waitFor();
    await expect.poll(() => counter(page, "在账问题")).not.toBe("");
    const open = Number(await counter(page, "在账问题"));

    await server.stopApp();
    const banner = page.getByRole("alert").filter({ hasText: "连接中断，数据可能已过时 · 正在重连…" });
    await banner.waitFor({ timeout: 15_000 });
    expect(await counter(page, "在账问题")).toBe(String(open));
    await screenshot(page, "board-offline");

    await server.restartApp();
    await record({ title: "重启后登记的问题", deadline: "2026-12-10" });
    await banner.waitFor({ state: "hidden", timeout: 45_000 });
    await expect.poll(() => counter(page, "在账问题"), { timeout: 10_000 }).toBe(String(open + 1));
    await page.getByRole("status", { name: "连接状态" }).getByText("实时").waitFor();
    await context.close();
  });

  it("at a basic office's token counts only that office's findings", async () => {
    const { page, context, pageErrors } = await openDashboard(browser, server, { viewport: { width: 1920, height: 1080 } });
    await page.goto(`/board?token=${encodeURIComponent(basicToken)}`);
    await page.getByText("测试区人民检察院", { exact: true }).first().waitFor();
    const basic = await server.ok(`{ board { open overdue inWarning } }`, {}, await signInAs(server, "VIEWER", tree.basic));
    await expect.poll(() => counter(page, "在账问题")).toBe(String(basic.board.open));
    expect(await counter(page, "超期未整改")).toBe(String(basic.board.overdue));
    expect(await counter(page, "超期未整改")).toBe("1");
    const rows = page.getByRole("table", { name: "各单位整改情况" }).getByRole("rowheader");
    expect(await rows.allTextContents()).toEqual(["第一检察部"]);
    const actions = page.getByRole("region", { name: "近期问责" });
    await actions.getByText("约谈", { exact: true }).waitFor();
    expect(await actions.getByText("赵市院").count()).toBe(0);
    expect(await page.getByText("案件管理部").count()).toBe(0);
    // One row fits its box: it stands still.
    expect(await page.getByRole("table", { name: "各单位整改情况" }).locator(".track").evaluate((track) => track.getAnimations().length)).toBe(0);
    await screenshot(page, "board-basic-1920x1080");
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

/** No scrollbars, and the 16:9 canvas fills the window's width or height, centred (letterbox around it). */
async function expectFitted(page: Page, viewport: { width: number; height: number }) {
  const canvas = page.getByRole("main", { name: CANVAS });
  const fill = async () => {
    const b = await canvas.boundingBox();
    return b ? Math.round(Math.max(b.width / viewport.width, b.height / viewport.height) * 1000) / 1000 : 0;
  };
  await expect.poll(fill).toBe(1);
  const box = (await canvas.boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(16 / 9, 3);
  expect(Math.abs(box.x - (viewport.width - box.width) / 2)).toBeLessThan(1);
  expect(Math.abs(box.y - (viewport.height - box.height) / 2)).toBeLessThan(1);
  const scroll = await page.evaluate<{ width: number; height: number }>("({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight })");
  expect(scroll.width).toBeLessThanOrEqual(viewport.width);
  expect(scroll.height).toBeLessThanOrEqual(viewport.height);
}
