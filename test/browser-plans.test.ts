import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, openDashboard, screenshot, type DashboardPage } from "./support/browser.js";
import { buildSmallTree, createPerson, createUnit, findingInput, MUTATIONS, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type Credentials, type TestServer } from "./support/server.js";

/** Monday 20 Oct 2031, noon in Asia/Shanghai: server and browser both live on this day. */
const NOW = new Date("2031-10-20T04:00:00Z");
const at = (local: string) => new Date(`${local}+08:00`);

describe.skipIf(!hasChromium)("improvement plans (一院一策) in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: SmallTree;
  let supervisor: Credentials;
  let head: Credentials;
  let otherHead: Credentials;
  const codes: Record<"late" | "open" | "verified", string> = { late: "", open: "", verified: "" };
  let planPath = "";
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
    tree = await buildSmallTree(server);
    await createPerson(server, { name: "赵院长", unit: tree.basic, position: "LEADER" });
    const other = await createUnit(server, { code: "T-B2", name: "隔壁区人民检察院", kind: "OFFICE", level: "BASIC", parent: tree.city });
    supervisor = await signInAs(server, "SUPERVISOR", tree.city);
    head = await signInAs(server, "UNIT_HEAD", tree.basic);
    otherHead = await signInAs(server, "UNIT_HEAD", other);

    // History of the basic office's findings: one overdue since 11 Sep, one open, one verified on 15 Sep.
    const record = async (local: string, overrides: Record<string, unknown>) => {
      server.clock.set(at(local));
      return (await server.ok<{ recordFinding: { id: string; code: string } }>(RECORD_FINDING, { input: findingInput(tree, overrides) })).recordFinding;
    };
    const late = await record("2031-09-02T10:00:00", { title: "未按期告知诉讼权利", deadline: "2031-09-10" });
    const openOne = await record("2031-09-03T10:00:00", { title: "卷宗材料不全", deadline: "2031-11-30" });
    const verified = await record("2031-09-04T10:00:00", { title: "案卡信息填录不全", deadline: "2031-09-30" });
    server.clock.set(at("2031-09-05T10:00:00"));
    await server.ok(MUTATIONS.addMeasure, { input: { id: openOne.id, text: "补齐卷宗材料并复查", owner: tree.handler, due: "2031-11-15" } });
    await server.ok(MUTATIONS.startRectification, { input: { id: verified.id } });
    await server.ok(MUTATIONS.submitRectification, { input: { id: verified.id } });
    server.clock.set(at("2031-09-15T10:00:00"));
    await server.ok(MUTATIONS.verifyRectification, { input: { id: verified.id, verifier: tree.supervisor } });
    server.clock.set(NOW);
    codes.late = late.code;
    codes.open = openOne.code;
    codes.verified = verified.code;
  });
  afterAll(async () => {
    for (const dash of opened) {
      expect(dash.offsite).toEqual([]);
      expect(dash.pageErrors).toEqual([]);
    }
    await browser?.close();
    await server?.close();
  });

  it("creates a plan, takes findings from the unit's ledger and shows the flags over time", async () => {
    const { page } = await open(supervisor, "/plans");
    await page.getByRole("navigation").getByRole("link", { name: "一院一策" }).waitFor();
    await page.getByText("暂无整改方案").waitFor();

    await page.getByText("制定整改方案", { exact: true }).click();
    const form = page.getByRole("form", { name: "制定整改方案" });
    // Required fields say so where they are typed; nothing is sent.
    await form.getByRole("button", { name: "创建方案" }).click();
    await form.locator("#cp-title-error").getByText("必填").waitFor();
    await form.getByLabel("整改单位").locator("option").filter({ hasText: "测试区人民检察院" }).waitFor({ state: "attached" });
    await form.getByLabel("整改单位").selectOption(tree.basic);
    await form.getByLabel("方案名称").fill("测试区院一院一策整改方案");
    await form.getByLabel("问题概述与整改思路").fill("流程监控发现超期问题较多，逐项明确责任人和时限。");
    await form.getByLabel("开始日期").fill("2031-09-01");
    await form.getByLabel("结束日期").fill("2031-12-31");
    await form.getByRole("button", { name: "增加时间节点" }).click();
    await form.getByLabel("节点内容 1").fill("完成问题清单梳理");
    await form.getByLabel("责任人 1").locator("option").filter({ hasText: "赵院长" }).waitFor({ state: "attached" });
    await form.getByLabel("责任人 1").selectOption({ label: "赵院长" });
    await form.getByLabel("完成时限 1").fill("2031-10-31");
    await form.getByRole("button", { name: "创建方案" }).click();

    await page.getByRole("heading", { name: "测试区院一院一策整改方案", level: 1 }).waitFor();
    planPath = new URL(page.url()).pathname;
    expect(planPath).toMatch(/^\/plans\/[\w-]+$/);
    await page.getByText("整改单位：测试市人民检察院 · 测试区人民检察院").waitFor();
    await page.getByText("方案尚未纳入问题").waitFor();

    // Take all three findings from the unit's ledger.
    await page.getByText("从本单位台账纳入问题").click();
    for (const code of [codes.late, codes.open, codes.verified]) await page.getByLabel(`选择 ${code}`).check();
    await page.getByRole("button", { name: "纳入方案" }).click();
    const findings = page.getByRole("table", { name: "问题清单与整改措施" });
    await findings.getByRole("rowheader", { name: codes.verified }).waitFor();
    const row = (code: string) => findings.getByRole("row").filter({ has: page.getByRole("rowheader", { name: code }) });
    expect(await row(codes.late).locator("[data-flag]").getAttribute("data-flag")).toBe("BLACK");
    expect(await row(codes.verified).locator("[data-flag]").getAttribute("data-flag")).toBe("RED");
    await row(codes.open).getByText("补齐卷宗材料并复查").waitFor();
    await row(codes.open).getByText(/李承办 · 2031-11-15 · 未完成/).waitFor();

    // Counters now: one of each flag.
    const counters = page.getByRole("region", { name: "当前问题整改情况" });
    expect(await counters.locator("[data-flag] dd").allInnerTexts()).toEqual(["1", "1", "1"]);

    // The chart and its data: weekly from 1 Sep to today, replayed from the findings' history.
    await page.getByRole("img", { name: "挂图作战 · 整改进度" }).locator("canvas").first().waitFor();
    await page.getByText("整改进度数据").click();
    const data = page.getByRole("table", { name: "整改进度数据" });
    const point = (date: string) => data.locator(`tr[data-date="${date}"]`).getByRole("cell").allInnerTexts();
    expect(await data.locator("tbody tr").count()).toBe(8); // 1, 8, 15, 22, 29 Sep, 6, 13, 20 Oct
    expect(await point("2031-09-01")).toEqual(["0", "0", "0", "0", "3"]);
    expect(await point("2031-09-08")).toEqual(["0", "3", "0", "0", "0"]);
    expect(await point("2031-09-15")).toEqual(["1", "1", "1", "0", "0"]);
    await page.getByLabel("间隔").selectOption("DAY");
    await data.locator('tr[data-date="2031-09-11"]').waitFor();
    expect(await point("2031-09-10")).toEqual(["0", "3", "0", "0", "0"]);
    expect(await point("2031-09-11")).toEqual(["0", "2", "1", "0", "0"]);
    await screenshot(page, "plan-detail");

    // The timetable merges the milestone and the measure by date.
    const timetable = page.getByRole("table", { name: "时间表" });
    expect((await timetable.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t").slice(0, 4).join("|"))).toEqual([
      "2031-10-31|时间节点|完成问题清单梳理|赵院长",
      `2031-11-15|整改措施|补齐卷宗材料并复查 ${codes.open}|李承办`,
    ]);

    // A further milestone through the form.
    await page.getByText("增加时间节点", { exact: true }).click();
    const add = page.getByRole("form", { name: "增加时间节点" });
    await add.getByLabel("节点内容").fill("整改情况验收");
    await add.getByLabel("完成时限").fill("2031-12-20");
    await add.getByRole("button", { name: "增加" }).click();
    await timetable.getByText("整改情况验收").waitFor();

    // The list shows it with its flags.
    await page.getByRole("link", { name: "返回方案列表" }).click();
    const listed = page.getByRole("table", { name: "整改方案" }).getByRole("row").filter({ hasText: "测试区院一院一策整改方案" });
    await listed.waitFor();
    expect(await listed.getByRole("cell").allInnerTexts()).toEqual(["测试市人民检察院 · 测试区人民检察院", "2031-09-01 至 2031-12-31", "进行中", expect.stringMatching(/红旗 1\s*黄旗 1\s*黑旗 1\s*共 3 项/)]);
  });

  it("lets the unit's head mark a milestone done, and nothing more", async () => {
    const { page } = await open(head, planPath);
    await page.getByRole("heading", { name: "测试区院一院一策整改方案", level: 1 }).waitFor();
    expect(await page.getByRole("button", { name: "结束方案" }).count()).toBe(0);
    expect(await page.getByText("从本单位台账纳入问题").count()).toBe(0);
    const timetable = page.getByRole("table", { name: "时间表" });
    const milestone = timetable.getByRole("row").filter({ hasText: "完成问题清单梳理" });
    await milestone.getByRole("button", { name: "标记完成" }).click();
    await milestone.getByText(/2031\/10\/20 12:00 完成/).waitFor();
    const [{ done }] = (await server.database.exec("select count(*)::int as done from plan_milestones where done_at is not null")) as [{ done: number }];
    expect(done).toBe(1);
  });

  it("shows another office's head no plan", async () => {
    const { page } = await open(otherHead, "/plans");
    await page.getByText("暂无整改方案").waitFor();
    await page.goto(planPath);
    await page.getByRole("alert").getByText("未找到，或不在您的查看范围内").waitFor();
    expect(await page.getByText("测试区院一院一策整改方案").count()).toBe(0);
  });

  it("closes the plan after confirmation", async () => {
    const { page } = await open(supervisor, planPath);
    page.on("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "结束方案" }).click();
    await page.locator('[data-status="CLOSED"]').getByText("已结束").waitFor();
    expect(await page.getByRole("button", { name: "结束方案" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "标记完成" }).count()).toBe(0);
  });
});
