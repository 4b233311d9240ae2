import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { projectPath } from "../../db/paths.js";
import type { Credentials, TestServer } from "./server.js";

/** Debian's Chromium (`apt-get install chromium`); .ci/run installs it. Override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** BROWSER_TESTS=0 turns them off on purpose (CI's PostgreSQL pass: the dashboard's flows already ran in its PGlite pass). */
const browserTestsOff = process.env.BROWSER_TESTS === "0";
export const hasChromium = !browserTestsOff && existsSync(CHROMIUM_PATH);
if (browserTestsOff) console.warn("browser tests skipped: BROWSER_TESTS=0");
else if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);

/** Screenshots land here (git-ignored). */
export const ARTIFACTS = projectPath("test/artifacts");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface DashboardPage {
  page: Page;
  context: BrowserContext;
  /** Every request the page tried to send off this machine (must stay empty). */
  offsite: string[];
  /** Uncaught page errors and console errors. */
  pageErrors: string[];
}

/**
 * A fresh browser context on the test server's dashboard, optionally signed in with `as`.
 * Requests to any host but the server's are refused and recorded, so a test can assert none left.
 */
export async function openDashboard(
  browser: Browser,
  server: TestServer,
  options: { as?: Credentials; viewport?: { width: number; height: number }; lang?: "zh" | "en" } = {},
): Promise<DashboardPage> {
  const origin = new URL(server.url).origin;
  const context = await browser.newContext({ baseURL: origin, viewport: options.viewport ?? { width: 1440, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const offsite: string[] = [];
  const pageErrors: string[] = [];
  await context.route(
    (url) => url.origin !== origin && !url.protocol.startsWith("data") && !url.protocol.startsWith("blob"),
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  const cookie = options.as?.cookie;
  if (cookie) {
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: origin }]);
  }
  if (options.lang) await context.addInitScript({ content: `localStorage.setItem("sv.lang", ${JSON.stringify(options.lang)})` });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !/WebSocket|Failed to load resource/.test(m.text())) pageErrors.push(m.text());
  });
  return { page, context, offsite, pageErrors };
}

/** Saves a screenshot under test/artifacts/ (not committed) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}/${name}.png`;
  await page.screenshot({ path });
  return path;
}
