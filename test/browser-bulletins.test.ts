import { writeFileSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shanghaiDate } from "../server/clock.js";
import { ARTIFACTS, hasChromium, launchBrowser, openDashboard, screenshot } from "./support/browser.js";
import { buildSmallTree, dataSnapshot, findingInput, MUTATIONS, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";

interface Recorded {
  id: string;
  code: string;
}

describe.skipIf(!hasChromium)("bulletins and accountability in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: SmallTree;
  let supervisor: Credentials;
  /** In 测试区人民检察院 / 第一检察部, handled by 李承办. */
  let detained: Recorded;
  /** Same department, another handler and case. */
  let caseCard: Recorded;
  /** In the city office's own department: outside the basic office's jurisdiction. */
  let cityFinding: Recorded;
  let publishedId = "";

  const record = async (overrides: Record<string, unknown>): Promise<Recorded> =>
    (await server.ok<{ recordFinding: Recorded }>(RECORD_FINDING, { input: findingInput(tree, overrides) })).recordFinding;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    tree = await buildSmallTree(server);
    detained = await record({});
    caseCard = await record({ title: "案卡信息填录不全", handler: tree.otherHandler, caseRef: "测检刑诉〔2026〕21号", description: "案卡中未填录退回补充侦查次数。" });
    cityFinding = await record({ title: "市院案管部门登记表缺页", unit: tree.cityCaseDept, handler: tree.supervisor, caseRef: "测检案管〔2026〕3号" });
    supervisor = await signInAs(server, "SUPERVISOR", tree.city);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Items of the compose form's list, as their text areas read. */
  const itemTexts = async (page: Page) => Promise.all((await page.getByRole("textbox", { name: /^第\d+条内容$/ }).all()).map((box) => box.inputValue()));

  /** A computed style in the page (the tests compile without DOM types, hence the string key). */
  const css = (locator: Locator, property: string) =>
    locator.evaluate((e, p) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(e)[p], property);

  it("lets a supervisor compose a bulletin from a finding and a highlight, publish it, and read who and which case it names", async () => {
    const { page, context, offsite, pageErrors } = await openDashboard(browser, server, { as: supervisor });
    await page.goto("/bulletins");
    await page.getByRole("link", { name: "拟稿" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/bulletins/new");

    await page.getByLabel("标题").fill("关于2026年一季度流程监控检查情况的通报");
    await page.getByLabel("类别").selectOption({ label: "流程监控检查情况" });
    await expect.poll(() => page.getByLabel("发布单位").locator("option:checked").textContent()).toBe("测试市人民检察院");

    await page.getByLabel("关键词").fill("羁押");
    await page.getByRole("button", { name: "查找问题" }).click();
    await page.getByRole("button", { name: `加入 ${detained.code}` }).click();
    await page.getByLabel("关键词").fill("案卡");
    await page.getByRole("button", { name: "查找问题" }).click();
    await page.getByRole("button", { name: `加入 ${caseCard.code}` }).click();
    await page.getByLabel("亮点内容").fill("第一检察部建立案件流程节点提醒机制，本季度未发生超期。");
    await page.getByRole("button", { name: "添加亮点" }).click();
    expect(await itemTexts(page)).toEqual(["起诉书未载明被告人羁押情况", "案卡信息填录不全", "第一检察部建立案件流程节点提醒机制，本季度未发生超期。"]);

    // Reorder and remove: the highlight up one, then back; the case-card item out.
    await page.getByRole("button", { name: "上移第3条" }).click();
    expect(await itemTexts(page)).toEqual(["起诉书未载明被告人羁押情况", "第一检察部建立案件流程节点提醒机制，本季度未发生超期。", "案卡信息填录不全"]);
    await page.getByRole("button", { name: "删除第3条" }).click();
    expect(await itemTexts(page)).toEqual(["起诉书未载明被告人羁押情况", "第一检察部建立案件流程节点提醒机制，本季度未发生超期。"]);
    await page.getByRole("button", { name: "保存草稿" }).click();

    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/bulletins\/(?!new)[^/]+$/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]!);
    await page.getByText("草稿：尚未发布").waitFor();
    const draft = await server.ok<{ bulletin: { published: boolean; title: string; items: { kind: string; text: string }[] } }>(
      `query($id: ID!) { bulletin(id: $id) { published title items { kind text } } }`,
      { id },
    );
    expect(draft.bulletin).toEqual({
      published: false,
      title: "关于2026年一季度流程监控检查情况的通报",
      items: [
        { kind: "CRITICISM", text: "起诉书未载明被告人羁押情况" },
        { kind: "HIGHLIGHT", text: "第一检察部建立案件流程节点提醒机制，本季度未发生超期。" },
      ],
    });

    await page.getByRole("button", { name: "发布" }).click();
    const year = Number(shanghaiDate(server.clock.now()).slice(0, 4));
    await page.getByText(`已发布：${year}年第1期`).waitFor();
    expect(await page.getByRole("button", { name: "发布" }).count()).toBe(0);

    const doc = page.getByRole("article", { name: "通报正文" });
    await doc.getByText(`${year}年第1期`, { exact: true }).waitFor();
    await doc.getByText("曝光台", { exact: true }).waitFor();
    await doc.getByText("发布单位：测试市人民检察院").waitFor();
    await doc.getByRole("heading", { name: "关于2026年一季度流程监控检查情况的通报" }).waitFor();
    const criticism = doc.getByRole("region", { name: "一、批评曝光" }).getByRole("listitem");
    expect(await criticism.count()).toBe(1);
    const named = await criticism.innerText();
    for (const part of ["起诉书未载明被告人羁押情况", "单位", "测试区人民检察院", "部门", "第一检察部", "承办人", "李承办", "案号", "测检刑诉〔2026〕15号", "案件起诉书中未写明被告人被采取强制措施的时间和种类。"]) {
      expect(named).toContain(part);
    }
    await doc.getByRole("region", { name: "二、工作亮点" }).getByText("第一检察部建立案件流程节点提醒机制，本季度未发生超期。").waitFor();

    await page.goto("/bulletins");
    const row = page.getByRole("row", { name: /关于2026年一季度流程监控检查情况的通报/ });
    await row.getByText(`${year}年第1期`).waitFor();
    expect(await row.getByRole("cell").allInnerTexts()).toEqual([
      `${year}年第1期`,
      "流程监控检查情况",
      "关于2026年一季度流程监控检查情况的通报",
      "测试市人民检察院",
      expect.stringMatching(new RegExp(`^${year}/\\d\\d/\\d\\d \\d\\d:\\d\\d$`)),
      "2",
    ]);
    // The whole row opens the bulletin, not just its title.
    await row.click({ position: { x: 12, y: 12 } });
    await expect.poll(() => decodeURIComponent(new URL(page.url()).pathname)).toBe(`/bulletins/${id}`);
    publishedId = id;
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("prints the bulletin on A4 with the app header and buttons hidden", async () => {
    expect(publishedId).not.toBe("");
    // As wide as A4 between 2 cm margins (170 mm), so the print screenshot shows the PDF's line breaks.
    const { page, context } = await openDashboard(browser, server, { as: supervisor, viewport: { width: 643, height: 910 } });
    await page.goto(`/bulletins/${publishedId}`);
    const doc = page.getByRole("article", { name: "通报正文" });
    await doc.getByText("李承办").waitFor();
    await page.getByRole("banner").waitFor();
    await page.getByRole("button", { name: "打印" }).waitFor();

    await page.emulateMedia({ media: "print" });
    await page.getByRole("banner").waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "打印" }).waitFor({ state: "hidden" });
    expect(await page.getByRole("button").filter({ visible: true }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "返回通报列表" }).isVisible()).toBe(false);
    expect(await doc.isVisible()).toBe(true);
    // A formal red masthead over a red rule, black text on white.
    const masthead = doc.getByText("曝光台", { exact: true });
    expect(await css(masthead, "color")).toBe("rgb(200, 22, 29)");
    expect(await css(doc.locator(".rule"), "borderTopColor")).toBe("rgb(200, 22, 29)");
    expect([await css(doc, "color"), await css(doc, "backgroundColor"), await css(page.locator("body"), "backgroundColor")]).toEqual([
      "rgb(0, 0, 0)",
      "rgb(255, 255, 255)",
      "rgb(255, 255, 255)",
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/bulletin-print.png`, fullPage: true });

    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(`${ARTIFACTS}/bulletin.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdf.toString("latin1");
    // One A4 page (595 × 842 pt).
    expect(text.match(/\/Type\s*\/Page(?![s\w])/g)?.length).toBe(1);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
    expect(Math.abs(Number(box?.[1]) - 595)).toBeLessThan(2);
    expect(Math.abs(Number(box?.[2]) - 842)).toBeLessThan(2);

    await page.emulateMedia({ media: "screen" });
    await page.getByRole("banner").waitFor();
    await screenshot(page, "bulletin-screen");
    await context.close();
  });

  it("keeps bad input in the compose form next to its field and creates nothing", async () => {
    const before = await dataSnapshot(server);
    const { page, context, pageErrors } = await openDashboard(browser, server, { as: supervisor });
    await page.goto("/bulletins/new");
    await expect.poll(() => page.getByLabel("发布单位").inputValue()).not.toBe("");

    await page.getByRole("button", { name: "保存草稿" }).click();
    const title = page.getByLabel("标题");
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
    const titleError = page.locator(`#${await title.getAttribute("aria-describedby")}`);
    expect(await titleError.innerText()).toBe("请填写标题");
    await page.getByRole("alert").getByText("请至少添加一条通报条目").waitFor();

    // Only spaces is still no title; with a title the item message stays until an item is added.
    await title.fill("   ");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.getByRole("alert").getByText("请至少添加一条通报条目").waitFor();
    expect(await titleError.innerText()).toBe("请填写标题");
    await title.fill("关于流程监控检查情况的通报");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("false");
    await page.getByRole("alert").getByText("请至少添加一条通报条目").waitFor();

    // An empty highlight is refused where it is typed.
    await page.getByRole("button", { name: "添加亮点" }).click();
    await page.getByRole("alert").getByText("请填写亮点内容").waitFor();

    // The server's own check: a finding outside the issuing office's jurisdiction, shown at that item.
    await page.getByLabel("发布单位").selectOption({ label: "测试区人民检察院" });
    await page.getByLabel("所属单位").selectOption({ label: "全部" });
    await page.getByLabel("关键词").fill("登记表");
    await page.getByRole("button", { name: "查找问题" }).click();
    await page.getByRole("button", { name: `加入 ${cityFinding.code}` }).click();
    await page.getByRole("button", { name: "保存草稿" }).click();
    const item = page.getByRole("textbox", { name: "第1条内容" });
    await expect.poll(() => item.getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("alert").getByText("outside the issuing unit's jurisdiction").waitFor();
    expect(new URL(page.url()).pathname).toBe("/bulletins/new");

    expect(await dataSnapshot(server)).toEqual(before);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("shows a unit head no compose link and no publish button, which someone who may publish sees on a draft", async () => {
    expect(publishedId).not.toBe("");
    const unitHead = await signInAs(server, "UNIT_HEAD", tree.basic);
    const head = await openDashboard(browser, server, { as: unitHead });
    await head.page.goto("/bulletins");
    await head.page.getByRole("row", { name: /关于2026年一季度流程监控检查情况的通报/ }).waitFor();
    expect(await head.page.getByRole("link", { name: "拟稿" }).count()).toBe(0);
    await head.page.goto(`/bulletins/${publishedId}`);
    await head.page.getByRole("article", { name: "通报正文" }).getByText("李承办").waitFor();
    await head.page.getByRole("button", { name: "打印" }).waitFor();
    expect(await head.page.getByRole("button", { name: "发布" }).count()).toBe(0);
    expect(head.pageErrors).toEqual([]);
    await head.context.close();

    const draft = await server.ok<{ createBulletin: { id: string } }>(MUTATIONS.createBulletin, {
      input: { title: "政务运行情况通报（拟稿）", kind: "GOVERNANCE", unit: tree.city, items: [{ kind: "CRITICISM", finding: caseCard.id }] },
    });
    // A draft is not even visible without readDrafts: the page says so instead of failing.
    const again = await openDashboard(browser, server, { as: unitHead });
    await again.page.goto(`/bulletins/${draft.createBulletin.id}`);
    await again.page.getByRole("alert").getByText("未找到，或不在您的查看范围内").waitFor();
    expect(await again.page.getByRole("button", { name: "发布" }).count()).toBe(0);
    await again.context.close();

    // Whoever may publish sees the button on the same draft.
    const sup = await openDashboard(browser, server, { as: supervisor });
    await sup.page.goto(`/bulletins/${draft.createBulletin.id}`);
    await sup.page.getByRole("button", { name: "发布" }).waitFor();
    // A draft names the finding as it is now.
    await sup.page.getByRole("article", { name: "通报正文" }).getByText("王检察").waitFor();
    await sup.context.close();
  });

  it("lists accountability actions recorded through the API, and the kind filter narrows the list", async () => {
    await server.ok(MUTATIONS.recordAccountabilityAction, {
      input: { kind: "TALK", targetPerson: tree.handler, findings: [detained.id], reason: "整改不到位，约谈承办人", decidedBy: tree.supervisor },
    });
    await server.ok(MUTATIONS.recordAccountabilityAction, {
      input: { kind: "ADMONISHMENT", targetUnit: tree.basicProsecution, findings: [detained.id, caseCard.id], reason: "同类问题反复出现", decidedBy: tree.supervisor },
    });
    const { page, context, offsite, pageErrors } = await openDashboard(browser, server, { as: supervisor });
    await page.goto("/accountability");
    const table = page.getByRole("table", { name: "问责记录" });
    const talk = table.getByRole("row", { name: /整改不到位，约谈承办人/ });
    await talk.waitFor();
    const cells = await talk.getByRole("cell").allInnerTexts();
    expect(cells.slice(0, 5)).toEqual(["约谈", "李承办\n第一检察部", "整改不到位，约谈承办人", "周监管", shanghaiDate(server.clock.now())]);
    expect(await talk.getByRole("link", { name: detained.code }).getAttribute("href")).toBe(`/findings/${detained.id}`);
    const admonishment = table.getByRole("row", { name: /同类问题反复出现/ });
    expect(await admonishment.getByRole("cell").nth(0).innerText()).toBe("诫勉谈话");
    expect(await admonishment.getByRole("cell").nth(1).innerText()).toBe("第一检察部");
    expect((await admonishment.getByRole("link").allInnerTexts()).sort()).toEqual([detained.code, caseCard.code].sort());
    await page.getByText("共 2 条").waitFor();

    await page.getByLabel("问责方式").selectOption({ label: "约谈" });
    await admonishment.waitFor({ state: "detached" });
    await talk.waitFor();
    await page.getByText("共 1 条").waitFor();
    expect(new URL(page.url()).searchParams.get("kind")).toBe("TALK");

    await page.getByLabel("问责方式").selectOption({ label: "通报批评" });
    await table.getByText("暂无问责记录").waitFor();
    await page.getByText("共 0 条").waitFor();
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
  it("recommends the next rung of the ladder, records it with one click and then recommends the one above", async () => {
    const overdue = await record({
      title: "羁押必要性审查超期",
      handler: tree.otherHandler,
      category: "CASE_PROCEDURE",
      foundAt: "2026-01-05T02:00:00Z",
      deadline: "2026-01-20",
      caseRef: "测检刑诉〔2026〕2号",
    });
    const { page, context, offsite, pageErrors } = await openDashboard(browser, server, { as: supervisor });
    await page.goto("/accountability");
    const card = page.getByRole("list", { name: "问责建议清单" }).getByRole("listitem", { name: "王检察", exact: true });
    await expect.poll(() => card.locator(".received").innerText()).toBe("尚未问责");
    expect(await card.locator(".kind").innerText()).toBe("约谈");
    await card.getByText("超期未整改").waitFor();
    expect(await card.getByRole("link", { name: overdue.code }).getAttribute("href")).toBe(`/findings/${overdue.id}`);

    // An empty reason is refused beside the field, and nothing is written.
    const count = async () => Number((await server.database.exec("select count(*)::int as n from accountability_actions"))[0]!.n);
    const before = await count();
    await card.getByRole("button", { name: "记录此问责" }).click();
    const form = card.getByRole("form", { name: "记录此问责" });
    expect(await form.getByLabel("问责方式").inputValue()).toBe("TALK");
    expect(await form.getByLabel("问责事由").inputValue()).toContain(overdue.code);
    await form.getByLabel("问责事由").fill("  ");
    await form.getByRole("button", { name: "保存" }).click();
    await form.getByRole("alert").filter({ hasText: "此项必填" }).waitFor();
    expect(await count()).toBe(before);

    await form.getByLabel("问责事由").fill("羁押必要性审查超期未整改，约谈承办检察官");
    await form.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已记录问责" }).waitFor();
    expect(await count()).toBe(before + 1);
    // The ladder moves up one rung, and the list below shows the action.
    await expect.poll(() => card.locator(".received").innerText()).toBe("约谈");
    expect(await card.locator(".kind").innerText()).toBe("诫勉谈话");
    await page.getByRole("table", { name: "问责记录" }).getByRole("row", { name: /羁押必要性审查超期未整改，约谈承办检察官/ }).waitFor();
    await screenshot(page, "accountability-recommendations");
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
