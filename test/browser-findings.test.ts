import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, openDashboard, screenshot, type DashboardPage } from "./support/browser.js";
import { buildSmallTree, createPerson, createUnit, dataSnapshot, findingInput, MUTATIONS, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";
import { sheetRows } from "./support/xlsx.js";

/** A day `offset` days from today in Asia/Shanghai, YYYY-MM-DD. */
function day(offset: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

/** The error paragraph(s) an input points at with aria-describedby. */
async function errorOf(field: Locator): Promise<Locator> {
  const ids = (await field.getAttribute("aria-describedby"))?.split(/\s+/).filter(Boolean) ?? [];
  return field.page().locator(ids.map((id) => `#${id}.field-error`).join(", "));
}

/** Every cell value of an XLSX file, as text. */
async function xlsxText(body: Buffer): Promise<string> {
  return (await sheetRows(body)).rows.flat().join("\n");
}

/** Body rows of a findings table, by its caption. */
const ledgerRowsIn = (page: Page, caption: string) => page.getByRole("table", { name: caption }).locator("tbody tr[data-id]");
/** The ledger's rows. */
const ledgerRows = (page: Page) => ledgerRowsIn(page, "问题清单");

describe.skipIf(!hasChromium)("ledger, my items and finding detail in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: SmallTree;
  let supervisor: Credentials;
  let head: Credentials;
  const opened: DashboardPage[] = [];

  async function open(as: Credentials, path: string): Promise<DashboardPage> {
    const dash = await openDashboard(browser, server, { as });
    opened.push(dash);
    await dash.page.goto(path);
    return dash;
  }

  async function record(overrides: Record<string, unknown> = {}, into: Partial<SmallTree> = {}): Promise<{ id: string; version: number }> {
    const data = await server.ok<{ recordFinding: { id: string; version: number } }>(RECORD_FINDING, { input: findingInput({ ...tree, ...into }, { deadline: day(10), ...overrides }) });
    return data.recordFinding;
  }

  async function step(name: keyof typeof MUTATIONS, input: Record<string, unknown>) {
    return server.ok(MUTATIONS[name], { input });
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    tree = await buildSmallTree(server);
    supervisor = await signInAs(server, "SUPERVISOR", tree.city);
    head = await signInAs(server, "UNIT_HEAD", tree.basic);
  });
  afterAll(async () => {
    for (const dash of opened) {
      expect(dash.offsite).toEqual([]);
      expect(dash.pageErrors).toEqual([]);
    }
    await browser?.close();
    await server?.close();
  });

  it("takes a finding from the record form through rectification to 红旗, live on another viewer's ledger", async () => {
    const title = "讯问笔录未记载起止时间";
    const viewer = await signInAs(server, "VIEWER", tree.city);
    const watcher = await open(viewer, "/ledger");
    await watcher.page.evaluate("window.marker = 1");

    // The supervisor records it through the form.
    const sup = await open(supervisor, "/findings/new");
    const form = sup.page.getByRole("form", { name: "登记问题" });
    await form.getByLabel("责任单位").selectOption(tree.basicProsecution);
    await form.getByLabel("具体承办人").selectOption(tree.handler);
    await form.getByLabel("案号").fill("测检刑诉〔2026〕88号");
    await form.getByLabel("问题概要").fill(title);
    await form.getByLabel("具体表现").fill("讯问笔录首页未填写讯问开始和结束时间。");
    await form.getByLabel("问题类别").selectOption("CASE_PROCEDURE");
    await form.getByLabel("整改时限").fill(day(10));
    // The warning time defaults to three days before the deadline and is shown.
    await expect.poll(() => form.getByLabel("预警时间").inputValue()).toBe(`${day(7)}T00:00`);
    await form.getByRole("button", { name: "登记", exact: true }).click();
    await expect.poll(() => new URL(sup.page.url()).pathname).toMatch(/^\/findings\/(?!new)[^/]+$/);
    await sup.page.getByRole("heading", { name: title, level: 1 }).waitFor();
    const findingPath = new URL(sup.page.url()).pathname;

    // The watcher's ledger shows it live with a yellow flag.
    await watcher.page.getByText(/有 \d+ 条新增或变更的问题/).waitFor();
    await watcher.page.getByRole("button", { name: "刷新列表" }).click();
    const watchedRow = ledgerRows(watcher.page).filter({ hasText: title });
    await watchedRow.getByText("黄旗").waitFor();

    // The unit head finds it among their items and works it; a second tab keeps My items open.
    const myItems = await open(head, "/my");
    const myRow = ledgerRowsIn(myItems.page, "本单位事项").filter({ hasText: title });
    await myRow.waitFor();
    const unitHead = await open(head, "/my");
    await unitHead.page.getByRole("link", { name: title }).click();
    await expect.poll(() => new URL(unitHead.page.url()).pathname).toBe(findingPath);
    await unitHead.page.getByRole("button", { name: "开始整改" }).click();
    await unitHead.page.getByRole("button", { name: "提交验收" }).waitFor();
    const measureForm = unitHead.page.getByRole("form", { name: "新增整改措施" });
    await measureForm.getByLabel("措施内容").fill("补录讯问起止时间并组织承办人学习规范");
    await measureForm.getByLabel("完成时限").fill(day(5));
    await measureForm.getByRole("button", { name: "添加措施" }).click();
    await unitHead.page.getByRole("region", { name: "整改措施" }).getByRole("cell", { name: "补录讯问起止时间并组织承办人学习规范", exact: true }).waitFor();
    await unitHead.page.getByRole("button", { name: "提交验收" }).click();
    await unitHead.page.getByText("当前没有您可以进行的操作").waitFor();
    await screenshot(unitHead.page, "findings-detail-submitted");
    // Submitted, it left "open or rectifying": the open My items tab drops it without a reload.
    await myRow.waitFor({ state: "detached" });

    // The supervisor's page followed along; they name who answers for it, record a talk, and verify it.
    const responsibilities = sup.page.getByRole("region", { name: "责任认定" });
    await responsibilities.getByText("认定责任", { exact: true }).click();
    const respForm = sup.page.getByRole("form", { name: "认定责任" });
    await respForm.getByLabel("责任层级").selectOption("DIRECT");
    await respForm.getByRole("combobox", { name: "人员" }).selectOption(tree.handler);
    await respForm.getByRole("button", { name: "认定", exact: true }).click();
    await responsibilities.getByRole("cell", { name: "直接责任" }).waitFor();
    const actions = sup.page.getByRole("region", { name: "追责问责" });
    await actions.getByText("记录问责决定", { exact: true }).click();
    const actionForm = sup.page.getByRole("form", { name: "记录问责决定" });
    await actionForm.getByLabel("问责方式").selectOption("TALK");
    await actionForm.getByRole("combobox", { name: "人员" }).selectOption(tree.handler);
    await actionForm.getByLabel("问责事由").fill("讯问笔录不规范，约谈承办人");
    await actionForm.getByRole("button", { name: "记录", exact: true }).click();
    await actions.getByRole("cell", { name: "讯问笔录不规范，约谈承办人" }).waitFor();
    expect(await actions.getByRole("cell", { name: "约谈", exact: true }).count()).toBe(1);

    const verifyForm = sup.page.getByRole("form", { name: "验收销号" });
    await verifyForm.getByLabel("验收人").selectOption(tree.supervisor);
    await verifyForm.getByRole("button", { name: "验收销号" }).click();
    await sup.page.getByRole("cell", { name: "验收销号", exact: true }).waitFor();

    // The watcher's row turns 红旗 without a reload.
    await watchedRow.getByText("红旗").waitFor();
    expect(await watcher.page.evaluate<number | undefined>("window.marker")).toBe(1);
    expect(await watchedRow.getByText("已销号").count()).toBe(1);
    // The history names every step in words.
    for (const action of ["登记问题", "开始整改", "新增整改措施", "提交验收", "验收销号"]) {
      await sup.page.getByRole("table").filter({ has: sup.page.getByRole("columnheader", { name: "操作人" }) }).getByRole("cell", { name: action, exact: true }).waitFor();
    }
    await screenshot(sup.page, "findings-detail-verified");
  });

  it("never shows a unit head another unit's finding: ledger, detail, board or export", async () => {
    const otherOffice = await createUnit(server, { code: "T-B2", name: "隔壁区人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
    const otherDept = await createUnit(server, { code: "T-B2-GS", name: "隔壁第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", parent: otherOffice });
    const otherHandler = await createPerson(server, { name: "赵隔壁", unit: otherDept, position: "PROSECUTOR" });
    const secret = "隔壁院不应被看见的问题";
    const hidden = await record({ title: secret, description: "只属于隔壁院的具体表现", caseRef: "隔检刑诉〔2026〕1号", handler: otherHandler }, { basicProsecution: otherDept, handler: otherHandler });
    const own = await record({ title: "本院可见的问题" });
    const { findings } = await server.ok<{ findings: { totalCount: number } }>(`{ findings { totalCount } }`, {}, head);

    const { page, context } = await open(head, "/ledger");
    await ledgerRows(page).filter({ hasText: "本院可见的问题" }).waitFor();
    await page.getByText(`共 ${findings.totalCount} 条`).waitFor();
    expect(await page.locator("body").innerText()).not.toContain(secret);
    // The unit picker offers only the head's subtree.
    const unitOptions = page.getByLabel("单位", { exact: true }).locator("option");
    await unitOptions.filter({ hasText: "第一检察部" }).waitFor({ state: "attached" });
    expect((await unitOptions.allInnerTexts()).join()).not.toContain("隔壁");

    await page.goto(`/findings/${encodeURIComponent(hidden.id)}`);
    await page.getByText("未找到，或不在您的查看范围内").waitFor();
    const detailText = await page.locator("body").innerText();
    for (const text of [secret, "只属于隔壁院的具体表现", "隔检刑诉", "赵隔壁", "隔壁区人民检察院"]) expect(detailText).not.toContain(text);

    await page.goto("/board");
    await page.getByRole("rowheader", { name: "第一检察部" }).waitFor();
    const boardText = await page.locator("body").innerText();
    expect(boardText).not.toContain(secret);
    expect(boardText).not.toContain("隔壁");

    const exported = await context.request.get(`/export/findings.xlsx`);
    expect(exported.status()).toBe(200);
    const sheet = await xlsxText(await exported.body());
    expect(sheet).toContain("本院可见的问题");
    expect(sheet).not.toContain(secret);
    expect(sheet).not.toContain("隔壁");
    expect(own.id).not.toBe(hidden.id);
  });

  it("shows bad input next to the field and changes nothing", async () => {
    const { page } = await open(supervisor, "/findings/new");
    const form = page.getByRole("form", { name: "登记问题" });
    await form.getByLabel("责任单位").locator("option").nth(1).waitFor({ state: "attached" });
    let before = await dataSnapshot(server);

    // Empty form: the required fields say so.
    await form.getByRole("button", { name: "登记", exact: true }).click();
    for (const name of ["问题概要", "整改时限", "责任单位", "具体表现"]) {
      const field = form.getByLabel(name, { exact: true });
      await (await errorOf(field)).getByText("此项必填").waitFor();
      expect(await field.getAttribute("aria-invalid")).toBe("true");
    }

    // A deadline before the day found: the server refuses it, the message sits by the deadline.
    await form.getByLabel("责任单位").selectOption(tree.basicProsecution);
    await form.getByLabel("问题概要").fill("无效时限的问题");
    await form.getByLabel("具体表现").fill("整改时限早于发现日期");
    await form.getByLabel("问题类别").selectOption("LEGAL_DOCUMENTS");
    await form.getByLabel("整改时限").fill(day(-3));
    await form.getByRole("button", { name: "登记", exact: true }).click();
    await (await errorOf(form.getByLabel("整改时限"))).getByText("整改时限早于发现日期").waitFor();
    expect(await (await errorOf(form.getByLabel("问题概要"))).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe("/findings/new");
    expect(await dataSnapshot(server)).toEqual(before);

    // Reject without a reason.
    const submitted = await record({ title: "待验收的问题" });
    let v = (await step("startRectification", { id: submitted.id })) as { startRectification: { version: number } };
    await step("submitRectification", { id: submitted.id, version: v.startRectification.version });
    await page.goto(`/findings/${encodeURIComponent(submitted.id)}`);
    const rejectForm = page.getByRole("form", { name: "退回整改" });
    before = await dataSnapshot(server);
    await rejectForm.getByRole("button", { name: "退回整改" }).click();
    await (await errorOf(rejectForm.getByLabel("退回理由"))).getByText("此项必填").waitFor();
    await rejectForm.getByLabel("退回理由").fill("   ");
    await rejectForm.getByRole("button", { name: "退回整改" }).click();
    await (await errorOf(rejectForm.getByLabel("退回理由"))).getByText("此项必填").waitFor();
    expect(await dataSnapshot(server)).toEqual(before);
    expect(await page.getByText("已提交待核查").count()).toBeGreaterThan(0);

    // Add a measure without text or due date, then with a due date before the day found.
    const rectifying = await record({ title: "整改中的问题" });
    v = (await step("startRectification", { id: rectifying.id })) as { startRectification: { version: number } };
    await page.goto(`/findings/${encodeURIComponent(rectifying.id)}`);
    const measureForm = page.getByRole("form", { name: "新增整改措施" });
    before = await dataSnapshot(server);
    await measureForm.getByRole("button", { name: "添加措施" }).click();
    await (await errorOf(measureForm.getByLabel("措施内容"))).getByText("此项必填").waitFor();
    await (await errorOf(measureForm.getByLabel("完成时限"))).getByText("此项必填").waitFor();
    await measureForm.getByLabel("措施内容").fill("补正文书");
    await measureForm.getByLabel("完成时限").fill(day(-2));
    await measureForm.getByRole("button", { name: "添加措施" }).click();
    await (await errorOf(measureForm.getByLabel("完成时限"))).getByText("完成时限早于发现日期").waitFor();
    expect(await (await errorOf(measureForm.getByLabel("措施内容"))).count()).toBe(0);
    expect(await dataSnapshot(server)).toEqual(before);
    await page.getByText("尚无整改措施").waitFor();
  });

  it("reports a stale version as a conflict and reloads on request", async () => {
    const finding = await record({ title: "被他人同时处理的问题" });
    const dash = await openDashboard(browser, server, { as: supervisor });
    opened.push(dash);
    // No live updates on this page, so it keeps the version it read.
    await dash.page.routeWebSocket(/\/graphql/, () => undefined);
    await dash.page.goto(`/findings/${encodeURIComponent(finding.id)}`);
    await dash.page.getByRole("button", { name: "开始整改" }).waitFor();
    await step("startRectification", { id: finding.id, version: finding.version });
    const before = await dataSnapshot(server);

    await dash.page.getByRole("button", { name: "开始整改" }).click();
    const alert = dash.page.getByRole("alert").filter({ hasText: "该记录已被他人修改，请重新加载后再试" });
    await alert.waitFor();
    expect(await dataSnapshot(server)).toEqual(before);
    await alert.getByRole("button", { name: "重新加载" }).click();
    await dash.page.getByRole("button", { name: "提交验收" }).waitFor();
    await alert.waitFor({ state: "detached" });
    expect(await dash.page.getByRole("button", { name: "开始整改" }).count()).toBe(0);
  });

  it("filters, sorts and pages the ledger, keeps the filter in the URL and exports the same filter", async () => {
    const office = await createUnit(server, { code: "T-B3", name: "第三区人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
    const dept = await createUnit(server, { code: "T-B3-GS", name: "第三区第一检察部", kind: "DEPARTMENT", level: "BASIC", category: "BUSINESS", parent: office });
    const handler = await createPerson(server, { name: "孙承办", unit: dept, position: "PROSECUTOR" });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const f = await record({ title: `分页问题${String(i + 1).padStart(2, "0")}`, deadline: day(20 + i), handler }, { basicProsecution: dept, handler });
      ids.push(f.id);
    }
    // Three of them are being fixed: 01, 02 and 03.
    for (const id of ids.slice(0, 3)) await step("startRectification", { id });

    const { page, context } = await open(supervisor, "/ledger");
    await page.getByLabel("单位", { exact: true }).selectOption(office);
    await page.getByText("共 25 条").waitFor();
    await expect.poll(() => ledgerRows(page).count()).toBe(20);
    expect(await ledgerRows(page).first().innerText()).toContain("分页问题01");
    await screenshot(page, "findings-ledger");

    await page.getByRole("button", { name: "下一页" }).click();
    await expect.poll(() => ledgerRows(page).count()).toBe(5);
    expect(await ledgerRows(page).last().innerText()).toContain("分页问题25");
    await page.getByRole("button", { name: "第一页" }).click();
    await expect.poll(() => ledgerRows(page).count()).toBe(20);

    await page.getByLabel("状态", { exact: true }).selectOption("RECTIFYING");
    await page.getByText("共 3 条").waitFor();
    await page.getByLabel("顺序").selectOption("DESC");
    await expect.poll(() => ledgerRows(page).first().innerText()).toContain("分页问题03");

    await page.getByLabel("关键词").fill("分页问题02");
    await page.getByLabel("关键词").press("Enter");
    await page.getByText("共 1 条").waitFor();
    await page.getByLabel("关键词").fill("");
    await page.getByLabel("关键词").press("Enter");
    await page.getByText("共 3 条").waitFor();

    await page.reload();
    await page.getByText("共 3 条").waitFor();
    expect(await page.getByLabel("状态", { exact: true }).inputValue()).toBe("RECTIFYING");
    expect(await page.getByLabel("单位", { exact: true }).inputValue()).toBe(office);
    await expect.poll(() => ledgerRows(page).first().innerText()).toContain("分页问题03");

    const link = page.getByRole("link", { name: "导出 Excel" });
    expect(await link.getAttribute("download")).not.toBeNull();
    const href = new URL((await link.getAttribute("href"))!, server.url);
    expect(href.pathname).toBe("/export/findings.xlsx");
    expect(JSON.parse(href.searchParams.get("filter")!)).toEqual({ unit: office, status: ["RECTIFYING"] });
    expect(JSON.parse(href.searchParams.get("orderBy")!)).toEqual({ field: "DEADLINE", direction: "DESC" });
    const exported = await context.request.get(href.pathname + href.search);
    const sheet = await xlsxText(await exported.body());
    expect(sheet.match(/分页问题\d\d/g)).toEqual(["分页问题03", "分页问题02", "分页问题01"]);
  });
});
