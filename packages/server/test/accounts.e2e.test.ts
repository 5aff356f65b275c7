import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmbeddedHost } from "../src/composition/embedded-host.js";
import { loadConfig } from "../src/config/load-config.js";
import { ApiClient } from "./support/api-client.js";
import { capturingLogger } from "./support/app-harness.js";
import { HostHarness } from "./support/embedded-host-harness.js";

/** Raw answer of an anonymous JSON POST: status and the exact body text. */
async function postRaw(url: string, json: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(json),
  });
  return { status: res.status, text: await res.text() };
}

describe("accounts on the embedded host, with mail through a real SMTP server", () => {
  const harness = new HostHarness();
  let organizer: ApiClient;

  before(async () => {
    await harness.start();
    organizer = await ApiClient.signUp(harness, "Olga");
  });
  after(() => harness.stop());

  it("signs up, reads the code from the mail, confirms, and accepts an invitation sent to that address", async () => {
    const email = `ines-${Date.now()}@example.test`;
    const event = await organizer.call("POST", "/api/events", { name: "Launch party" });
    const invited = await organizer.call("POST", `/api/events/${event.body.id}/invitations`, {
      emails: [email],
    });
    assert.equal(invited.status, 201);

    const signUp = await postRaw(`${harness.url}/api/auth/signup`, {
      email,
      password: "correct horse battery",
      name: "Ines",
    });
    assert.equal(signUp.status, 202);
    assert.deepEqual(JSON.parse(signUp.text), { confirmation: "sent", delivery: "email" });
    const [mail] = await harness.mailbox.waitFor(email);
    assert.match(mail!.raw, /^Content-Type: text\/plain/im, "plain text, no attachments or HTML");
    assert.doesNotMatch(mail!.raw, /Launch party|GPS|EXIF/i, "nothing about events or photos");
    const code = await harness.mailbox.codeFor(email);

    const confirmed = await postRaw(`${harness.url}/api/auth/confirm`, {
      email,
      code,
      password: "correct horse battery",
    });
    assert.equal(confirmed.status, 200, confirmed.text);
    const ines = new ApiClient(harness.url, JSON.parse(confirmed.text).idToken);
    const mine = await ines.call("GET", "/api/invitations");
    assert.deepEqual(
      mine.body.items.map((item: { event: { name: string } }) => item.event.name),
      ["Launch party"],
    );
    const joined = await ines.call("POST", `/api/events/${event.body.id}/join`);
    assert.equal(joined.status, 200, JSON.stringify(joined.body));
    assert.equal(joined.body.role, "attendee");

    // The code worked once.
    const again = await postRaw(`${harness.url}/api/auth/confirm`, {
      email,
      code,
      password: "correct horse battery",
    });
    assert.equal(again.status, 400);
  });

  it("answers a sign-up with a taken email byte for byte like a new one; the owner gets a notice mail", async () => {
    const owner = `owen-${Date.now()}@example.test`;
    await ApiClient.signUp(harness, "Owen", owner);
    const fresh = `fresh-${Date.now()}@example.test`;

    const taken = await postRaw(`${harness.url}/api/auth/signup`, {
      email: owner,
      password: "an attacker's password",
      name: "Mallory",
    });
    const brandNew = await postRaw(`${harness.url}/api/auth/signup`, {
      email: fresh,
      password: "an attacker's password",
      name: "Mallory",
    });
    assert.equal(taken.status, brandNew.status);
    assert.equal(taken.text, brandNew.text);

    const toOwner = await harness.mailbox.waitFor(owner, 2);
    assert.match(toOwner[1]!.subject, /Someone tried to sign up/);
    assert.doesNotMatch(toOwner[1]!.raw, /code: \d{6}/);
    const toFresh = await harness.mailbox.waitFor(fresh);
    assert.match(toFresh[0]!.subject, /confirmation code: \d{6}/);

    const login = await postRaw(`${harness.url}/api/auth/login`, {
      email: owner,
      password: "an attacker's password",
    });
    assert.equal(login.status, 401, "the owner's account did not change");
  });

  it("answers sign-in of an unconfirmed sign-up exactly like a wrong password", async () => {
    const email = `pat-${Date.now()}@example.test`;
    await postRaw(`${harness.url}/api/auth/signup`, {
      email,
      password: "correct horse battery",
      name: "Pat",
    });
    const unconfirmed = await postRaw(`${harness.url}/api/auth/login`, {
      email,
      password: "correct horse battery",
    });
    const unknown = await postRaw(`${harness.url}/api/auth/login`, {
      email: `nobody-${Date.now()}@example.test`,
      password: "correct horse battery",
    });
    assert.equal(unconfirmed.status, 401);
    assert.equal(unconfirmed.status, unknown.status);
    assert.equal(unconfirmed.text, unknown.text);
  });
});

describe("accounts on the embedded host without a mail server", () => {
  it("prints the confirmation code in the host's log, in one line, and says so in the answer", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "shoebox-nomail-"));
    const logger = capturingLogger();
    const host = await startEmbeddedHost(
      loadConfig({
        SHOEBOX_PORT: "0",
        SHOEBOX_S3_PORT: "0",
        SHOEBOX_DATA_DIR: dataDir,
        SHOEBOX_LABELING: "off",
      }),
      { logger },
    );
    try {
      const email = "solo@example.test";
      const signUp = await postRaw(`${host.url}/api/auth/signup`, {
        email,
        password: "by myself!",
        name: "Solo",
      });
      assert.deepEqual(JSON.parse(signUp.text), { confirmation: "sent", delivery: "log" });
      const line = logger.lines.find((l) => l.message.includes(email));
      assert.ok(line, "one log line names the address");
      assert.match(line.message, /SHOEBOX_SMTP_URL/);
      const code = /confirmation code: (\d{6})/.exec(line.message)?.[1];
      assert.ok(code);
      const confirmed = await postRaw(`${host.url}/api/auth/confirm`, {
        email,
        code,
        password: "by myself!",
      });
      assert.equal(confirmed.status, 200);
    } finally {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
