import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, openDashboard, screenshot, type DashboardPage } from "./support/browser.js";
import { createPerson, createUnit, findingInput, RECORD_FINDING, signInAs } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";

/** Friday 20 Nov 2026, 10:00 in Asia/Shanghai. */
const NOW = new Date("2026-11-20T02:00:00Z");

const planTable = (page: Page) => page.getByRole("table", { name: "各单位抽样频次" });
const planRow = (page: Page, name: string) => planTable(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

describe.skipIf(!hasChromium)("special sampling assessment (特别抽样评估) in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let supervisor: Credentials;
  let otherHead: Credentials;
  let city = "";
  let basicDept = "";
  let handler = "";
  let finder = "";
  const opened: DashboardPage[] = [];

  async function open(as: Credentials, path: string): Promise<DashboardPage> {
    const dash = await openDashboard(browser, server, { as });
    opened.push(dash);
    await dash.context.clock.setFixedTime(NOW);
    await dash.page.goto(path);
    return dash;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ now: NOW }), launchBrowser()]);
    const unit = (input: Record<string, unknown>) => createUnit(server, input);
    city = await unit({ code: "BS-CITY", name: "云岭市人民检察院", kind: "OFFICE", level: "CITY" });
    const dept = (code: string, name: string, category: string, businessLine: string | null, parent: string, level = "CITY") =>
      unit({ code, name, kind: "DEPARTMENT", level, category, businessLine, parent });
    const caseDept = await dept("BS-CITY-AG", "市院案件管理部", "BUSINESS", "公诉", city);
    await dept("BS-CITY-GS", "市院第一检察部", "BUSINESS", "公诉", city);
    await dept("BS-CITY-BGS", "市院办公室", "COMPREHENSIVE", null, city);
    const basic = await unit({ code: "BS-B1", name: "青石区人民检察院", kind: "OFFICE", level: "BASIC", parent: city });
    basicDept = await dept("BS-B1-GS", "青石第一检察部", "BUSINESS", "公诉", basic, "BASIC");
    const other = await unit({ code: "BS-B2", name: "白沙区人民检察院", kind: "OFFICE", level: "BASIC", parent: city });
    await dept("BS-B2-GS", "白沙第一检察部", "BUSINESS", "公诉", other, "BASIC");
    handler = await createPerson(server, { name: "柳承办", unit: basicDept, position: "PROSECUTOR" });
    finder = await createPerson(server, { name: "韩监管", unit: caseDept, position: "PROSECUTOR", supervisorKind: "CASE_MANAGEMENT" });
    supervisor = await signInAs(server, "SUPERVISOR", city);
    otherHead = await signInAs(server, "UNIT_HEAD", other);
  });

  afterAll(async () => {
    for (const d of opened) await d.context.close();
    await browser?.close();
    await server?.close();
  });

  it("shows the year's quotas and warns with the numbers when the configured rounds cannot meet them", async () => {
    const { page, offsite, pageErrors } = await open(supervisor, "/sampling?year=2026");
    await expect.poll(() => planRow(page, "青石区人民检察院").count()).toBe(1);
    await page.getByRole("status").filter({ hasText: "按现有轮次可以完成全部抽样频次" }).waitFor();
    await expect.poll(() => planRow(page, "青石区人民检察院").innerText()).toMatch(/基层院\s+3\s+0\s+3\s+可完成/);

    // Four rounds hold only 4 basic-office draws for 2 offices × 3 = 6.
    await page.getByLabel("全年轮次").fill("4");
    await page.getByLabel("全年轮次").dispatchEvent("change");
    const warning = page.getByRole("alert").filter({ hasText: "按现有轮次无法完成全部抽样频次" });
    await warning.waitFor();
    expect(await warning.innerText()).toContain("基层院：2 个 × 3 次 = 6 次，已完成 0 次；剩余轮次可抽 4 次（每轮 1 个），尚需 6 次，缺 2 次。");
    await expect.poll(() => planRow(page, "白沙区人民检察院").innerText()).toContain("缺 1 次");
    await screenshot(page, "sampling-infeasible");
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("draws a round with a chosen seed and shows the stored seed, algorithm and picks", async () => {
    const { page, pageErrors } = await open(supervisor, "/sampling?year=2026");
    const form = page.getByRole("form", { name: "抽取本轮" });
    await form.getByLabel("随机种子（可选）").fill("bad seed");
    await form.getByRole("button", { name: "抽取" }).click();
    await expect.poll(() => form.getByRole("alert").count()).toBe(1);
    expect(((await server.database.exec("select count(*)::int as n from sampling_rounds")) as [{ n: number }])[0].n).toBe(0);

    await form.getByLabel("随机种子（可选）").fill("yunling-2026-1");
    await form.getByRole("button", { name: "抽取" }).click();
    await page.getByRole("status").filter({ hasText: "已抽取2026年第1轮：种子 yunling-2026-1，算法 sv-sampling/1" }).waitFor();
    const card = page.getByRole("article", { name: "2026年第1轮" });
    await card.waitFor();
    expect(await card.innerText()).toContain("种子 yunling-2026-1");
    await expect.poll(() => card.getByRole("row").count()).toBe(1 + 5);
    for (const name of ["市院案件管理部", "市院第一检察部", "市院办公室"]) await card.getByRole("rowheader", { name, exact: true }).waitFor();
    // Anyone who sees the office can re-draw from the stored seed and get the stored picks.
    await card.getByRole("button", { name: "按种子复核" }).click();
    await card.getByRole("status").filter({ hasText: "复核一致" }).waitFor();
    // The plan counts the round at once.
    await expect.poll(() => page.getByText("已抽 1 轮，剩余 5 轮（共 6 轮）").count()).toBe(1);
    await expect.poll(() => page.getByLabel("轮次", { exact: true }).inputValue()).toBe("2");
    expect(pageErrors).toEqual([]);
  });

  it("compares a later round with the earlier one, problem by problem", async () => {
    const { page } = await open(supervisor, "/sampling?year=2026");
    const form = page.getByRole("form", { name: "抽取本轮" });
    await expect.poll(() => form.getByLabel("轮次", { exact: true }).inputValue()).toBe("2");
    await form.getByLabel("对照轮次（可选）").selectOption({ label: "2026年第1轮" });
    await form.getByRole("button", { name: "抽取" }).click();
    await page.getByRole("article", { name: "2026年第2轮" }).getByText("对照第1轮").waitFor();

    // A problem found in whichever round drew 青石区.
    const rounds = await server.ok<{ samplingRounds: { edges: { node: { id: string; round: number; picks: { unit: { name: string } }[] } }[] } }>(
      `{ samplingRounds(first: 10) { edges { node { id round picks { unit { name } } } } } }`,
    );
    const drewQingshi = rounds.samplingRounds.edges.map((e) => e.node).find((r) => r.picks.some((p) => p.unit.name === "青石区人民检察院"))!;
    const finding = await server.ok<{ recordFinding: { code: string } }>(RECORD_FINDING, {
      input: findingInput({ basicProsecution: basicDept, handler, supervisor: finder }, { source: "SAMPLING", samplingRound: drewQingshi.id, title: "量刑建议书未附计算说明", deadline: "2026-12-20" }),
    });

    await page.reload();
    const compare = page.getByRole("form", { name: "两次评估互相对照" });
    await compare.getByLabel("前一轮").selectOption({ label: `2026年第${drewQingshi.round}轮` });
    await compare.getByLabel("后一轮").selectOption({ label: `2026年第${drewQingshi.round === 1 ? 2 : 1}轮` });
    await compare.getByRole("button", { name: "对照" }).click();
    const table = page.getByRole("table", { name: "两次评估互相对照" });
    const row = table.getByRole("row").filter({ hasText: finding.recordFinding.code });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/待整改\s+未解决\s+否/);
    await page.getByRole("status").filter({ hasText: "未销号 1 个" }).waitFor();
    await screenshot(page, "sampling-compare");
  });

  it("shows a basic office's head no draw form and only the rounds that drew their office", async () => {
    const { page, pageErrors } = await open(otherHead, "/sampling?year=2026");
    await page.getByRole("heading", { name: "抽样轮次" }).waitFor();
    await expect.poll(() => page.getByText("加载中…", { exact: true }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "抽取本轮" }).count()).toBe(0);
    expect(await page.getByText("市院办公室").count()).toBe(0);
    const drewBaisha = await page.getByRole("article").count();
    const stored = (await server.database.exec(
      "select count(distinct r.id)::int as n from sampling_rounds r join sampling_picks p on p.round_id = r.id join units u on u.id = p.unit_id where u.code = 'BS-B2'",
    )) as [{ n: number }];
    expect(drewBaisha).toBe(stored[0].n);
    expect(pageErrors).toEqual([]);
  });
});
