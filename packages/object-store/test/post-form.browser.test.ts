import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { type Browser, chromium } from "playwright-core";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
let browser: Browser;
before(async () => {
  f = await startFixture();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
    ],
  });
});
after(async () => {
  await browser?.close();
  await f.close();
});

/** An HTML form posting `fields` and a file input to `action`, as a web page would. */
function formPage(action: string, fields: Record<string, string>): string {
  const attribute = (text: string) => text.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${attribute(name)}" value="${attribute(value)}">`)
    .join("");
  return `<form method="post" enctype="multipart/form-data" action="${attribute(action)}">${inputs}<input type="file" name="file"><button>Upload</button></form>`;
}

describe("a browser submitting a refused POST form", { timeout: 120_000 }, () => {
  for (const size of [256 * 1024, 8 * 1024 * 1024]) {
    it(`shows S3's XML error for a tampered signature (${size / 1024} KiB file), not a network error`, async () => {
      const presigner = f.makeClient({ requestChecksumCalculation: "WHEN_REQUIRED" });
      const post = await createPresignedPost(presigner, {
        Bucket: BUCKET,
        Key: "browser/photo.jpg",
        Conditions: [["content-length-range", 1, 64 * 1024 * 1024]],
        Expires: 300,
      });
      const page = await browser.newPage();
      try {
        await page.setContent(formPage(post.url, { ...post.fields, "X-Amz-Signature": "0".repeat(64) }));
        // From a file on disk: Playwright would ship a buffer to the browser as base64, slowly.
        const file = join(f.dataDir, `photo-${size}.jpg`);
        writeFileSync(file, randomBytes(size));
        await page.setInputFiles('input[type="file"]', file);
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.url().startsWith(post.url) && r.request().method() === "POST"),
          page.click("button"),
        ]);
        assert.equal(response.status(), 403);
        await page.waitForLoadState();
        assert.match(await page.content(), /SignatureDoesNotMatch/);
      } finally {
        await page.close();
      }
    });
  }
});
