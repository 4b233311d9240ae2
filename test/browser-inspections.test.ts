import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, openDashboard, screenshot, type DashboardPage } from "./support/browser.js";
import { buildSmallTree, createPerson, createUnit, dataSnapshot, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";
import { sheetRows } from "./support/xlsx.js";

/** Monday 20 Oct 2031, noon in Asia/Shanghai: server and browser both live on this day. */
const NOW = new Date("2031-10-20T04:00:00Z");

// National Day: Wed 1 – Tue 7 Oct off, Sat 11 Oct worked (调休). Working days 1–20 Oct: 8–11, 13–17, 20 = 10.
const CALENDAR = [
  ...["10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07"].map((d) => `2031-${d},HOLIDAY,国庆节`),
  "2031-10-11,WORKDAY,国庆节调休",
].join("\n");

const RECORD_INSPECTION = `mutation($input: RecordInspectionInput!) {
  recordInspection(input: $input) { id findings { id code } }
}`;

const PROBLEM = {
  title: "未按期告知诉讼权利",
  description: "审查起诉阶段未在三日内告知犯罪嫌疑人有权委托辩护人。",
  category: "CASE_PROCEDURE",
  severity: "IRREGULAR",
  rectificationClass: "IMMEDIATE",
  deadline: "2031-11-10",
};

/** The error paragraph(s) an input points at with aria-describedby. */
async function errorOf(field: Locator): Promise<Locator> {
  const ids = (await field.getAttribute("aria-describedby"))?.split(/\s+/).filter(Boolean) ?? [];
  return field.page().locator(ids.map((id) => `#${id}.field-error`).join(", "));
}

/** The quota table's row for a supervisor. */
const quotaRow = (page: Page, name: string) => page.getByRole("table", { name: "监管员达标情况" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
/** The register's body rows. */
const registerRows = (page: Page) => page.getByRole("table", { name: "流程监控检查情况登记表" }).locator("tbody tr[data-id]");

describe.skipIf(!hasChromium)("process monitoring (流程监控) in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: SmallTree;
  let supervisor: Credentials;
  /** 吴条线, business-line supervisor (每周两案) in 第一检察部. */
  let lineSupervisor = "";
  /** Another basic office, with its own business-line supervisor and unit head. */
  let otherOffice = "";
  let otherHead: Credentials;
  /** Seeded through the API: 周监管 in 第一检察部 on 8 Oct (problem found) and in the city's 案件管理部 on 9 Oct. */
  let seededFindingCode = "";
  const opened: DashboardPage[] = [];

  async function open(as: Credentials, path: string): Promise<DashboardPage> {
    const dash = await openDashboard(browser, server, { as });
    opened.push(dash);
    // The page's "today" (default period and inspection day) is the browser's: keep it on the server's.
    await dash.context.clock.setFixedTime(NOW);
    await dash.page.goto(path);
    return dash;
  }

  const inspectionCount = async () => ((await server.database.exec("select count(*)::int as n from inspections")) as [{ n: number }])[0].n;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ now: NOW }), launchBrowser()]);
    tree = await buildSmallTree(server);
    await server.ok(`mutation($input: ImportCalendarInput!) { importCalendar(input: $input) { day } }`, { input: { csv: CALENDAR } });
    lineSupervisor = await createPerson(server, { name: "吴条线", unit: tree.basicProsecution, position: "PROSECUTOR", supervisorKind: "BUSINESS" });
    otherOffice = await createUnit(server, { code: "T-B2", name: "隔壁区人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
    const otherDept = await createUnit(server, { code: "T-B2-GS", name: "隔壁第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: otherOffice });
    await createPerson(server, { name: "郑条线", unit: otherDept, position: "PROSECUTOR", supervisorKind: "BUSINESS" });
    supervisor = await signInAs(server, "SUPERVISOR", tree.city);
    otherHead = await signInAs(server, "UNIT_HEAD", otherOffice);

    const inspect = (input: Record<string, unknown>) =>
      server.ok<{ recordInspection: { id: string; findings: Array<{ id: string; code: string }> } }>(RECORD_INSPECTION, { input: { result: "NO_PROBLEM", ...input } });
    const seeded = await inspect({ supervisor: tree.supervisor, unit: tree.basicProsecution, caseRef: "测检刑诉〔2031〕8号", inspectedOn: "2031-10-08", result: "PROBLEM", problem: PROBLEM });
    seededFindingCode = seeded.recordInspection.findings[0]!.code;
    await inspect({ supervisor: tree.supervisor, unit: tree.cityCaseDept, caseRef: "测检案管〔2031〕9号", inspectedOn: "2031-10-09", notes: "市院本部自查" });
    for (const day of ["2031-10-09", "2031-10-14", "2031-10-16"]) {
      await inspect({ supervisor: lineSupervisor, unit: tree.basicProsecution, caseRef: `测检刑诉〔2031〕${day.slice(-2)}号`, inspectedOn: day });
    }
  });
  afterAll(async () => {
    for (const dash of opened) {
      expect(dash.offsite).toEqual([]);
      expect(dash.pageErrors).toEqual([]);
    }
    await browser?.close();
    await server?.close();
  });

  it("records an inspection with a problem through the form; the register lists it with its finding and the quota counts it", async () => {
    const { page } = await open(supervisor, "/inspections");
    await page.getByRole("navigation").getByRole("link", { name: "流程监控" }).waitFor();

    // The current month up to today, by the calendar: 10 working days, 2 inspected by 周监管.
    await page.getByText("统计期间 2031-10-01 至 2031-10-20").waitFor();
    await page.getByText("工作日 10 天").waitFor();
    const zhou = quotaRow(page, "周监管");
    await expect.poll(() => zhou.getByRole("cell").allInnerTexts()).toEqual([
      "案管流程监管员\n每日一案",
      "10",
      "2",
      "2",
      "缺 8 个工作日",
      expect.stringMatching(/^20%\s*⚠ 未达标$/),
    ]);
    // The days missed open from the cell.
    await zhou.getByText("缺 8 个工作日").click();
    await zhou.getByRole("listitem").filter({ hasText: "2031-10-11" }).waitFor();
    // 吴条线 (每周两案) fell short in the week of 6 Oct (one of two) and in this week (none yet).
    const wu = quotaRow(page, "吴条线");
    expect(await wu.getByRole("cell").nth(0).innerText()).toBe("业务条线监管员\n每周两案");
    await wu.getByText("2 周不足").click();
    expect(await wu.getByRole("listitem").allInnerTexts()).toEqual(["2031-10-06 当周：1/2", "2031-10-20 当周：0/1"]);
    // Least compliant first (the server's order): 郑条线 has done none.
    const names = await page.getByRole("table", { name: "监管员达标情况" }).getByRole("rowheader").allInnerTexts();
    expect(names.map((n) => n.split("\n")[0])).toEqual(["郑条线", "周监管", "吴条线"]);
    await screenshot(page, "inspections");

    await page.getByText("登记检查", { exact: true }).click();
    const form = page.getByRole("form", { name: "登记检查" });
    await form.getByLabel("被检查单位").locator("option").nth(1).waitFor({ state: "attached" });
    expect(await form.getByLabel("检查日期").inputValue()).toBe("2031-10-20");
    await form.getByLabel("被检查单位").selectOption(tree.basicProsecution);
    await form.getByLabel("流程监管员").selectOption(tree.supervisor);
    await form.getByLabel("案号").fill("测检刑诉〔2031〕101号");
    await form.getByLabel("检查结果").selectOption("PROBLEM");
    await form.getByRole("group", { name: "发现的问题" }).waitFor();
    await form.getByLabel("问题概要").fill("起诉书未载明被告人羁押情况");
    await form.getByLabel("具体表现").fill("起诉书中未写明被告人被采取强制措施的时间和种类。");
    await form.getByLabel("问题类别").selectOption("LEGAL_DOCUMENTS");
    await form.getByLabel("具体承办人").locator("option").filter({ hasText: "李承办" }).waitFor({ state: "attached" });
    await form.getByLabel("具体承办人").selectOption(tree.handler);
    await form.getByLabel("整改时限").fill("2031-10-31");
    await screenshot(page, "inspections-form");
    await form.getByRole("button", { name: "登记", exact: true }).click();
    const done = form.getByRole("status");
    await done.getByText(/^已登记 测检刑诉〔2031〕101号，生成问题 ZG-2031-\d{5}$/).waitFor();
    const code = (await done.innerText()).split("生成问题 ")[1]!;

    // The form is cleared for the next one.
    expect(await form.getByLabel("案号").inputValue()).toBe("");
    expect(await form.getByLabel("检查结果").inputValue()).toBe("NO_PROBLEM");
    expect(await form.getByRole("group", { name: "发现的问题" }).count()).toBe(0);

    // The register lists it first (newest first), with the finding's code linked to the finding.
    const row = registerRows(page).first();
    await row.getByText("测检刑诉〔2031〕101号").waitFor();
    expect(await row.getByRole("cell").allInnerTexts()).toEqual(["2031-10-20", "周监管", "第一检察部\n测试区人民检察院", "测检刑诉〔2031〕101号", "流程监控", "发现问题", code, ""]);
    const { findings } = await server.ok<{ findings: { edges: Array<{ node: { id: string; code: string; title: string; handler: { id: string } } }> } }>(
      `query($text: String) { findings(filter: { text: $text }) { edges { node { id code title handler { id } } } } }`,
      { text: "测检刑诉〔2031〕101号" },
    );
    expect(findings.edges.map((e) => e.node)).toEqual([{ id: expect.any(String), code, title: "起诉书未载明被告人羁押情况", handler: { id: tree.handler } }]);
    const link = row.getByRole("link", { name: code });
    expect(await link.getAttribute("href")).toBe(`/findings/${findings.edges[0]!.node.id}`);
    await page.getByText("共 6 条").waitFor();

    // 周监管 now has today's inspection: 3 done and met, 7 days missed.
    await expect.poll(() => zhou.getByRole("cell").allInnerTexts()).toEqual([
      "案管流程监管员\n每日一案",
      "10",
      "3",
      "3",
      expect.stringMatching(/^缺 7 个工作日/),
      expect.stringMatching(/^30%\s*⚠ 未达标$/),
    ]);
    expect(await zhou.getByRole("listitem").allInnerTexts()).not.toContain("2031-10-20");

    await link.click();
    await page.getByRole("heading", { name: "起诉书未载明被告人羁押情况", level: 1 }).waitFor();
  });

  it("shows bad input next to its field and writes nothing", async () => {
    const { page } = await open(supervisor, "/inspections");
    await page.getByText("登记检查", { exact: true }).click();
    const form = page.getByRole("form", { name: "登记检查" });
    await form.getByLabel("被检查单位").locator("option").nth(1).waitFor({ state: "attached" });
    const before = await dataSnapshot(server);
    const count = await inspectionCount();

    // A problem without a title, and no case: both say so where they are typed.
    await form.getByLabel("被检查单位").selectOption(tree.basicProsecution);
    await form.getByLabel("流程监管员").selectOption(tree.supervisor);
    await form.getByLabel("检查日期").fill("2031-10-15");
    await form.getByLabel("检查结果").selectOption("PROBLEM");
    await form.getByLabel("具体表现").fill("阅卷笔录末页无承办人签名。");
    await form.getByLabel("问题类别").selectOption("LEGAL_DOCUMENTS");
    await form.getByLabel("整改时限").fill("2031-10-10");
    await form.getByRole("button", { name: "登记", exact: true }).click();
    for (const name of ["问题概要", "案号"]) {
      const field = form.getByLabel(name, { exact: true });
      await (await errorOf(field)).getByText("此项必填").waitFor();
      expect(await field.getAttribute("aria-invalid")).toBe("true");
    }
    expect(await (await errorOf(form.getByLabel("整改时限"))).count()).toBe(0);

    // A deadline before the inspection day: the server refuses it (problem.deadline), the message sits by the deadline.
    await form.getByLabel("案号").fill("测检刑诉〔2031〕102号");
    await form.getByLabel("问题概要").fill("阅卷笔录缺少签名");
    await form.getByRole("button", { name: "登记", exact: true }).click();
    await (await errorOf(form.getByLabel("整改时限"))).getByText("整改时限早于发现日期").waitFor();
    expect(await (await errorOf(form.getByLabel("问题概要"))).count()).toBe(0);
    expect(await form.getByRole("alert").filter({ hasText: "输入有误" }).count()).toBe(0);

    expect(await inspectionCount()).toBe(count);
    expect(await dataSnapshot(server)).toEqual(before);
    expect(await registerRows(page).filter({ hasText: "测检刑诉〔2031〕102号" }).count()).toBe(0);
  });

  it("shows a unit head of another office neither the inspections nor the supervisors outside it", async () => {
    const { page } = await open(otherHead, "/inspections");
    await quotaRow(page, "郑条线").waitFor();
    await page.getByText("本期间没有检查登记").waitFor();
    await page.getByText("共 0 条").waitFor();
    expect(await page.getByRole("table", { name: "监管员达标情况" }).getByRole("rowheader").allInnerTexts()).toEqual(["郑条线\n隔壁第一检察部"]);
    const text = await page.locator("body").innerText();
    for (const hidden of ["周监管", "吴条线", "测检刑诉", "测检案管", "测试区人民检察院", seededFindingCode]) expect(text).not.toContain(hidden);
    // A unit head does not record inspections.
    expect(await page.getByText("登记检查", { exact: true }).count()).toBe(0);
    const units = await page.getByLabel("单位", { exact: true }).locator("option").allInnerTexts();
    expect(units.join()).not.toContain("测试区");
  });

  it("keeps period and unit in the URL and exports the same register as a sheet", async () => {
    const { page } = await open(supervisor, "/inspections");
    await page.getByLabel("单位", { exact: true }).locator("option").filter({ hasText: "测试区人民检察院" }).waitFor({ state: "attached" });
    await page.getByLabel("单位", { exact: true }).selectOption(tree.basic);
    await page.getByLabel("开始日期").fill("2031-10-08");
    await expect.poll(() => new URL(page.url()).search).toBe(`?from=2031-10-08&unit=${encodeURIComponent(tree.basic)}`);
    await page.reload();
    await page.getByText("统计期间 2031-10-08 至 2031-10-20").waitFor();
    expect(await page.getByLabel("单位", { exact: true }).inputValue()).toBe(tree.basic);
    // The city's own department is outside the filter, and so is its supervisor row.
    await registerRows(page).filter({ hasText: "测检刑诉〔2031〕8号" }).waitFor();
    expect(await registerRows(page).filter({ hasText: "测检案管〔2031〕9号" }).count()).toBe(0);

    const link = page.getByRole("link", { name: "导出登记表" });
    expect(await link.getAttribute("download")).not.toBeNull();
    const href = new URL((await link.getAttribute("href"))!, server.url);
    expect(href.pathname).toBe("/export/inspections.xlsx");
    expect(JSON.parse(href.searchParams.get("filter")!)).toEqual({ unit: tree.basic, from: "2031-10-08", to: "2031-10-20" });

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const { rows, sheetName } = await sheetRows(await readFile(await download.path()));
    expect(sheetName).toBe("检查登记表");
    const seeded = rows.find((r) => r.includes("测检刑诉〔2031〕8号"));
    expect(seeded).toBeDefined();
    expect(seeded).toContain("2031-10-08");
    expect(seeded).toContain("周监管");
    expect(seeded).toContain("发现问题");
    expect(seeded!.join("\n")).toContain(`${seededFindingCode} ${PROBLEM.title}`);
    expect(rows.flat().join("\n")).not.toContain("测检案管〔2031〕9号");
    // Still on the page: the download did not navigate away.
    expect(new URL(page.url()).pathname).toBe("/inspections");
  });
});
