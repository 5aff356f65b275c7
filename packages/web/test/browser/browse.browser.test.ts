import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { HostHarness } from "../../../server/test/support/embedded-host-harness.js";
import { hasHorizontalOverflow, launchChromium, saveScreenshot } from "./support/browser.js";
import { type SeededEvent, type SeedFields, seedEvent } from "./support/seeded-event.js";
import { startWebHost } from "./support/web-host.js";

const labels = (...names: string[]) => names.map((name) => ({ name, confidence: 0.8 }));
const uploadedAt = (minutes: number) => new Date(Date.parse("2026-07-20T09:00:00Z") + minutes * 60_000);

/**
 * Nine photos over three days, uploaded in another order than they were taken. Two carry the camera's
 * offset: 23:30 UTC at +02:00 is the next morning where it was taken. The last has no capture time and
 * sits on its upload day.
 */
const PHOTOS: SeedFields[] = [
  {
    title: "Gates open",
    takenAt: new Date("2026-07-18T08:00:00Z"),
    labels: labels("person"),
    createdAt: uploadedAt(9),
  },
  {
    title: "Pony ride",
    takenAt: new Date("2026-07-18T10:00:00Z"),
    labels: labels("horse", "person"),
    createdAt: uploadedAt(1),
  },
  {
    title: "Show jumping",
    takenAt: new Date("2026-07-18T12:00:00Z"),
    labels: labels("horse"),
    createdAt: uploadedAt(5),
  },
  {
    title: "Night parade",
    takenAt: new Date("2026-07-18T23:30:00Z"),
    takenAtOffset: "+02:00",
    labels: labels("horse", "person"),
    createdAt: uploadedAt(2),
  },
  {
    title: "Cake stall",
    takenAt: new Date("2026-07-19T11:00:00Z"),
    takenAtOffset: "+02:00",
    labels: labels("cake", "person"),
    createdAt: uploadedAt(8),
  },
  {
    title: "Dog show",
    takenAt: new Date("2026-07-19T14:00:00Z"),
    labels: labels("dog", "person"),
    createdAt: uploadedAt(3),
  },
  {
    title: "Carriage",
    takenAt: new Date("2026-07-19T16:00:00Z"),
    labels: labels("horse", "dog"),
    createdAt: uploadedAt(7),
  },
  {
    title: "Fireworks",
    takenAt: new Date("2026-07-19T21:00:00Z"),
    labels: labels("person"),
    createdAt: uploadedAt(4),
  },
  { title: "Lost and found", labels: labels("dog"), createdAt: uploadedAt(6) },
];

/**
 * The whole virtualized grid in order, read by scrolling through it (rows off screen have no DOM nodes):
 * day headers as "# <day>", then each tile's alt text (the photo's title).
 */
async function galleryInOrder(page: Page): Promise<string[]> {
  // A string, not a function: the test runner's transpiler would wrap named helpers in ones the page lacks.
  return page.evaluate(`(async () => {
    const seen = new Map();
    for (let y = 0; y <= document.documentElement.scrollHeight; y += 300) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const row of document.querySelectorAll(".gallery-row")) {
        seen.set(
          Number(row.dataset.index),
          row.classList.contains("day-header")
            ? ["# " + (row.firstChild ? row.firstChild.textContent : "")]
            : [...row.querySelectorAll("img")].map((img) => img.alt),
        );
      }
    }
    window.scrollTo(0, 0);
    return [...seen].sort((a, b) => a[0] - b[0]).flatMap((entry) => entry[1]);
  })()`);
}
const headersOf = (rows: string[]) => rows.filter((row) => row.startsWith("# ")).map((row) => row.slice(2));
const titlesOf = (rows: string[]) => rows.filter((row) => !row.startsWith("# "));

describe("browsing an event in Chromium: timeline, viewer, label search", { timeout: 240_000 }, () => {
  let harness: HostHarness;
  let url: string;
  let browser: Browser;
  let seeded: SeededEvent;
  let page: Page;

  before(async () => {
    ({ url, harness } = await startWebHost());
    seeded = await seedEvent({ url, harness }, PHOTOS);
    browser = await launchChromium();
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "UTC" });
    await seeded.signIn(desktop);
    page = await desktop.newPage();
  });
  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("shows the timeline by capture time with a header per day, and recently added on request", async () => {
    await page.goto(`${url}/events/${seeded.eventId}`);
    await page.locator(".day-header").first().waitFor();
    const timeline = await galleryInOrder(page);
    assert.deepEqual(headersOf(timeline), [
      "Monday, July 20, 2026",
      "Sunday, July 19, 2026",
      "Saturday, July 18, 2026",
    ]);
    // The night parade (23:30 UTC on the 18th, +02:00) belongs to the morning of the 19th where it was taken.
    assert.deepEqual(titlesOf(timeline), [
      "Lost and found",
      "Fireworks",
      "Carriage",
      "Dog show",
      "Cake stall",
      "Night parade",
      "Show jumping",
      "Pony ride",
      "Gates open",
    ]);
    assert.equal(await page.getByRole("button", { name: "Timeline" }).getAttribute("aria-pressed"), "true");
    await page
      .locator(".gallery-row .tile img")
      .last()
      .evaluate((img: HTMLImageElement) => img.decode());
    await saveScreenshot(page, "browse-timeline", { fullPage: true });

    await page.getByRole("button", { name: "Recently added" }).click();
    await page.waitForFunction(() => document.querySelectorAll(".day-header").length === 0);
    assert.deepEqual(titlesOf(await galleryInOrder(page)).slice(0, 3), [
      "Gates open",
      "Cake stall",
      "Carriage",
    ]);
    await page.getByRole("button", { name: "Timeline" }).click();
    await page.locator(".day-header").first().waitFor();
  });

  it("suggests the event's labels as chips and narrows to photos carrying every chosen one", async () => {
    const chips = page.getByRole("group", { name: "Labels in this event" });
    await chips.getByRole("button", { name: /^person/ }).waitFor();
    assert.deepEqual(await chips.getByRole("button").allInnerTexts(), [
      "person 6",
      "horse 4",
      "dog 3",
      "cake 1",
    ]);

    await chips.getByRole("button", { name: /^horse/ }).click();
    await page.getByRole("heading", { name: "Photos labelled “horse”" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".gallery-row .tile").length === 4);
    await chips.getByRole("button", { name: /^person/ }).click();
    await page.getByRole("heading", { name: "Photos labelled “horse” and “person”" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".gallery-row .tile").length === 2);
    assert.deepEqual(titlesOf(await galleryInOrder(page)).sort(), ["Night parade", "Pony ride"]);
    assert.equal(await chips.getByRole("button", { name: /^horse/ }).getAttribute("aria-pressed"), "true");
    await page
      .locator(".gallery-row .tile img")
      .last()
      .evaluate((img: HTMLImageElement) => img.decode());
    await saveScreenshot(page, "browse-label-chips", { fullPage: true });

    await chips.getByRole("button", { name: /^horse/ }).click();
    await chips.getByRole("button", { name: /^person/ }).click();
    // Typed, plural and capitalised: "Dogs" finds the photos labelled "dog".
    await page.getByRole("searchbox").fill("Dogs");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.getByRole("heading", { name: "Photos labelled “dogs”" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".gallery-row .tile").length === 3);
    await page.getByRole("searchbox").fill("");
    await page.locator(".day-header").first().waitFor();
  });

  it("opens the viewer at desktop size: arrow keys browse, Z zooms, the keyboard hint shows, Esc closes", async () => {
    await page.locator(".gallery-row .tile button").first().click();
    const viewer = page.getByRole("dialog", { name: /^Photo:/ });
    await viewer.getByText("1 of 9").waitFor();
    await viewer.getByRole("heading", { name: "Lost and found" }).waitFor();
    await viewer.locator(".viewer-stage[data-open]").waitFor();
    assert.equal(await viewer.getByText(/Use ← and → to browse/).isVisible(), true);
    assert.equal(await viewer.getByRole("button", { name: "Next photo" }).isVisible(), true);
    await page.keyboard.press("ArrowRight");
    await viewer.getByText("2 of 9").waitFor();
    await viewer.getByRole("heading", { name: "Fireworks" }).waitFor();
    await page.keyboard.press("ArrowLeft");
    await viewer.getByText("1 of 9").waitFor();
    await page.keyboard.press("ArrowRight");
    await viewer.getByText("2 of 9").waitFor();
    const current = viewer.locator(
      ".pswp__item:not([aria-hidden='true']) img.pswp__img:not(.pswp__img--placeholder)",
    );
    await current.first().evaluate((img: HTMLImageElement) => img.decode());
    await page.waitForTimeout(300);
    await saveScreenshot(page, "browse-viewer-desktop");
    await page.keyboard.press("z");
    await page.locator(".pswp--zoomed-in").waitFor();
    await page.keyboard.press("z");
    await page.waitForFunction(() => !document.querySelector(".pswp--zoomed-in"));
    await page.keyboard.press("Escape");
    await viewer.waitFor({ state: "detached" });
  });

  it("at phone size with touch: no keyboard hints or arrows, swipe to the next photo, pinch to zoom", async () => {
    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
      timezoneId: "UTC",
    });
    await seeded.signIn(phoneContext);
    const phone = await phoneContext.newPage();
    try {
      await phone.goto(`${url}/events/${seeded.eventId}`);
      await phone.locator(".day-header").first().waitFor();
      assert.equal(await hasHorizontalOverflow(phone), false);
      await phone.evaluate(
        `window.scrollTo(0, document.querySelector(".gallery-rows").getBoundingClientRect().top + scrollY - 100)`,
      );
      await phone
        .locator(".gallery-row .tile img")
        .nth(3)
        .evaluate((img: HTMLImageElement) => img.decode());
      await saveScreenshot(phone, "browse-timeline-phone");

      await phone.locator(".gallery-row .tile button").first().tap();
      const viewer = phone.getByRole("dialog", { name: /^Photo:/ });
      await viewer.getByText("1 of 9").waitFor();
      await viewer.locator(".viewer-stage[data-open]").waitFor();
      assert.equal(await viewer.getByText(/Use ← and →/).count(), 0);
      assert.equal(await viewer.getByRole("button", { name: "Next photo" }).isVisible(), false);
      const stage = await viewer.locator(".viewer-stage").boundingBox();
      assert.ok(stage);
      const cdp = await phoneContext.newCDPSession(phone);
      const touch = async (
        type: "touchStart" | "touchMove" | "touchEnd",
        points: { x: number; y: number }[],
      ) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points });
      const middle = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };

      // A swipe to the left: finger down right of centre, moved left across the stage, lifted.
      await touch("touchStart", [{ x: middle.x + 120, y: middle.y }]);
      for (let step = 1; step <= 10; step++) {
        await touch("touchMove", [{ x: middle.x + 120 - step * 25, y: middle.y }]);
      }
      await touch("touchEnd", []);
      await viewer.getByText("2 of 9").waitFor();
      await viewer.getByRole("heading", { name: "Fireworks" }).waitFor();

      // A pinch: two fingers moving apart zoom in.
      await phone.waitForTimeout(500);
      await touch("touchStart", [
        { x: middle.x - 20, y: middle.y },
        { x: middle.x + 20, y: middle.y },
      ]);
      for (let step = 1; step <= 10; step++) {
        await touch("touchMove", [
          { x: middle.x - 20 - step * 10, y: middle.y },
          { x: middle.x + 20 + step * 10, y: middle.y },
        ]);
      }
      await touch("touchEnd", []);
      await phone.locator(".pswp--zoomed-in").waitFor();
      const zoom = await phone.evaluate(() => {
        const img = document.querySelector(".pswp__item:not([aria-hidden='true']) .pswp__zoom-wrap");
        return img ? getComputedStyle(img).transform : "";
      });
      assert.notEqual(zoom, "");
      await phone.waitForTimeout(300);
      await saveScreenshot(phone, "browse-viewer-phone");
      assert.equal(await hasHorizontalOverflow(phone), false);
    } finally {
      await phoneContext.close();
    }
  });
});
