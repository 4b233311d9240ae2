import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enumLabels } from "../schema/labels.js";
import { addDays, shanghaiDate } from "../server/clock.js";
import { hasChromium, launchBrowser, openDashboard, screenshot } from "./support/browser.js";
import { buildSmallTree, findingInput, MUTATIONS, RECORD_FINDING, signInAs, type SmallTree } from "./support/factory.js";
import { startTestServer, type TestServer } from "./support/server.js";

type Lang = "zh" | "en";

/** Text that is a message key rather than a message (a t() miss or a typo'd key). */
const MESSAGE_KEY = /\b(common|nav|login|error|board|findings|bulletins|accountability|inspections|reports|reviews|supervision|sampling|plans|app)\.[A-Za-z]+/;
/** Every value of every enum the UI must show through label(), as a whole upper-case word. */
const RAW_ENUM = new RegExp(`(?<![A-Za-z0-9_])(${[...new Set(Object.values(enumLabels).flatMap((e) => Object.keys(e)))].join("|")})(?![A-Za-z0-9_])`);
const HAN = /\p{Script=Han}/u;

const LOADING = { zh: "加载中…", en: "Loading…" } satisfies Record<Lang, string>;
const NAV_LEDGER = { zh: "整改台账", en: "Ledger" } satisfies Record<Lang, string>;

/** Seeded names and texts: data is shown as it is, so these are removed before looking for untranslated words. */
const DATA = {
  finding: { title: "起诉书未载明被告人羁押情况", description: "案件起诉书中未写明被告人被采取强制措施的时间和种类。", caseRef: "测检刑诉〔2026〕15号" },
  rectifying: { title: "案卡信息填录不全", description: "案卡中未填录退回补充侦查次数。", caseRef: "测检刑诉〔2026〕21号" },
  withdrawn: { title: "阅卷笔录缺少签名", description: "阅卷笔录末页无承办人签名。", caseRef: "测检刑诉〔2026〕33号", reason: "经核实系扫描遗漏，原件齐全" },
  measure: "组织全员学习起诉书制作规范",
  bulletinTitle: "关于2026年一季度流程监控检查情况的通报",
  highlight: "第一检察部建立案件流程节点提醒机制，本季度未发生超期。",
  actionReason: "整改不到位，约谈承办人",
  inspection: { caseRef: "测检刑诉〔2026〕40号", title: "量刑建议书未附计算说明", description: "量刑建议书未载明量刑起点和调节幅度。", notes: "随机抽取" },
  supervision: { title: "督促落实流程监控整改要求", requirements: "对照通报逐项整改，一周内书面反馈。", feedback: "已组织全员学习，整改台账已更新。", notice: "建议完善案件流程节点提醒机制。" },
  plan: { title: "测试区院一院一策整改方案", summary: "流程监控发现超期问题较多，逐项明确责任人和时限。", milestone: "完成问题清单梳理" },
  review: { caseRef: "测检刑诉〔2026〕52号", title: "起诉书遗漏量刑情节", description: "起诉书未载明被告人自首情节。", notes: "本院常规评查" },
};
const UNIT_AND_PEOPLE = ["测试市人民检察院", "案件管理部", "测试区人民检察院", "第一检察部", "周监管", "李承办", "王检察"];

function withoutData(text: string): string {
  const strings = [
    ...UNIT_AND_PEOPLE,
    ...Object.values(DATA).flatMap((v) => (typeof v === "string" ? [v] : Object.values(v))),
  ].sort((a, b) => b.length - a.length);
  let rest = text;
  for (const s of strings) rest = rest.split(s).join(" ");
  // The server's issue label (2026年第1期) and document numbers (督建〔2026〕1号) are data too; so is the
  // language switch, which names the other language.
  return rest.replace(/\d{4}年第\d+期/g, " ").replace(/\p{Script=Han}+〔\d{4}〕\d+号/gu, " ").replace(/中文/g, " ");
}

describe.skipIf(!hasChromium)("every page in both languages", () => {
  let server: TestServer;
  let browser: Browser;
  let tree: SmallTree;
  let findingId = "";
  let findingCode = "";
  let bulletinId = "";
  let planId = "";
  let supervisionId = "";

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
    tree = await buildSmallTree(server);
    const record = async (overrides: Record<string, unknown>) =>
      (await server.ok<{ recordFinding: { id: string; code: string; version: number } }>(RECORD_FINDING, { input: findingInput(tree, overrides) })).recordFinding;
    const finding = await record(DATA.finding);
    findingId = finding.id;
    findingCode = finding.code;
    await server.ok(MUTATIONS.addMeasure, { input: { id: finding.id, text: DATA.measure, due: "2026-12-01", owner: tree.handler } });
    await server.ok(MUTATIONS.assignResponsibility, { input: { id: finding.id, person: tree.handler, tier: "DIRECT" } });
    const rectifying = await record({ ...DATA.rectifying, handler: tree.otherHandler, rectificationClass: "GRADUAL", severity: "IRREGULAR", category: "CASE_INFORMATION" });
    await server.ok(MUTATIONS.startRectification, { input: { id: rectifying.id } });
    const withdrawn = await record({ title: DATA.withdrawn.title, description: DATA.withdrawn.description, caseRef: DATA.withdrawn.caseRef, source: "QUALITY_REVIEW" });
    await server.ok(MUTATIONS.withdrawFinding, { input: { id: withdrawn.id, reason: DATA.withdrawn.reason } });
    await server.ok(MUTATIONS.recordAccountabilityAction, {
      input: { kind: "TALK", targetPerson: tree.handler, findings: [finding.id], reason: DATA.actionReason, decidedBy: tree.supervisor },
    });
    const bulletin = await server.ok<{ createBulletin: { id: string } }>(MUTATIONS.createBulletin, {
      input: {
        title: DATA.bulletinTitle,
        kind: "PROCESS_MONITORING",
        unit: tree.city,
        items: [
          { kind: "CRITICISM", finding: finding.id },
          { kind: "HIGHLIGHT", text: DATA.highlight },
        ],
      },
    });
    bulletinId = bulletin.createBulletin.id;
    await server.ok(MUTATIONS.publishBulletin, { id: bulletinId });
    // 流程监控: 周监管 inspected a case today and found a problem.
    const today = shanghaiDate(server.clock.now());
    await server.ok(`mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { id } }`, {
      input: {
        supervisor: tree.supervisor,
        unit: tree.basicProsecution,
        caseRef: DATA.inspection.caseRef,
        inspectedOn: today,
        result: "PROBLEM",
        notes: DATA.inspection.notes,
        problem: { title: DATA.inspection.title, description: DATA.inspection.description, category: "CASE_PROCEDURE", severity: "FLAW", rectificationClass: "IMMEDIATE", deadline: addDays(today, 30) },
      },
    });
    // 案件质量评查: a FLAW review of 李承办 by his own office today puts him on the veto watch.
    await server.ok(`mutation($input: RecordQualityReviewInput!) { recordQualityReview(input: $input) { id } }`, {
      input: {
        caseRef: DATA.review.caseRef,
        prosecutor: tree.handler,
        reviewedOn: today,
        mode: "OWN_OFFICE",
        reviewerUnit: tree.basic,
        result: "FLAW",
        notes: DATA.review.notes,
        problem: { title: DATA.review.title, description: DATA.review.description, category: "LEGAL_DOCUMENTS", rectificationClass: "IMMEDIATE", deadline: addDays(today, 30) },
      },
    });
    // 检务督察: an open item with feedback and a suggestion.
    const item = await server.ok<{ openSupervisionItem: { id: string } }>(`mutation($input: OpenSupervisionItemInput!) { openSupervisionItem(input: $input) { id } }`, {
      input: { title: DATA.supervision.title, source: "LEADER_ASSIGNED", requirements: DATA.supervision.requirements, unit: tree.basicProsecution },
    });
    supervisionId = item.openSupervisionItem.id;
    await server.ok(`mutation($input: AddSupervisionFeedbackInput!) { addSupervisionFeedback(input: $input) { text } }`, { input: { item: supervisionId, text: DATA.supervision.feedback } });
    await server.ok(`mutation($input: IssueSupervisionNoticeInput!) { issueSupervisionNotice(input: $input) { id } }`, {
      input: { item: supervisionId, kind: "SUGGESTION", text: DATA.supervision.notice },
    });
    // 一院一策: a plan for the basic office with the first finding and a milestone.
    const plan = await server.ok<{ createPlan: { id: string } }>(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, {
      input: {
        unit: tree.basic,
        title: DATA.plan.title,
        summary: DATA.plan.summary,
        startsOn: addDays(today, -30),
        endsOn: addDays(today, 90),
        findings: [finding.id],
        milestones: [{ title: DATA.plan.milestone, owner: tree.handler, dueOn: addDays(today, 30) }],
      },
    });
    planId = plan.createPlan.id;
    // The unit head's "my items" has something to show (the admin sees everything anyway).
    await signInAs(server, "UNIT_HEAD", tree.basic);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page, what shows that it has loaded its data (beyond the loading text being gone), and what to open before reading it. */
  const pages: Array<{
    name: string;
    path: () => string;
    signedIn: boolean;
    shell: boolean;
    ready?: (page: Page, lang: Lang) => Locator;
    prepare?: (page: Page, lang: Lang) => Promise<void>;
  }> = [
    { name: "/login", path: () => "/login", signedIn: false, shell: false, ready: (page, lang) => page.getByRole("button", { name: lang === "zh" ? "登录" : "Sign in" }) },
    { name: "/ledger", path: () => "/ledger", signedIn: true, shell: true, ready: (page) => page.getByText(DATA.finding.title).first() },
    { name: "/my", path: () => "/my", signedIn: true, shell: true },
    { name: "/findings/new", path: () => "/findings/new", signedIn: true, shell: true },
    { name: "/findings/:id", path: () => `/findings/${findingId}`, signedIn: true, shell: true, ready: (page) => page.getByText(DATA.measure).first() },
    { name: "/bulletins", path: () => "/bulletins", signedIn: true, shell: true, ready: (page) => page.getByRole("link", { name: DATA.bulletinTitle }) },
    { name: "/bulletins/new", path: () => "/bulletins/new", signedIn: true, shell: true, ready: (page, lang) => page.getByRole("button", { name: lang === "zh" ? `加入 ${findingCode}` : `Add ${findingCode}` }) },
    { name: "/bulletins/:id", path: () => `/bulletins/${bulletinId}`, signedIn: true, shell: true, ready: (page) => page.getByRole("article").getByText(DATA.highlight) },
    { name: "/accountability", path: () => "/accountability", signedIn: true, shell: true, ready: (page) => page.getByRole("cell", { name: DATA.actionReason }) },
    {
      name: "/inspections",
      path: () => "/inspections",
      signedIn: true,
      shell: true,
      ready: (page) => page.getByRole("cell", { name: DATA.inspection.caseRef }),
      // The record form, with its problem fields, and the days a supervisor missed.
      prepare: async (page, lang) => {
        await page.getByText(lang === "zh" ? "登记检查" : "Record an inspection", { exact: true }).click();
        await page.getByLabel(lang === "zh" ? "检查结果" : "Result", { exact: true }).selectOption("PROBLEM");
        await page.getByRole("group", { name: lang === "zh" ? "发现的问题" : "The problem found" }).waitFor();
        // (None missed yet early in a month.)
        const missed = page.getByText(lang === "zh" ? /^缺 \d+ 个工作日$/ : /^\d+ working days missed$/).first();
        if (await missed.count()) await missed.click();
      },
    },
    {
      name: "/reviews",
      path: () => "/reviews",
      signedIn: true,
      shell: true,
      ready: (page) => page.getByRole("cell", { name: DATA.review.caseRef }),
      // The record form with its problem fields.
      prepare: async (page, lang) => {
        await page.getByText(lang === "zh" ? "登记评查" : "Record a review", { exact: true }).click();
        const form = page.getByRole("form", { name: lang === "zh" ? "登记评查" : "Record a review" });
        await form.getByLabel(lang === "zh" ? "评查结果" : "Result", { exact: true }).selectOption("FLAW");
        await form.getByRole("group", { name: lang === "zh" ? "发现的问题" : "The problem found" }).waitFor();
      },
    },
    { name: "/supervision", path: () => "/supervision", signedIn: true, shell: true, ready: (page) => page.getByRole("link", { name: DATA.supervision.title }) },
    {
      name: "/supervision/:id",
      path: () => `/supervision/${supervisionId}`,
      signedIn: true,
      shell: true,
      ready: (page) => page.getByText(DATA.supervision.feedback),
      // The notice form with one problem's fields.
      prepare: async (page, lang) => {
        await page.getByText(lang === "zh" ? "发出督察建议 / 整改通知书" : "Issue a suggestion or rectification notice", { exact: true }).click();
        await page.getByRole("group", { name: lang === "zh" ? "问题 1" : "Problem 1" }).waitFor();
      },
    },
    { name: "/supervision/report", path: () => "/supervision/report", signedIn: true, shell: true, ready: (page) => page.getByTestId("sr-summary") },
    {
      name: "/sampling",
      path: () => "/sampling",
      signedIn: true,
      shell: true,
      // The quota table of the city office (too few departments for a round: the warning shows too).
      ready: (page, lang) => page.getByRole("table", { name: lang === "zh" ? "各单位抽样频次" : "Quota per unit" }),
    },
    {
      name: "/plans",
      path: () => "/plans",
      signedIn: true,
      shell: true,
      ready: (page) => page.getByRole("link", { name: DATA.plan.title }),
      // The create form with one milestone row.
      prepare: async (page, lang) => {
        await page.getByText(lang === "zh" ? "制定整改方案" : "New improvement plan", { exact: true }).click();
        await page.getByRole("button", { name: lang === "zh" ? "增加时间节点" : "Add a milestone" }).click();
      },
    },
    {
      name: "/plans/:id",
      path: () => `/plans/${planId}`,
      signedIn: true,
      shell: true,
      ready: (page) => page.getByRole("heading", { name: DATA.plan.title, level: 1 }),
      // The chart's data, the ledger picker and the milestone form.
      prepare: async (page, lang) => {
        await page.getByText(lang === "zh" ? "整改进度数据" : "Progress data", { exact: true }).click();
        await page.getByText(lang === "zh" ? "从本单位台账纳入问题" : "Add findings from the unit's ledger", { exact: true }).click();
        await page.getByRole("button", { name: lang === "zh" ? "纳入方案" : "Add to plan" }).waitFor();
        await page.getByText(lang === "zh" ? "增加时间节点" : "Add a milestone", { exact: true }).click();
      },
    },
    { name: "/reports/joint-meeting", path: () => "/reports/joint-meeting", signedIn: true, shell: true, ready: (page) => page.getByRole("heading", { level: 1 }) },
    { name: "/board", path: () => "/board", signedIn: true, shell: false, ready: (page) => page.getByText("测试区人民检察院").first() },
  ];

  describe.each(["zh", "en"] as const)("in %s", (lang) => {
    it.each(pages.map((p) => [p.name, p] as const))(
      "%s shows only translated words, labelled enum values and no errors",
      async (_name, spec) => {
        const path = spec.path();
        const { page, context, offsite, pageErrors } = await openDashboard(browser, server, {
          as: spec.signedIn ? { cookie: server.adminCookie } : undefined,
          lang,
          viewport: path === "/board" ? { width: 1920, height: 1080 } : undefined,
        });
        try {
          await page.goto(path);
          await expect.poll(() => new URL(page.url()).pathname).toBe(path);
          if (spec.ready) await spec.ready(page, lang).waitFor();
          if (spec.prepare) await spec.prepare(page, lang);
          // Not "networkidle": a page that keeps a request going (fonts under load) would time out;
          // the page's own ready marker and the absence of "Loading…" say it has rendered.
          await page.waitForLoadState("load");
          await expect.poll(() => page.getByText(LOADING[lang], { exact: true }).filter({ visible: true }).count()).toBe(0);
          await screenshot(page, `i18n-${lang}${path.replace(/\//g, "_")}`.slice(0, 80));

          expect(await page.locator("html").getAttribute("lang")).toBe(lang === "zh" ? "zh-CN" : "en");
          const text = await page.locator("body").innerText();
          const attributes = (
            await page
              .locator("[aria-label],[title],[placeholder],[alt]")
              .evaluateAll((els) => els.flatMap((e) => ["aria-label", "title", "placeholder", "alt"].map((a) => e.getAttribute(a) ?? "")))
          ).join("\n");
          expect.soft(text.match(MESSAGE_KEY)?.[0], "a message key on screen").toBeUndefined();
          expect.soft(attributes.match(MESSAGE_KEY)?.[0], "a message key in an attribute").toBeUndefined();
          expect.soft(text.match(RAW_ENUM)?.[0], "a raw enum value on screen").toBeUndefined();
          expect.soft(attributes.match(RAW_ENUM)?.[0], "a raw enum value in an attribute").toBeUndefined();

          if (spec.shell) await page.getByRole("navigation").getByRole("link", { name: NAV_LEDGER[lang], exact: true }).waitFor();
          const chrome = withoutData(text);
          if (lang === "zh") {
            expect.soft(HAN.test(chrome), "Chinese UI words on the zh page").toBe(true);
          } else {
            const untranslated = chrome.split("\n").filter((line) => HAN.test(line));
            expect.soft(untranslated, "Chinese UI words left on the en page").toEqual([]);
          }
          expect.soft(pageErrors, "page errors").toEqual([]);
          expect.soft(offsite, "requests off the machine").toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  });
});
