import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { HostHarness } from "../../../../server/test/support/embedded-host-harness.js";
import { hasHorizontalOverflow, saveScreenshot } from "./browser.js";

export const PASSWORD = "correct horse battery";

/**
 * Signs up in the page, reads the 6-digit code from the mail the host sent (to the harness's SMTP server)
 * and enters it, as a person with their inbox open does. `screenshot` names a picture of the code step.
 */
export async function signUp(
  page: Page,
  host: { url: string; harness: HostHarness },
  path: string,
  name: string,
  screenshot?: string,
): Promise<string> {
  const email = `${name.toLowerCase()}-${Date.now()}@example.test`;
  await page.goto(`${host.url}${path}`);
  // An invite link opens on sign-up already; elsewhere the form opens on sign-in.
  const toSignUp = page.getByRole("button", { name: "Create an account" });
  await page.getByRole("heading", { name: /^(Welcome back|Create your account)$/ }).waitFor();
  if (await toSignUp.isVisible()) await toSignUp.click();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Confirm your email" }).waitFor();
  assert.equal(await hasHorizontalOverflow(page), false);
  if (screenshot) await saveScreenshot(page, screenshot);
  const code = await host.harness.mailbox.codeFor(email);
  await page.getByLabel("Confirmation code").fill(code);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  return email;
}
