import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchBrowser, openDashboard } from "./support/browser.js";
import { ADMIN_PASSWORD, ADMIN_USERNAME, startTestServer, type TestServer } from "./support/server.js";

describe.skipIf(!hasChromium)("dashboard shell in a real browser", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("sends a signed-out visitor to the login page, in Chinese, with nothing fetched off the machine", async () => {
    const { page, offsite, pageErrors, context } = await openDashboard(browser, server);
    await page.goto("/ledger");
    await expect.poll(() => page.url()).toContain("/login?next=%2Fledger");
    await page.getByRole("button", { name: "登录" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("shows a wrong password next to the form and signs in with the right one", async () => {
    const { page, context } = await openDashboard(browser, server);
    await page.goto("/login");
    await page.getByLabel("用户名").fill(ADMIN_USERNAME);
    await page.getByLabel("密码").fill("not the password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("alert").getByText("用户名或密码不正确").waitFor();
    await page.getByLabel("密码").fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/ledger");
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("remembers English per browser", async () => {
    const { page, context } = await openDashboard(browser, server);
    await page.goto("/login");
    await page.getByRole("button", { name: "切换语言" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await context.close();
  });
});
