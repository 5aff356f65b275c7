import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { HostHarness } from "../../../server/test/support/embedded-host-harness.js";
import { hasHorizontalOverflow, launchChromium, saveScreenshot } from "./support/browser.js";
import { signUp } from "./support/sign-up.js";
import { fixturePath, startWebHost } from "./support/web-host.js";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const photo = (name: string) => readFileSync(fixturePath("photos", name));
const row = (page: Page, state: string, file: string) =>
  page.locator(`.upload-row[data-state="${state}"]`, { hasText: file });

/** Opens the client's guest page for a `/g/{token}` URL (the host answers the path itself with HTML). */
async function openGuestPage(page: Page, baseUrl: string, guestUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/events`);
  await page.getByRole("heading", { name: "Welcome back" }).waitFor();
  await page.evaluate((path) => {
    window.history.pushState(null, "", path);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, new URL(guestUrl).pathname);
  await page.getByRole("heading", { name: /^Add your photos to/ }).waitFor();
}

async function choose(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page
    .getByLabel("Choose photos to upload")
    .setInputFiles({ name, mimeType: "image/jpeg", buffer: bytes });
}

describe("who added what, in Chromium against the embedded host", { timeout: 240_000 }, () => {
  let harness: HostHarness;
  let baseUrl: string;
  let browser: Browser;
  let organizer: BrowserContext;
  let page: Page;
  let eventUrl = "";
  let guestUrl = "";

  before(async () => {
    ({ url: baseUrl, harness } = await startWebHost());
    browser = await launchChromium();
    organizer = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    page = await organizer.newPage();
  });
  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("uploads as the organizer and makes a three-photo guest link", async () => {
    await signUp(page, { url: baseUrl, harness }, "/events", "Olga");
    await page.getByRole("button", { name: "Create your first event" }).click();
    await page.getByLabel("Name").fill("Fête d'été");
    await page.getByRole("button", { name: "Create event" }).click();
    await page.getByRole("heading", { name: "Fête d'été" }).waitFor();
    eventUrl = page.url();
    await choose(page, "cat.jpg", photo("chelsea-cat.jpg"));
    await row(page, "ready", "cat.jpg").waitFor();
    await page.goto(`${eventUrl}/links`);
    await page.getByLabel("Most photos (optional)").fill("3");
    await page.getByRole("button", { name: "Create upload link" }).click();
    guestUrl = await page.getByLabel("Guest upload link", { exact: true }).inputValue();
  });

  it("tells a guest their duplicates are already in the event, costing nothing, and lets them delete their own", async () => {
    const guest = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const phone = await guest.newPage();
      await openGuestPage(phone, baseUrl, guestUrl);
      await phone.getByTestId("uploads-left").getByText("3 photos left").waitFor();
      await phone.getByLabel("Your name (optional)").fill("Aunt May");
      await choose(phone, "coffee.jpg", photo("coffee-cup.jpg"));
      await row(phone, "ready", "coffee.jpg").waitFor();
      await phone.getByTestId("uploads-left").getByText("2 photos left").waitFor();
      // The reported bug: the same photo three more times used up the link and offered a Retry.
      for (const name of ["coffee-again-1.jpg", "coffee-again-2.jpg", "coffee-again-3.jpg"]) {
        await choose(phone, name, photo("coffee-cup.jpg"));
        const duplicate = row(phone, "duplicate", name);
        await duplicate.waitFor();
        await duplicate.getByText("Already in the event").waitFor();
        assert.equal(await duplicate.getByRole("button", { name: /^Retry/ }).count(), 0);
      }
      await phone.getByTestId("uploads-left").getByText("2 photos left").waitFor();
      await phone.getByRole("status").getByText("1 done · 3 already there").waitFor();
      await choose(phone, "astronaut.jpg", photo("astronaut.jpg"));
      await row(phone, "ready", "astronaut.jpg").waitFor();
      await phone.getByTestId("uploads-left").getByText("1 photo left").waitFor();
      assert.equal(await hasHorizontalOverflow(phone), false);
      await saveScreenshot(phone, "attrib-guest-duplicates", { fullPage: true });

      const own = phone.getByRole("list", { name: "Your uploads" });
      assert.equal(await own.getByRole("listitem").count(), 2, "duplicates left nothing to delete");
      phone.once("dialog", (dialog) => void dialog.accept());
      await own.getByRole("button", { name: "Delete astronaut.jpg" }).click();
      await own.getByRole("button", { name: "Delete astronaut.jpg" }).waitFor({ state: "detached" });
      const stored = await phone.evaluate(() => JSON.stringify(Object.entries(window.localStorage)));
      assert.match(stored, /coffee\.jpg/);
      assert.doesNotMatch(stored, /astronaut\.jpg/);
    } finally {
      await guest.close();
    }
  });

  it("shows each photo's uploader in the viewer and filters the gallery by uploader and 'mine'", async () => {
    await page.goto(eventUrl);
    const tiles = page.locator(".grid .tile");
    await tiles.nth(1).waitFor();
    assert.equal(await tiles.count(), 2, "the guest's deleted photo is gone");
    const added = page.getByLabel("Added by");
    await added.selectOption({ label: "Aunt May" });
    await page.locator(".grid .tile").first().waitFor();
    assert.equal(await page.locator(".grid .tile").count(), 1);
    await page.locator(".grid .tile").first().locator("button").click();
    await page.getByRole("dialog").getByTestId("photo-uploader").getByText("Aunt May").waitFor();
    await saveScreenshot(page, "attrib-viewer-uploader");
    await page.keyboard.press("Escape");
    await added.selectOption({ label: "Me" });
    await page.waitForFunction(() => document.querySelectorAll(".grid .tile").length === 1);
    await page.locator(".grid .tile").first().locator("button").click();
    await page.getByRole("dialog").getByTestId("photo-uploader").getByText("Olga").waitFor();
    await saveScreenshot(page, "attrib-filter-mine");
  });

  it("downloads the original under a readable name without leaving the app", async () => {
    const dialog = page.getByRole("dialog");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByRole("link", { name: "Download original" }).click(),
    ]);
    // Chromium takes the UTF-8 `filename*`; the ASCII `filename` is "fete-d-ete-…" (server tests check both).
    assert.match(download.suggestedFilename(), /^fête-d-été-\d{4}-\d{2}-\d{2}-[a-z0-9]{1,6}\.jpg$/);
    assert.equal(new URL(page.url()).pathname, new URL(eventUrl).pathname, "still in the app");
    await page.keyboard.press("Escape");
  });

  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    it(`says 'Offline, will resume' while the API is unreachable, then resumes (${size})`, async () => {
      const context = await browser.newContext({ viewport });
      try {
        const tab = await context.newPage();
        // The organizer's session lives in this browser's storage; a fresh context signs in anew.
        await signUp(tab, { url: baseUrl, harness }, "/events", `Off${size}`);
        await tab.getByRole("button", { name: "Create your first event" }).click();
        await tab.getByLabel("Name").fill(`Offline ${size}`);
        await tab.getByRole("button", { name: "Create event" }).click();
        await tab.getByRole("heading", { name: `Offline ${size}` }).waitFor();
        // Following a photo is the long poll on /api/photos/{id}: cut it as a lost connection would.
        const cut = (route: { abort: (code: string) => Promise<void> }) =>
          route.abort("internetdisconnected");
        await tab.route(/\/api\/photos\/[^/?]+\?/, cut);
        await choose(tab, `moon-${size}.jpg`, photo("astronaut.jpg"));
        const offline = row(tab, "offline", `moon-${size}.jpg`);
        await offline.waitFor();
        await offline.getByText("Offline, will resume").waitFor();
        assert.equal(await hasHorizontalOverflow(tab), false);
        await offline.scrollIntoViewIfNeeded();
        await saveScreenshot(tab, `attrib-offline-${size}`);
        await tab.unroute(/\/api\/photos\/[^/?]+\?/, cut);
        await row(tab, "ready", `moon-${size}.jpg`).waitFor({ timeout: 20_000 });
        await tab.getByRole("status").getByText("1 done").waitFor();
      } finally {
        await context.close();
      }
    });
  }
});
