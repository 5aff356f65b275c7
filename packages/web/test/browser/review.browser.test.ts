import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext } from "playwright-core";
import type { HostHarness } from "../../../server/test/support/embedded-host-harness.js";
import { hasHorizontalOverflow, launchChromium, saveScreenshot } from "./support/browser.js";
import { signUp } from "./support/sign-up.js";
import { fixturePath, startWebHost } from "./support/web-host.js";

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

describe("co-hosts and approval in Chromium", { timeout: 300_000 }, () => {
  let harness: HostHarness;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    ({ url: baseUrl, harness } = await startWebHost({ SHOEBOX_LABELING: "off" }));
    browser = await launchChromium();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await harness?.stop();
  });

  for (const size of SIZES) {
    it(`organizer makes a co-host and sets approval; an upload waits until the co-host approves it (${size.name})`, async () => {
      const person = async () => {
        const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile });
        contexts.push(context);
        return context.newPage();
      };
      const host = { url: baseUrl, harness };
      const eventName = `Garden party (${size.name})`;

      // The organizer creates the event; three people join by its invite link.
      const organizer = await person();
      await signUp(organizer, host, "/events", "Olga");
      await organizer.getByRole("button", { name: "Create your first event" }).click();
      await organizer.getByLabel("Name").fill(eventName);
      await organizer.getByRole("button", { name: "Create event" }).click();
      await organizer.getByRole("heading", { name: eventName }).waitFor();
      const eventUrl = organizer.url();
      const invitePath = new URL(await organizer.getByLabel("Invite link").inputValue()).pathname;
      const cohost = await person();
      await signUp(cohost, host, invitePath, "Cora");
      const uploader = await person();
      await signUp(uploader, host, invitePath, "Uma");
      const viewer = await person();
      await signUp(viewer, host, invitePath, "Vic");
      for (const page of [cohost, uploader, viewer]) {
        await page.getByRole("button", { name: `Join ${eventName}` }).click();
        await page.getByRole("heading", { name: eventName }).waitFor();
      }

      // People: the organizer makes Cora a co-host.
      await organizer.goto(`${eventUrl}/people`);
      await organizer.getByRole("button", { name: "Make co-host Cora" }).click();
      const coraRow = organizer.locator(".people-list li", { hasText: "Cora" });
      await coraRow.getByText("Co-host", { exact: true }).waitFor();
      await coraRow.getByRole("button", { name: "Remove co-host Cora" }).waitFor();
      assert.equal(await organizer.getByRole("button", { name: /co-host Olga/ }).count(), 0);
      assert.equal(await hasHorizontalOverflow(organizer), false);
      await saveScreenshot(organizer, `review-people-${size.name}`);

      // The organizer holds everyone's uploads for approval; the choice survives a reload.
      await organizer.goto(eventUrl);
      const mode = organizer.getByLabel("Photo approval");
      const saved = organizer.waitForResponse(
        (response) => response.url().endsWith("/approval-mode") && response.status() === 200,
      );
      await mode.selectOption("everyone");
      await saved;
      await organizer.reload();
      assert.equal(await organizer.getByLabel("Photo approval").inputValue(), "everyone");
      await saveScreenshot(organizer, `review-approval-mode-${size.name}`);
      assert.equal(await cohost.getByLabel("Photo approval").count(), 0, "only the organizer sets it");

      // Uma uploads: her photo is processed, and marked for her as waiting for review.
      await uploader.reload();
      await uploader.getByLabel("Choose photos to upload").setInputFiles({
        name: "cake.jpg",
        mimeType: "image/jpeg",
        buffer: readFileSync(fixturePath("photos", "coffee-cup.jpg")),
      });
      const waitingTile = uploader.locator('.grid .tile[data-status="ready"][data-review="waiting"]');
      await waitingTile.waitFor({ timeout: 60_000 });
      await waitingTile.getByText("Waiting for review").waitFor();
      await waitingTile.locator("img").evaluate((img: HTMLImageElement) => img.decode());
      await uploader.getByText("New photos wait for a host's approval before others see them.").waitFor();
      await waitingTile.scrollIntoViewIfNeeded();
      assert.equal(await hasHorizontalOverflow(uploader), false);
      await saveScreenshot(uploader, `review-waiting-badge-${size.name}`);
      const photoId = await waitingTile.getAttribute("data-photo-id");
      assert.ok(photoId);

      // Vic, a third account, does not see it at all.
      await viewer.reload();
      await viewer.getByText("No photos yet").waitFor();
      assert.equal(await viewer.locator(".grid .tile").count(), 0);
      assert.equal(await viewer.getByRole("link", { name: "Review" }).count(), 0);

      // Cora, the co-host, finds it in Review with its thumbnail, selects it and approves.
      await cohost.goto(eventUrl);
      await cohost.getByRole("link", { name: "Review" }).click();
      const item = cohost.locator(`.review-item[data-photo-id="${photoId}"]`);
      await item.locator("img").waitFor();
      await item.locator("img").evaluate((img: HTMLImageElement) => img.decode());
      await item.getByRole("checkbox").check();
      await cohost.getByRole("button", { name: "Approve selected (1)" }).waitFor();
      assert.equal(await hasHorizontalOverflow(cohost), false);
      await saveScreenshot(cohost, `review-queue-${size.name}`);
      await cohost.getByRole("button", { name: "Approve selected (1)" }).click();
      await cohost.getByText("Approved 1 photo.").waitFor();
      await cohost.getByText("Nothing waiting for approval.").waitFor();

      // Now everyone sees it, and Uma's badge is gone.
      await viewer.reload();
      await viewer.locator(`.grid .tile[data-photo-id="${photoId}"][data-status="ready"]`).waitFor();
      await uploader.reload();
      const approved = uploader.locator(`.grid .tile[data-photo-id="${photoId}"]`);
      await approved.waitFor();
      assert.equal(await approved.getAttribute("data-review"), null);
      assert.equal(await approved.getByText("Waiting for review").count(), 0);
    });
  }
});
