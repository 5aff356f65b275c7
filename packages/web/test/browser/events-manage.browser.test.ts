import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { HostHarness } from "../../../server/test/support/embedded-host-harness.js";
import { hasHorizontalOverflow, launchChromium, saveScreenshot } from "./support/browser.js";
import { signUp } from "./support/sign-up.js";
import { startWebHost } from "./support/web-host.js";

/** Drops fixture photos on the event's dropzone, as a desktop drag and drop does. */
async function dropPhotos(page: Page, names: string[]): Promise<void> {
  await page.evaluate(async (list) => {
    const transfer = new DataTransfer();
    for (const name of list) {
      const blob = await (await fetch(`/test-fixtures/photos/${name}`)).blob();
      transfer.items.add(new File([blob], name, { type: "image/jpeg" }));
    }
    const zone = document.querySelector('[data-testid="dropzone"]');
    if (!zone) throw new Error("no dropzone");
    for (const type of ["dragenter", "dragover", "drop"]) {
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, names);
}

async function openSettings(page: Page) {
  await page.getByRole("button", { name: "Settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Event settings" });
  await dialog.waitFor();
  return dialog;
}

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

describe("managing an event in Chromium, as its organizer", { timeout: 300_000 }, () => {
  let harness: HostHarness;
  let baseUrl: string;
  let browser: Browser;

  before(async () => {
    ({ url: baseUrl, harness } = await startWebHost());
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.stop();
  });

  for (const size of SIZES) {
    it(`edits details and cover, closes and reopens uploads, and deletes the event (${size.name})`, async () => {
      const context = await browser.newContext({ viewport: size.viewport });
      const page = await context.newPage();
      await signUp(page, { url: baseUrl, harness }, "/events", `Mia${size.name}`);
      await page.getByRole("button", { name: "Create your first event" }).click();
      await page.getByLabel("Name").fill("Garden party");
      await page.getByRole("button", { name: "Create event" }).click();
      await page.getByRole("heading", { name: "Garden party" }).waitFor();
      const eventUrl = page.url();
      await dropPhotos(page, ["chelsea-cat.jpg", "coffee-cup.jpg"]);
      await page.locator('.grid .tile[data-status="ready"]').nth(1).waitFor({ timeout: 60_000 });

      // Details and cover.
      let dialog = await openSettings(page);
      await dialog.getByLabel("Name").fill("Summer garden party");
      await dialog.getByLabel("Date").fill("2026-07-04");
      await dialog.getByLabel("Description").fill("Bring a chair.");
      const covers = dialog.locator(".cover-choice img");
      await covers.nth(1).waitFor();
      await dialog.locator(".cover-choice").nth(2).click();
      assert.equal(await dialog.locator(".cover-choice.chosen img").count(), 1);
      assert.equal(await hasHorizontalOverflow(page), false);
      await saveScreenshot(page, `manage-settings-${size.name}`);
      await dialog.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("heading", { name: "Summer garden party" }).waitFor();
      await page.getByText("Bring a chair.").waitFor();

      // The events list shows cover, date and counts.
      await page.getByRole("link", { name: "Events", exact: true }).first().click();
      const card = page.getByRole("link", { name: /Summer garden party/ });
      await card.waitFor();
      await card.getByText("2 photos · 1 attendee").waitFor();
      assert.match(await card.innerText(), /2026/);
      const coverSrc = await card.locator(".event-cover img").getAttribute("src");
      assert.match(coverSrc ?? "", /thumb\.webp/);
      assert.equal(
        await card.locator(".event-cover img").evaluate((img: HTMLImageElement) => img.naturalWidth > 0),
        true,
        "the cover thumbnail loads",
      );
      assert.equal(await hasHorizontalOverflow(page), false);
      await saveScreenshot(page, `manage-events-${size.name}`);

      // A guest link, to see the guest page while uploads are closed.
      await page.goto(`${eventUrl}/links`);
      await page.getByRole("button", { name: "Create upload link" }).click();
      const guestUrl = await page.locator('input.copy-field[aria-label="Guest upload link"]').inputValue();

      // Close uploads by hand: no drop zone, for the organizer or a guest.
      await page.goto(eventUrl);
      dialog = await openSettings(page);
      await dialog.getByLabel(/Close uploads now/).check();
      await dialog.getByRole("button", { name: "Save changes" }).click();
      await page.getByRole("heading", { name: "Uploads are closed" }).waitFor();
      assert.equal(await page.locator('[data-testid="dropzone"]').count(), 0);
      await saveScreenshot(page, `manage-uploads-closed-${size.name}`);
      const guest = await context.newPage();
      await guest.goto(guestUrl);
      await guest.getByRole("heading", { name: "Uploads are closed" }).waitFor();
      assert.equal(await guest.locator('[data-testid="dropzone"]').count(), 0);
      await saveScreenshot(guest, `manage-guest-closed-${size.name}`);

      // A window that opens later says when.
      dialog = await openSettings(page);
      await dialog.getByLabel(/Close uploads now/).uncheck();
      await dialog.getByLabel("Open from (optional)").fill("2099-01-01T10:00");
      await dialog.getByRole("button", { name: "Save changes" }).click();
      await page.getByText(/They open .*2099/).waitFor();

      // Reopened: the drop zone is back, and the guest gets it too.
      dialog = await openSettings(page);
      await dialog.getByLabel("Open from (optional)").fill("");
      await dialog.getByRole("button", { name: "Save changes" }).click();
      await page.locator('[data-testid="dropzone"]').waitFor();
      await guest.reload();
      await guest.locator('[data-testid="dropzone"]').waitFor();

      // Delete, behind a confirmation that names the event.
      dialog = await openSettings(page);
      await dialog.getByRole("button", { name: "Delete event…" }).click();
      await dialog.getByText("Delete “Summer garden party”?").waitFor();
      await saveScreenshot(page, `manage-delete-${size.name}`);
      await dialog.getByRole("button", { name: "Delete “Summer garden party”" }).click();
      await page.getByRole("heading", { name: "Your events" }).waitFor();
      await page.getByRole("heading", { name: "No events yet" }).waitFor();
      await page.goto(eventUrl);
      await page
        .getByText(/not found|no such|does not exist/i)
        .first()
        .waitFor();
      await harness.host.queue.drained();
      await context.close();
    });
  }
});
