import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, openDashboard, screenshot, type DashboardPage } from "./support/browser.js";
import { buildSmallTree, createUnit, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";

/** Monday 20 Oct 2031, noon in Asia/Shanghai: server and browser both live on this day. */
const NOW = new Date("2031-10-20T04:00:00Z");

const OPEN = `mutation($input: OpenSupervisionItemInput!) { openSupervisionItem(input: $input) { id code } }`;

/** The error paragraph(s) an input points at with aria-describedby. */
async function errorOf(field: Locator): Promise<Locator> {
  const ids = (await field.getAttribute("aria-describedby"))?.split(/\s+/).filter(Boolean) ?? [];
  return field.page().locator(ids.map((id) => `#${id}.field-error`).join(", "));
}

describe.skipIf(!hasChromium)("inspection supervision (检务督察) in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: SmallTree;
  let supervisor: Credentials;
  let head: Credentials;
  let otherHead: Credentials;
  /** Seeded through the API: started 1 Oct, due 10 Oct, so overdue today. */
  let overdueCode = "";
  const opened: DashboardPage[] = [];

  async function open(as: Credentials, path: string): Promise<DashboardPage> {
    const dash = await openDashboard(browser, server, { as });
    opened.push(dash);
    await dash.context.clock.setFixedTime(NOW);
    await dash.page.goto(path);
    return dash;
  }

  const counts = async () =>
    (
      (await server.database.exec(
        `select (select count(*)::int from supervision_items) as items, (select count(*)::int from supervision_notices) as notices, (select count(*)::int from findings) as findings`,
      )) as [{ items: number; notices: number; findings: number }]
    )[0];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ now: NOW }), launchBrowser()]);
    tree = await buildSmallTree(server);
    const other = await createUnit(server, { code: "T-B2", name: "隔壁区人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
    supervisor = await signInAs(server, "SUPERVISOR", tree.city);
    head = await signInAs(server, "UNIT_HEAD", tree.basic);
    otherHead = await signInAs(server, "UNIT_HEAD", other);
    const seeded = await server.ok<{ openSupervisionItem: { code: string } }>(OPEN, {
      input: { title: "核查群众来信反映的超期羁押问题", source: "COMPLAINT", requirements: "十日内查明情况并书面报告。", unit: tree.basicProsecution, startedOn: "2031-10-01", deadline: "2031-10-10" },
    });
    overdueCode = seeded.openSupervisionItem.code;
  });
  afterAll(async () => {
    for (const dash of opened) {
      expect(dash.offsite).toEqual([]);
      expect(dash.pageErrors).toEqual([]);
    }
    await browser?.close();
    await server?.close();
  });

  it("opens an item (一周办结 by default), issues a rectification notice with a problem, takes feedback and closes it", async () => {
    const { page } = await open(supervisor, "/supervision");
    await page.getByRole("navigation").getByRole("link", { name: "检务督察" }).waitFor();
    // The overdue item is listed with its badge.
    const row = page.getByTestId("supervision-row").filter({ hasText: overdueCode });
    await row.getByText("超期", { exact: true }).waitFor();
    await row.getByText("超期 10 天").waitFor();

    await page.getByText("督察立项", { exact: true }).click();
    const form = page.getByRole("form", { name: "督察立项" });
    await form.getByLabel("责任单位").locator("option").nth(1).waitFor({ state: "attached" });
    await form.getByLabel("督察事项").fill("督促落实流程监控通报整改要求");
    await form.getByLabel("督察来源").selectOption("LEADER_ASSIGNED");
    await form.getByLabel("责任单位").selectOption(tree.basicProsecution);
    await form.getByLabel("督察要求").fill("对照通报逐项整改，一周内书面反馈整改情况。");
    await form.getByRole("button", { name: "立项", exact: true }).click();

    // The new item's page: due five working days later, warning from Friday.
    await page.getByRole("heading", { level: 1, name: /督促落实流程监控通报整改要求/ }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toMatch(/^督〔2031〕2号 督促落实流程监控通报整改要求$/);
    await page.getByText("2031-10-27").waitFor();
    await page.getByText("剩 7 天").waitFor();
    await screenshot(page, "supervision-detail");

    // A rectification notice: one problem, which becomes a finding on the ledger.
    await page.getByText("发出督察建议 / 整改通知书", { exact: true }).click();
    const issue = page.getByRole("form", { name: "发出督察建议 / 整改通知书" });
    await issue.getByLabel("文书种类").selectOption("RECTIFICATION_NOTICE");
    await issue.getByLabel("正文").fill("经督察，发现以下问题，请限期整改并书面报告。");
    const problem = issue.getByRole("group", { name: "问题 1" });
    // Missing problem fields are shown where they are typed, and nothing is written.
    const before = await counts();
    await issue.getByRole("button", { name: "发出", exact: true }).click();
    const title = problem.getByLabel("问题概要", { exact: true });
    await (await errorOf(title)).getByText("此项必填").waitFor();
    expect(await counts()).toEqual(before);

    await title.fill("整改台账未按期更新");
    await problem.getByLabel("具体表现").fill("十月整改台账未更新，销号材料缺失。");
    await problem.getByLabel("问题类别").selectOption("CASE_PROCEDURE");
    await problem.getByLabel("具体承办人").locator("option").filter({ hasText: "李承办" }).waitFor({ state: "attached" });
    await problem.getByLabel("具体承办人").selectOption(tree.handler);
    await problem.getByLabel("整改时限").fill("2031-11-10");
    await issue.getByRole("button", { name: "发出", exact: true }).click();
    await issue.getByRole("status").getByText("已发出：督改〔2031〕1号").waitFor();
    const notice = page.getByTestId("supervision-notice").filter({ hasText: "督改〔2031〕1号" });
    await notice.getByText("整改通知书").waitFor();
    const findingLink = notice.getByRole("link", { name: /^ZG-2031-\d{5}$/ });
    await findingLink.waitFor();
    expect(await counts()).toEqual({ items: before.items, notices: before.notices + 1, findings: before.findings + 1 });

    // The responsible unit's head replies; they cannot close or issue.
    const headPage = (await open(head, page.url())).page;
    await headPage.getByRole("heading", { level: 1, name: /督促落实流程监控通报整改要求/ }).waitFor();
    await headPage.getByLabel("反馈内容").fill("已组织全员学习通报，整改台账已更新。");
    await headPage.getByRole("button", { name: "提交反馈" }).click();
    await headPage.getByText("已组织全员学习通报，整改台账已更新。", { exact: true }).waitFor();
    expect(await headPage.getByRole("form", { name: "办结" }).count()).toBe(0);
    expect(await headPage.getByText("发出督察建议 / 整改通知书").count()).toBe(0);

    // Another office's head does not see it at all.
    const otherPage = (await open(otherHead, page.url())).page;
    await otherPage.getByRole("alert").waitFor();
    expect(await otherPage.getByText("督促落实流程监控通报整改要求").count()).toBe(0);

    // The supervisor closes it: a summary is required.
    await page.reload();
    await page.getByText("已组织全员学习通报，整改台账已更新。", { exact: true }).waitFor();
    const close = page.getByRole("form", { name: "办结" });
    await close.getByRole("button", { name: "办结" }).click();
    await (await errorOf(close.getByLabel("办结情况"))).getByText("此项必填").waitFor();
    await close.getByLabel("办结情况").fill("整改到位，台账已更新。");
    await close.getByRole("button", { name: "办结" }).click();
    await page.locator(".status").getByText("已办结").waitFor();
    await page.getByText("整改到位，台账已更新。", { exact: true }).waitFor();
    expect(await page.getByRole("form", { name: "办结" }).count()).toBe(0);
    expect(await page.getByLabel("反馈内容").count()).toBe(0);
  });

  it("filters the list by overdue and shows the monthly report (督察专报) with its Excel link", async () => {
    const { page } = await open(supervisor, "/supervision");
    await page.getByTestId("supervision-row").first().waitFor();
    await page.getByLabel("时限", { exact: true }).selectOption("overdue");
    await expect.poll(() => new URL(page.url()).search).toBe("?due=overdue");
    await expect.poll(() => page.getByTestId("supervision-row").count()).toBe(1);
    await page.getByTestId("supervision-row").getByText(overdueCode).waitFor();

    await page.getByRole("link", { name: "督察专报" }).click();
    await page.getByRole("heading", { level: 1, name: "2031年10月检务督察专报" }).waitFor();
    const summary = await page.getByTestId("sr-summary").innerText();
    expect(summary).toContain("本月督察立项 2 项，办结 1 项");
    expect(summary).toContain("在办 1 项，其中超期 1 项");
    expect(summary).toContain("整改通知书 1 份");
    await page.getByRole("cell", { name: "核查群众来信反映的超期羁押问题" }).waitFor();
    expect(await page.getByRole("link", { name: "导出 Excel" }).getAttribute("href")).toBe("/export/supervision-report.xlsx?month=2031-10");
    await screenshot(page, "supervision-report");
  });
});
