import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, openDashboard, screenshot, type DashboardPage } from "./support/browser.js";
import { buildSmallTree, createPerson, createUnit, dataSnapshot, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";

/** Monday 20 Oct 2031, noon in Asia/Shanghai: server and browser both live on this day. */
const NOW = new Date("2031-10-20T04:00:00Z");

const RECORD_REVIEW = `mutation($input: RecordQualityReviewInput!) {
  recordQualityReview(input: $input) { id finding { id code } }
}`;

const PROBLEM = {
  title: "起诉书遗漏量刑情节",
  description: "起诉书未载明被告人自首情节，量刑建议依据不全。",
  category: "LEGAL_DOCUMENTS",
  rectificationClass: "IMMEDIATE",
  deadline: "2031-11-30",
};

/** The error paragraph(s) an input points at with aria-describedby. */
async function errorOf(field: Locator): Promise<Locator> {
  const ids = (await field.getAttribute("aria-describedby"))?.split(/\s+/).filter(Boolean) ?? [];
  return field.page().locator(ids.map((id) => `#${id}.field-error`).join(", "));
}

/** The veto watch's row for a prosecutor. */
const vetoTable = (page: Page) => page.getByRole("table", { name: "一票否决预警名单" });
const vetoRow = (page: Page, name: string) => vetoTable(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
/** The register's body rows. */
const registerRows = (page: Page) => page.getByRole("table", { name: "案件质量评查登记表" }).locator("tbody tr[data-id]");

describe.skipIf(!hasChromium)("case quality reviews (案件质量评查) in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: SmallTree;
  let supervisor: Credentials;
  /** Another basic office (隔壁区), with a prosecutor of its own and a unit head. */
  let otherOffice = "";
  let otherHead: Credentials;
  /** Seeded through the API: a FLAW of 李承办 on 8 Oct (own office) and a FLAW of 郑异地 on 9 Oct. */
  let seededCode = "";
  let otherCode = "";
  const opened: DashboardPage[] = [];

  async function open(as: Credentials, path: string): Promise<DashboardPage> {
    const dash = await openDashboard(browser, server, { as });
    opened.push(dash);
    // The page's "today" (default year and review day) is the browser's: keep it on the server's.
    await dash.context.clock.setFixedTime(NOW);
    await dash.page.goto(path);
    return dash;
  }

  const reviewCount = async () => ((await server.database.exec("select count(*)::int as n from quality_reviews")) as [{ n: number }])[0].n;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ now: NOW }), launchBrowser()]);
    tree = await buildSmallTree(server);
    otherOffice = await createUnit(server, { code: "T-B2", name: "隔壁区人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
    const otherDept = await createUnit(server, { code: "T-B2-GS", name: "隔壁第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", businessLine: "公诉", parent: otherOffice });
    const zheng = await createPerson(server, { name: "郑异地", unit: otherDept, position: "PROSECUTOR" });
    supervisor = await signInAs(server, "SUPERVISOR", tree.city);
    otherHead = await signInAs(server, "UNIT_HEAD", otherOffice);

    const review = async (input: Record<string, unknown>) =>
      (await server.ok<{ recordQualityReview: { id: string; finding: { id: string; code: string } | null } }>(RECORD_REVIEW, { input })).recordQualityReview;
    const seeded = await review({
      caseRef: "测检刑诉〔2031〕8号",
      prosecutor: tree.handler,
      reviewedOn: "2031-10-08",
      mode: "OWN_OFFICE",
      reviewerUnit: tree.basic,
      result: "FLAW",
      problem: PROBLEM,
    });
    seededCode = seeded.finding!.code;
    await review({ caseRef: "测检刑诉〔2031〕12号", prosecutor: tree.otherHandler, reviewedOn: "2031-10-12", mode: "HIGHER_OFFICE", reviewerUnit: tree.cityCaseDept, result: "QUALIFIED" });
    const other = await review({
      caseRef: "隔检刑诉〔2031〕9号",
      prosecutor: zheng,
      reviewedOn: "2031-10-09",
      mode: "OWN_OFFICE",
      reviewerUnit: otherOffice,
      result: "FLAW",
      problem: { ...PROBLEM, title: "量刑建议书未附计算说明" },
    });
    otherCode = other.finding!.code;
  });
  afterAll(async () => {
    for (const dash of opened) {
      expect(dash.offsite).toEqual([]);
      expect(dash.pageErrors).toEqual([]);
    }
    await browser?.close();
    await server?.close();
  });

  it("records a FLAW review through the form; the register links its finding and the veto watch turns AT_RISK live", async () => {
    // A second window keeps the page open on the side, never reloaded.
    const watcher = (await open(supervisor, "/reviews")).page;
    await vetoRow(watcher, "李承办").waitFor();
    await watcher.getByRole("status").filter({ hasText: "实时更新" }).waitFor();
    expect(await vetoRow(watcher, "李承办").getByRole("cell").allInnerTexts()).toEqual(["第一检察部\n测试区人民检察院", "0", "1", "● 关注"]);
    await watcher.getByText("临界预警 0 人").waitFor();
    await watcher.getByText("关注 2 人").waitFor();
    expect(await watcher.getByLabel("年度").inputValue()).toBe("2031");

    const { page } = await open(supervisor, "/reviews");
    await page.getByRole("navigation").getByRole("link", { name: "质量评查" }).waitFor();
    await registerRows(page).first().waitFor();
    expect(await registerRows(page).count()).toBe(3);
    await page.getByText("登记评查", { exact: true }).click();
    const form = page.getByRole("form", { name: "登记评查" });
    await form.getByLabel("被评查单位").locator("option").nth(1).waitFor({ state: "attached" });
    expect(await form.getByLabel("评查日期").inputValue()).toBe("2031-10-20");
    await form.getByLabel("被评查单位").selectOption(tree.basicProsecution);
    await form.getByLabel("承办检察官").locator("option").filter({ hasText: "李承办" }).waitFor({ state: "attached" });
    await form.getByLabel("承办检察官").selectOption(tree.handler);
    await form.getByLabel("案号").fill("测检刑诉〔2031〕101号");
    await form.getByLabel("评查方式").selectOption("CROSS_REGION");
    await form.getByLabel("评查单位", { exact: true }).selectOption(otherOffice);
    expect(await form.getByRole("group", { name: "发现的问题" }).count()).toBe(0);
    await form.getByLabel("评查结果").selectOption("FLAW");
    await form.getByRole("group", { name: "发现的问题" }).waitFor();
    await form.getByLabel("问题概要").fill("讯问笔录未记载权利告知");
    await form.getByLabel("具体表现").fill("第二次讯问笔录未记载告知犯罪嫌疑人认罪认罚从宽制度。");
    await form.getByLabel("问题类别").selectOption("CASE_PROCEDURE");
    await form.getByLabel("整改时限").fill("2031-11-20");
    await form.getByLabel("备注").fill("异地交叉评查第一批");
    await screenshot(page, "reviews-form");
    await form.getByRole("button", { name: "登记", exact: true }).click();
    const done = form.getByRole("status");
    await done.getByText(/^已登记 测检刑诉〔2031〕101号，生成问题 ZG-2031-\d{5}$/).waitFor();
    const code = (await done.innerText()).split("生成问题 ")[1]!;

    // The form is cleared for the next case.
    expect(await form.getByLabel("案号").inputValue()).toBe("");
    expect(await form.getByLabel("评查结果").inputValue()).toBe("QUALIFIED");
    expect(await form.getByRole("group", { name: "发现的问题" }).count()).toBe(0);

    // The register lists it first (newest first), with the finding's code linked to the finding.
    const row = registerRows(page).first();
    await row.getByText("测检刑诉〔2031〕101号").waitFor();
    expect(await row.getByRole("cell").allInnerTexts()).toEqual([
      "2031-10-20",
      "测检刑诉〔2031〕101号",
      "李承办",
      "第一检察部\n测试区人民检察院",
      "隔壁区人民检察院",
      "交叉评查",
      "瑕疵",
      code,
      "异地交叉评查第一批",
    ]);
    const { findings } = await server.ok<{ findings: { edges: Array<{ node: { id: string; code: string; source: string; handler: { id: string } } }> } }>(
      `query($text: String) { findings(filter: { text: $text }) { edges { node { id code source handler { id } } } } }`,
      { text: "测检刑诉〔2031〕101号" },
    );
    expect(findings.edges.map((e) => e.node)).toEqual([{ id: expect.any(String), code, source: "QUALITY_REVIEW", handler: { id: tree.handler } }]);
    const link = row.getByRole("link", { name: code });
    expect(await link.getAttribute("href")).toBe(`/findings/${findings.edges[0]!.node.id}`);
    await page.getByText("共 4 条").waitFor();

    // Second FLAW of the year: 李承办 is one FLAW from the veto, here and in the other window, without a reload.
    for (const p of [page, watcher]) {
      await expect.poll(() => vetoRow(p, "李承办").getByRole("cell").allInnerTexts()).toEqual(["第一检察部\n测试区人民检察院", "0", "2", "⚠ 临界预警"]);
      await p.getByText("临界预警 1 人").waitFor();
      await p.getByText("关注 1 人").waitFor();
    }
    expect(await vetoRow(watcher, "李承办").getAttribute("class")).toContain("row-at_risk");
    // The other window's register took the new review in as well.
    await registerRows(watcher).filter({ hasText: "测检刑诉〔2031〕101号" }).getByRole("link", { name: code }).waitFor();
    await screenshot(watcher, "reviews");

    await link.click();
    await page.getByRole("heading", { name: "讯问笔录未记载权利告知", level: 1 }).waitFor();
  });

  it("shows a cross-region review from the wrong office beside the reviewer unit and writes nothing", async () => {
    const { page } = await open(supervisor, "/reviews");
    await page.getByText("登记评查", { exact: true }).click();
    const form = page.getByRole("form", { name: "登记评查" });
    await form.getByLabel("被评查单位").locator("option").nth(1).waitFor({ state: "attached" });
    const before = await dataSnapshot(server);
    const count = await reviewCount();

    // Nothing chosen: the form says so where the values go, without asking the server.
    await form.getByRole("button", { name: "登记", exact: true }).click();
    for (const name of ["承办检察官", "案号"]) {
      const field = form.getByLabel(name, { exact: true });
      await (await errorOf(field)).getByText("此项必填").waitFor();
    }
    await (await errorOf(form.getByLabel("评查单位", { exact: true }))).getByText("此项必填").waitFor();

    // The city office's department is above the prosecutor's office, not another basic office.
    await form.getByLabel("被评查单位").selectOption(tree.basicProsecution);
    await form.getByLabel("承办检察官").locator("option").filter({ hasText: "王检察" }).waitFor({ state: "attached" });
    await form.getByLabel("承办检察官").selectOption(tree.otherHandler);
    await form.getByLabel("案号").fill("测检刑诉〔2031〕102号");
    await form.getByLabel("评查方式").selectOption("CROSS_REGION");
    await form.getByLabel("评查单位", { exact: true }).selectOption(tree.cityCaseDept);
    await form.getByLabel("评查日期").fill("2031-10-16");
    await form.getByLabel("评查结果").selectOption("UNQUALIFIED");
    await form.getByLabel("问题概要").fill("遗漏认定从犯");
    await form.getByLabel("具体表现").fill("起诉书未认定被告人系从犯。");
    await form.getByLabel("问题类别").selectOption("LEGAL_DOCUMENTS");
    await form.getByLabel("整改时限").fill("2031-11-30");
    await form.getByRole("button", { name: "登记", exact: true }).click();

    const reviewer = form.getByLabel("评查单位", { exact: true });
    await (await errorOf(reviewer)).getByText("异地交叉评查须由其他基层院评查，不能是本院或上下级院").waitFor();
    expect(await reviewer.getAttribute("aria-invalid")).toBe("true");
    for (const name of ["承办检察官", "案号", "整改时限"]) expect(await (await errorOf(form.getByLabel(name, { exact: true }))).count()).toBe(0);
    // Shown beside its field only, not again as a banner; the form keeps what was typed.
    expect(await form.getByRole("alert").count()).toBe(1);
    expect(await form.getByLabel("案号").inputValue()).toBe("测检刑诉〔2031〕102号");
    expect(await form.getByRole("status").count()).toBe(0);

    expect(await reviewCount()).toBe(count);
    expect(await dataSnapshot(server)).toEqual(before);
    expect(await registerRows(page).filter({ hasText: "测检刑诉〔2031〕102号" }).count()).toBe(0);
    expect(await vetoRow(page, "王检察").count()).toBe(0);

    // Named by another basic office, the same review goes through.
    await reviewer.selectOption(otherOffice);
    await form.getByRole("button", { name: "登记", exact: true }).click();
    await form.getByRole("status").getByText(/^已登记 测检刑诉〔2031〕102号，生成问题 ZG-2031-\d{5}$/).waitFor();
    expect(await (await errorOf(reviewer)).count()).toBe(0);
    await expect.poll(() => vetoRow(page, "王检察").getByRole("cell").allInnerTexts()).toEqual(["第一检察部\n测试区人民检察院", "1", "0", "⛔ 一票否决"]);
    expect(await reviewCount()).toBe(count + 1);
  });

  it("shows a unit head of another office neither the reviews nor the prosecutors outside it", async () => {
    const { page } = await open(otherHead, "/reviews");
    await vetoRow(page, "郑异地").waitFor();
    await registerRows(page).first().waitFor();
    await page.getByText("共 1 条").waitFor();
    expect(await vetoTable(page).getByRole("rowheader").allInnerTexts()).toEqual(["郑异地"]);
    expect(await registerRows(page).first().getByRole("link").innerText()).toBe(otherCode);
    const text = await page.locator("body").innerText();
    for (const hidden of ["李承办", "王检察", "测检刑诉", "测试区人民检察院", "案件管理部", seededCode]) expect(text).not.toContain(hidden);
    // A unit head does not record reviews.
    expect(await page.getByText("登记评查", { exact: true }).count()).toBe(0);
    const units = await page.getByLabel("单位", { exact: true }).locator("option").allInnerTexts();
    expect(units.join()).not.toContain("测试区");
  });

  it("keeps year and filters in the URL", async () => {
    const { page } = await open(supervisor, "/reviews");
    // The record form has a 评查结果 of its own: the filters are read in their form.
    const filters = page.getByRole("form", { name: "筛选条件" });
    await filters.getByLabel("评查结果", { exact: true }).locator("option").nth(1).waitFor({ state: "attached" });
    await filters.getByLabel("单位", { exact: true }).locator("option").filter({ hasText: "测试区人民检察院" }).waitFor({ state: "attached" });
    await filters.getByLabel("单位", { exact: true }).selectOption(tree.basic);
    await filters.getByLabel("评查结果", { exact: true }).selectOption("FLAW");
    await filters.getByLabel("开始日期").fill("2031-10-01");
    await expect.poll(() => new URL(page.url()).search).toBe(`?unit=${encodeURIComponent(tree.basic)}&result=FLAW&from=2031-10-01`);
    await page.reload();
    await registerRows(page).filter({ hasText: "测检刑诉〔2031〕8号" }).waitFor();
    expect(await filters.getByLabel("评查结果", { exact: true }).inputValue()).toBe("FLAW");
    // QUALIFIED and other offices' reviews are filtered out; the watch is narrowed to the unit too.
    expect(await registerRows(page).filter({ hasText: "测检刑诉〔2031〕12号" }).count()).toBe(0);
    expect(await registerRows(page).filter({ hasText: "隔检刑诉" }).count()).toBe(0);
    await vetoRow(page, "李承办").waitFor();
    expect(await vetoRow(page, "郑异地").count()).toBe(0);

    // Last year had none.
    await filters.getByLabel("年度").selectOption("2030");
    await expect.poll(() => new URL(page.url()).searchParams.get("year")).toBe("2030");
    await page.getByText("本年度没有瑕疵或不合格案件").waitFor();
  });
});
