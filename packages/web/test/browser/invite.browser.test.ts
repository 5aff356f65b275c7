import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import jsQRModule from "jsqr";
import type { Browser, BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import type { HostHarness } from "../../../server/test/support/embedded-host-harness.js";
import { hasHorizontalOverflow, launchChromium, saveScreenshot } from "./support/browser.js";
import { PASSWORD, signUp } from "./support/sign-up.js";
import { fixturePath, startWebHost } from "./support/web-host.js";

// jsqr is a CommonJS bundle whose types declare an ES default export: take whichever Node hands over.
const jsQR =
  (jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ??
  (jsQRModule as unknown as typeof jsQRModule.default);
const EVENT = "Harbour Summer Party";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** 12 px per module × 4 modules of quiet zone: the PNG's white border. */
const QUIET_ZONE_PX = 48;
let variant = 0;
/**
 * A phone photo with GPS in its EXIF, its pixels nudged each time so that no two guest uploads are
 * duplicates of each other (a duplicate never becomes a photo of its own).
 */
const gpsPhoto = () =>
  sharp(readFileSync(fixturePath("images", "iphone-4s-orientation-6-gps.jpg")))
    .modulate({ brightness: 1 + ++variant * 0.03 })
    .withMetadata()
    .jpeg()
    .toBuffer();

/** Clicks a download link and returns the file's bytes and suggested name. */
async function download(page: Page, name: string): Promise<{ bytes: Buffer; filename: string }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name }).first().click(),
  ]);
  const path = await file.path();
  return { bytes: readFileSync(path), filename: file.suggestedFilename() };
}

/**
 * Checks a downloaded PNG QR code: every pixel opaque pure black or pure white, a white quiet zone all
 * round, and that it decodes to `url`.
 */
async function assertPrintableQrPng(png: Buffer, url: string): Promise<void> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.channels, 4);
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    assert.equal(a, 255, "every pixel is opaque");
    assert.ok(
      (r === 0 && g === 0 && b === 0) || (r === 255 && g === 255 && b === 255),
      `pixel ${i / 4} is ${r},${g},${b}`,
    );
  }
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const inBorder =
        x < QUIET_ZONE_PX ||
        y < QUIET_ZONE_PX ||
        x >= info.width - QUIET_ZONE_PX ||
        y >= info.height - QUIET_ZONE_PX;
      if (inBorder) assert.equal(data[(y * info.width + x) * 4], 255, `quiet zone pixel ${x},${y} is white`);
    }
  }
  const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
  assert.equal(decoded?.data, url);
}

/** Checks a downloaded SVG QR code: a white rect under everything, covering the whole view box. */
function assertPrintableQrSvg(svg: string): void {
  const side = /viewBox="0 0 (\d+) \1"/.exec(svg)?.[1];
  assert.ok(side, "a square view box");
  assert.match(
    svg,
    new RegExp(`<rect x="0" y="0" width="${side}" height="${side}" fill="#ffffff"/><path fill="#000000"`),
  );
}

/** Decodes the QR code drawn in `locator`'s element on screen. */
async function decodeOnScreen(page: Page, selector: string): Promise<string | undefined> {
  const shot = await page.locator(selector).first().screenshot();
  const { data, info } = await sharp(shot).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

/** A local date-time with seconds, as a `datetime-local` input takes it, `seconds` from now. */
function localDateTimeIn(seconds: number): string {
  const at = new Date(Date.now() + seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

describe("invitations that work at a venue, in Chromium", { timeout: 300_000 }, () => {
  let harness: HostHarness;
  let baseUrl: string;
  let browser: Browser;
  let organizer: BrowserContext;
  let page: Page;
  let eventUrl = "";
  let inviteUrl = "";

  before(async () => {
    ({ url: baseUrl, harness } = await startWebHost({ SHOEBOX_LABELING: "off" }));
    browser = await launchChromium();
    organizer = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await organizer.newPage();
  });
  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  /** Creates a guest link of `mode` in the organizer's panel and returns its URL. */
  async function createGuestLink(label: string, revealAt?: string): Promise<string> {
    await page.goto(`${eventUrl}/links`);
    await page.getByLabel("Guests can").selectOption({ label });
    if (revealAt) await page.getByLabel("Gallery opens to guests at").fill(revealAt);
    await page.getByRole("button", { name: "Create upload link" }).click();
    await page.getByRole("img", { name: "Guest upload QR code" }).waitFor();
    return page.getByLabel("Guest upload link", { exact: true }).inputValue();
  }

  /** A guest on a phone opens `url` and uploads one photo; returns the guest's context and page. */
  async function guestUploads(
    url: string,
    filename: string,
  ): Promise<{ context: BrowserContext; phone: Page }> {
    const context = await browser.newContext(PHONE);
    const phone = await context.newPage();
    await phone.goto(url);
    await phone.getByRole("heading", { name: `Add your photos to ${EVENT}` }).waitFor();
    await phone.getByLabel("Choose photos to upload").setInputFiles({
      name: filename,
      mimeType: "image/jpeg",
      buffer: await gpsPhoto(),
    });
    // Guest rows follow the upload through the pipeline (ready, or "Already in the event").
    await phone
      .locator('.upload-row[data-state="ready"]', { hasText: filename })
      .waitFor({ timeout: 60_000 });
    // The guest's own photo appears once the pipeline has processed it.
    await phone
      .getByRole("list", { name: "Your photos" })
      .locator("img")
      .first()
      .waitFor({ timeout: 60_000 });
    return { context, phone };
  }

  it("sets up an event with a date and one photo (its cover)", async () => {
    await signUp(page, { url: baseUrl, harness }, "/events", "Lena");
    await page.getByRole("button", { name: "Create your first event" }).click();
    await page.getByLabel("Name").fill(EVENT);
    await page.getByLabel("Date (optional)").fill("2026-07-18");
    await page.getByRole("button", { name: "Create event" }).click();
    await page.getByRole("heading", { name: EVENT }).waitFor();
    eventUrl = page.url();
    inviteUrl = await page.getByLabel("Invite link").inputValue();
    await page.getByLabel("Choose photos to upload").setInputFiles({
      name: "harbour.jpg",
      mimeType: "image/jpeg",
      buffer: readFileSync(fixturePath("images", "nikon-d2h-gps.jpg")),
    });
    await page.locator('.grid .tile[data-status="ready"]').first().waitFor({ timeout: 60_000 });
  });

  it("shows the invite link's QR code, downloadable as a PNG and an SVG that print black on white", async () => {
    await page.goto(eventUrl);
    const qr = page.getByRole("img", { name: "Invite QR code" });
    await qr.waitFor();
    assert.equal(await decodeOnScreen(page, ".invite .qr-code"), inviteUrl);
    const png = await download(page, "Download PNG");
    assert.equal(png.filename, "shoebox-invite-qr.png");
    await assertPrintableQrPng(png.bytes, inviteUrl);
    const svg = await download(page, "Download SVG");
    assert.equal(svg.filename, "shoebox-invite-qr.svg");
    assertPrintableQrSvg(svg.bytes.toString("utf8"));
    await page.locator(".invite").screenshot({ path: screenshotPath("invite-panel-qr") });
  });

  it("prints a table card with the event's name, date, cover, QR code and short URL", async () => {
    await page.goto(eventUrl);
    await page.getByRole("link", { name: "Print a table card" }).click();
    const card = page.getByRole("article", { name: "Table card" });
    await card.getByRole("heading", { name: EVENT }).waitFor();
    await card.locator(".table-card-cover").evaluate((img: HTMLImageElement) => img.decode());
    await page.emulateMedia({ media: "print" });
    // About the width of an A5 sheet, as the screenshot shows it.
    await page.setViewportSize({ width: 560, height: 800 });
    assert.equal(await page.locator(".app-header").isVisible(), false, "no app chrome on paper");
    assert.equal(await page.getByRole("button", { name: "Print" }).isVisible(), false);
    assert.equal(await decodeOnScreen(page, ".table-card-qr"), inviteUrl);
    const shortUrl = inviteUrl.replace(/^https?:\/\//, "");
    await card.getByText(shortUrl).waitFor();
    await card.getByText("18 Jul 2026").or(card.getByText(/2026/)).first().waitFor();
    await saveScreenshot(page, "invite-table-card", { fullPage: true });
    const pdf = await page.pdf({ format: "A5", printBackground: true });
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type \/Page[^s]/g) ?? [];
    assert.equal(pages.length, 1, "the card fits one page");
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("opens the join page in sign-up mode for a newcomer on a phone, naming the event; then 'Join <event>'", async () => {
    const context = await browser.newContext(PHONE);
    try {
      const phone = await context.newPage();
      await phone.goto(inviteUrl);
      await phone.getByRole("heading", { name: "Create your account" }).waitFor();
      assert.equal(await phone.getByRole("heading", { name: "Welcome back" }).count(), 0);
      const preview = phone.getByRole("region", { name: "The event you are invited to" });
      await preview.getByText(EVENT).waitFor();
      await preview.getByText(/by Lena/).waitFor();
      const cover = preview.locator("img.join-cover");
      await cover.evaluate((img: HTMLImageElement) => img.decode());
      // The cover is a stripped thumbnail: no EXIF, no GPS, whatever the original carried.
      const coverBytes = Buffer.from(
        await (await fetch((await cover.getAttribute("src")) ?? "")).arrayBuffer(),
      );
      const meta = await sharp(coverBytes).metadata();
      assert.equal(meta.format, "webp");
      assert.equal(meta.exif, undefined);
      assert.ok((meta.width ?? 0) <= 200);
      assert.equal(await hasHorizontalOverflow(phone), false);
      await saveScreenshot(phone, "invite-join-newcomer");

      const email = `sam-${Date.now()}@example.test`;
      await phone.getByLabel("Your name").fill("Sam");
      await phone.getByLabel("Email").fill(email);
      await phone.getByLabel("Password").fill(PASSWORD);
      await phone.getByRole("button", { name: "Create account" }).click();
      await phone.getByLabel("Confirmation code").fill(await harness.mailbox.codeFor(email));
      await phone.getByRole("button", { name: "Confirm and sign in" }).click();
      const join = phone.getByRole("button", { name: `Join ${EVENT}` });
      await join.waitFor();
      await saveScreenshot(phone, "invite-join-signed-in");
      await join.click();
      await phone.getByRole("heading", { name: EVENT }).waitFor();
      assert.equal(new URL(phone.url()).pathname, new URL(eventUrl).pathname);
    } finally {
      await context.close();
    }
  });

  it("walks an upload-and-view link as a guest: their photo and the event's photos", async () => {
    const url = await createGuestLink("Upload and view");
    assert.equal(await decodeOnScreen(page, ".created-link .qr-code"), url);
    const png = await download(page, "Download PNG");
    assert.equal(png.filename, "shoebox-guest-upload-qr.png");
    await assertPrintableQrPng(png.bytes, url);
    // Its table card carries the guest link (through the URL fragment, which never reaches the server).
    await page.getByRole("link", { name: "Print a table card for this link" }).click();
    const card = page.getByRole("article", { name: "Table card" });
    await card.getByText("Scan to add your photos — no account needed").waitFor();
    assert.equal(await decodeOnScreen(page, ".table-card-qr"), url);
    await saveScreenshot(page, "invite-table-card-guest-link", { fullPage: true });
    const { context, phone } = await guestUploads(url, "from-may.jpg");
    try {
      const gallery = phone.getByRole("list", { name: `Photos of ${EVENT}` });
      await gallery.locator("img").nth(1).waitFor();
      // What a guest is shown are stripped variants: no EXIF, no GPS.
      for (const src of await gallery
        .locator("img")
        .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src))) {
        const meta = await sharp(Buffer.from(await (await fetch(src)).arrayBuffer())).metadata();
        assert.deepEqual([meta.format, meta.exif], ["webp", undefined]);
      }
      assert.equal(await hasHorizontalOverflow(phone), false);
      await saveScreenshot(phone, "invite-guest-upload-and-view", { fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("walks an upload-only link as two guests: each sees only what their browser uploaded", async () => {
    const url = await createGuestLink("Upload only (drop box)");
    const first = await guestUploads(url, "drop-1.jpg");
    const second = await guestUploads(url, "drop-2.jpg");
    try {
      for (const { phone } of [first, second]) {
        await phone.getByText(/This link is a drop box/).waitFor();
        assert.equal(await phone.getByRole("list", { name: "Your photos" }).locator("img").count(), 1);
        assert.equal(await phone.getByRole("heading", { name: `Photos of ${EVENT}` }).count(), 0);
      }
      const srcOf = (phone: Page) =>
        phone.getByRole("list", { name: "Your photos" }).locator("a").getAttribute("href");
      assert.notEqual(
        new URL((await srcOf(first.phone)) ?? "").pathname,
        new URL((await srcOf(second.phone)) ?? "").pathname,
      );
      assert.equal(await hasHorizontalOverflow(first.phone), false);
      await saveScreenshot(first.phone, "invite-guest-upload-only", { fullPage: true });
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });

  it("walks a view-after-reveal link as a guest: closed until the organizer's time, then open", async () => {
    const url = await createGuestLink("View from a set time", localDateTimeIn(25));
    const { context, phone } = await guestUploads(url, "reveal.jpg");
    try {
      await phone.getByText(/The event's photos open to guests on/).waitFor();
      assert.equal(await phone.getByRole("heading", { name: `Photos of ${EVENT}` }).count(), 0);
      await saveScreenshot(phone, "invite-guest-before-reveal", { fullPage: true });
      const gallery = phone.getByRole("list", { name: `Photos of ${EVENT}` });
      for (let attempt = 0; attempt < 40 && (await gallery.count()) === 0; attempt++) {
        await phone.waitForTimeout(1000);
        await phone.reload();
        await phone.getByRole("heading", { name: `Add your photos to ${EVENT}` }).waitFor();
      }
      await gallery.locator("img").first().waitFor();
      // Their own upload is still theirs, remembered by this browser across the reload.
      await phone.getByRole("list", { name: "Your photos" }).locator("img").first().waitFor();
      await saveScreenshot(phone, "invite-guest-after-reveal", { fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("lists each guest link with its mode for the organizer", async () => {
    await page.goto(`${eventUrl}/links`);
    const list = page.locator(".link-list");
    await list.getByText("Upload and view", { exact: true }).waitFor();
    await list.getByText("Upload only", { exact: true }).waitFor();
    await list.getByText(/^View from /).waitFor();
    await saveScreenshot(page, "invite-guest-links-panel", { fullPage: true });
  });
});

function screenshotPath(name: string): string {
  return new URL(`../../../../docs/screenshots/${name}.png`, import.meta.url).pathname;
}
