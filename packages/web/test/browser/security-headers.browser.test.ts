import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { HostHarness } from "../../../server/test/support/embedded-host-harness.js";
import { launchChromium } from "./support/browser.js";
import { signUp } from "./support/sign-up.js";
import { fixturePath, startWebHost } from "./support/web-host.js";

/**
 * Collects every Content-Security-Policy violation a page reports, both ways Chromium reports them: the
 * `securitypolicyviolation` DOM event (installed before any page script) and the console error.
 */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding("reportCspViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event: any) =>
      window.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`),
    );
  });
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  return violations;
}

describe("security headers in Chromium: the app and a share page run with no CSP violation", {
  timeout: 180_000,
}, () => {
  let harness: HostHarness;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let violations: string[];

  before(async () => {
    ({ url: baseUrl, harness } = await startWebHost());
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    violations = await watchViolations(context);
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("signs up, uploads to the S3 endpoint, shows the photo, and shares it, all under the CSP", async () => {
    const response = await page.goto(`${baseUrl}/events`);
    assert.match(response?.headers()["content-security-policy"] ?? "", /script-src 'self'/);
    assert.equal(response?.headers()["x-frame-options"], "DENY");
    assert.equal(await page.locator("script:not([src])").count(), 0, "no inline script in index.html");

    await signUp(page, { url: baseUrl, harness }, "/events", "Ada");
    await page.getByRole("button", { name: "Create your first event" }).click();
    await page.getByLabel("Name").fill("Headers party");
    await page.getByRole("button", { name: "Create event" }).click();
    await page.getByText("Drop photos here").waitFor();

    await page.getByLabel("Choose photos to upload").setInputFiles([
      {
        name: "astronaut.jpg",
        mimeType: "image/jpeg",
        buffer: readFileSync(fixturePath("photos", "astronaut.jpg")),
      },
    ]);
    const tile = page.locator('.grid .tile[data-status="ready"]').first();
    await tile.waitFor({ timeout: 60_000 });
    await tile.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    await tile.click();
    const viewer = page.getByRole("dialog");
    await viewer.locator(".viewer-stage[data-open]").waitFor();
    await viewer
      .locator(".pswp__item:not([aria-hidden='true']) img.pswp__img:not(.pswp__img--placeholder)")
      .first()
      .evaluate((img: HTMLImageElement) => img.decode());

    await viewer.getByRole("button", { name: "Share", exact: true }).click();
    const share = page.getByRole("dialog", { name: "Share this photo" });
    await share.getByRole("button", { name: "Create link" }).click();
    const shareUrl = await share.getByLabel("Share link").inputValue();
    assert.deepEqual(violations, [], "the app ran without a CSP violation");

    const visitor = await browser.newContext();
    const visitorViolations = await watchViolations(visitor);
    try {
      const visit = await visitor.newPage();
      const shared = await visit.goto(shareUrl);
      assert.equal(shared?.status(), 200);
      assert.equal(shared?.headers()["referrer-policy"], "no-referrer");
      await visit
        .locator("img")
        .first()
        .evaluate((img: HTMLImageElement) => img.decode());
      // The page's one <style> applied (allowed by its hash): the body font is not the browser default.
      const font = await visit.evaluate(() => getComputedStyle(document.body).fontFamily);
      assert.match(font, /system-ui/);
      assert.deepEqual(visitorViolations, [], "the share page ran without a CSP violation");
    } finally {
      await visitor.close();
    }
  });

  it("reports a violation when something inline is tried, so the watch above is not blind", async () => {
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.body.append(script);
    });
    await page.waitForFunction(() => true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await page.evaluate(() => window.inlineRan), undefined, "inline script was blocked");
    assert.ok(
      violations.some((text) => /script-src/.test(text)),
      violations.join("\n"),
    );
  });
});
