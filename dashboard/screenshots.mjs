// `npm run docs:screenshots`: starts the built server on a fresh PGlite folder with the demo data,
// signs in as the demo supervisor in Debian's Chromium and saves the README's pictures under docs/.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const dataDir = mkdtempSync(join(tmpdir(), "sv-docs-"));
const server = spawn(process.execPath, ["dist/server/main.js"], {
  env: { ...process.env, DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent", DATABASE_URL: "" },
  stdio: ["ignore", "pipe", "inherit"],
});

const { origin, boardUrl } = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (chunk) => {
    out += chunk.toString();
    const ready = /ready at (http:\/\/\S+)\/graphql/.exec(out);
    const board = /(\S+\/board\?token=\S+)/.exec(out);
    if (ready && board) resolve({ origin: ready[1], boardUrl: board[1] });
  });
  server.on("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
});

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();

  // The wall board at a 1280×720 window: the 1920×1080 canvas scaled down, as on any screen.
  await page.goto(boardUrl);
  await page.getByText("实时").first().waitFor();
  await page.waitForTimeout(2500); // the trend chart's entry animation
  await page.screenshot({ path: "docs/board.png" });

  // The ledger (整改台账) as the demo supervisor.
  await context.clearCookies();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${origin}/login?next=/ledger`);
  await page.locator("input[name=username]").fill("supervisor");
  await page.locator("input[name=password]").fill("demo-supervisor-2026");
  await page.locator("button[type=submit]").click();
  await page.waitForURL(/\/ledger/);
  await page.locator("table tbody tr").nth(5).waitFor();
  await page.screenshot({ path: "docs/ledger.png" });
  console.log("saved docs/board.png and docs/ledger.png");
} finally {
  await browser.close();
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
