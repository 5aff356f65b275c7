import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import Database from "better-sqlite3";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { killHost, startChildHost, waitForJobRow } from "./support/child-host.js";
import { HostHarness } from "./support/embedded-host-harness.js";
import { makeJpeg } from "./support/photos.js";
import { TestMailbox } from "./support/test-mailbox.js";

const BUCKET = "shoebox-photos";

function s3Of(dataDir: string, s3Url: string): S3Client {
  const credentials = JSON.parse(readFileSync(join(dataDir, "object-store", "credentials.json"), "utf8"));
  return new S3Client({ region: "us-east-1", endpoint: s3Url, forcePathStyle: true, credentials });
}

/** Every key in the bucket (the test buckets hold a few hundred at most). */
async function allKeys(s3: S3Client): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

const NOTHING = {
  events: 0,
  attendees: 0,
  invitations: 0,
  photos: 0,
  labels: 0,
  claims: 0,
  uploaders: 0,
  guestLinks: 0,
  shareLinks: 0,
};

/** Rows anywhere in the host's SQLite file that still name the event or one of its photos. */
function leftovers(dataDir: string, eventId: string, photoIds: string[]): typeof NOTHING {
  const db = new Database(join(dataDir, "shoebox.sqlite"), { readonly: true });
  try {
    const count = (sql: string, ...params: unknown[]) =>
      (db
        .prepare(sql)
        .pluck()
        .get(...params) as number) ?? 0;
    const inPhotos = `(${photoIds.map(() => "?").join(", ") || "NULL"})`;
    return {
      events: count("SELECT COUNT(*) FROM events WHERE id = ?", eventId),
      attendees: count("SELECT COUNT(*) FROM event_attendees WHERE event_id = ?", eventId),
      invitations: count("SELECT COUNT(*) FROM event_invitations WHERE event_id = ?", eventId),
      photos: count("SELECT COUNT(*) FROM photos WHERE event_id = ?", eventId),
      labels: count(`SELECT COUNT(*) FROM photo_labels WHERE photo_id IN ${inPhotos}`, ...photoIds),
      claims: count(`SELECT COUNT(*) FROM photo_content_claims WHERE photo_id IN ${inPhotos}`, ...photoIds),
      uploaders: count("SELECT COUNT(*) FROM photo_uploaders WHERE event_id = ?", eventId),
      guestLinks: count("SELECT COUNT(*) FROM guest_links WHERE event_id = ?", eventId),
      shareLinks: count(
        `SELECT COUNT(*) FROM share_links WHERE event_id = ? OR photo_id IN ${inPhotos}`,
        eventId,
        ...photoIds,
      ),
    };
  } finally {
    db.close();
  }
}

/** Uploads a real JPEG through a ticket and waits until the pipeline has made it ready. */
async function uploadReady(client: ApiClient, eventId: string, colour: string): Promise<string> {
  const jpeg = await makeJpeg(320, 240, colour);
  const ticket = await client.call("POST", `/api/events/${eventId}/photos/initiate-upload`, {
    filename: "a.jpg",
    contentType: "image/jpeg",
    size: jpeg.length,
  });
  assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
  assert.equal((await uploadWithTicket(ticket.body, jpeg, "image/jpeg")).status, 204);
  assert.equal((await client.waitForPhoto(ticket.body.photoId)).status, "ready");
  return ticket.body.photoId;
}

/** An event with two attendees, ready photos, a guest link, share links and an invitation. */
async function populatedEvent(organizer: ApiClient, attendee: ApiClient) {
  const created = await organizer.call("POST", "/api/events", { name: "Doomed party" });
  const eventId: string = created.body.id;
  await attendee.call("POST", "/api/events/join", { inviteCode: created.body.inviteCode });
  const photoIds = [
    await uploadReady(attendee, eventId, "#a33"),
    await uploadReady(organizer, eventId, "#3a3"),
  ];
  assert.equal((await organizer.call("POST", `/api/events/${eventId}/guest-links`, {})).status, 201);
  assert.equal((await attendee.call("POST", "/api/shares", { photoId: photoIds[0] })).status, 201);
  assert.equal((await organizer.call("POST", "/api/shares", { eventId })).status, 201);
  const invited = await organizer.call("POST", `/api/events/${eventId}/invitations`, {
    emails: ["later@example.test"],
  });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  return { eventId, photoIds };
}

describe("embedded host: deleting an event", () => {
  const harness = new HostHarness();
  let organizer: ApiClient;
  let attendee: ApiClient;

  before(async () => {
    await harness.start();
    organizer = await ApiClient.signUp(harness, "Olga");
    attendee = await ApiClient.signUp(harness, "Arun");
  });
  after(() => harness.stop());

  it("hides it at once (202), then its job leaves nothing of it in the store or the database; other events stay", async () => {
    const { eventId, photoIds } = await populatedEvent(organizer, attendee);
    const kept = await organizer.call("POST", "/api/events", { name: "Kept" });
    const keptPhoto = await uploadReady(organizer, kept.body.id, "#33a");
    const s3 = s3Of(harness.dataDir, harness.host.s3Url);
    const ofEvent = (keys: string[]) =>
      keys.filter((key) => key.includes(eventId) || photoIds.some((id) => key.includes(id)));
    assert.equal(ofEvent(await allKeys(s3)).length, 6, "two originals and four variants");

    assert.equal((await attendee.call("DELETE", `/api/events/${eventId}`)).status, 403);
    const deleted = await organizer.call("DELETE", `/api/events/${eventId}`);
    assert.equal(deleted.status, 202, JSON.stringify(deleted.body));
    assert.equal((await attendee.call("GET", `/api/events/${eventId}`)).status, 404);
    await harness.host.queue.drained();

    assert.deepEqual(ofEvent(await allKeys(s3)), []);
    assert.deepEqual(leftovers(harness.dataDir, eventId, photoIds), NOTHING);
    assert.equal((await organizer.call("GET", `/api/photos/${keptPhoto}`)).body.status, "ready");
    const list = await organizer.call("GET", "/api/events");
    assert.deepEqual(
      list.body.items.map((e: { id: string }) => e.id),
      [kept.body.id],
    );
  });
});

/** Waits until the deletion job's row (state, step, attempts) satisfies `done`. */
function waitForJob(
  dataDir: string,
  done: (job: { state: string; progress: string | null; attempts: number }) => boolean,
) {
  return waitForJobRow(
    dataDir,
    "SELECT state, progress, attempts FROM jobs WHERE type = 'event-deletion'",
    done,
    { deadlineMs: 60_000, pollMs: 2 },
  );
}

describe("embedded host: a deletion cut short by a crash (SIGKILL of a child-process host mid-job)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "shoebox-delete-crash-"));
  let running: ChildProcess | undefined;
  let mailbox: TestMailbox | undefined;
  after(async () => {
    if (running && running.exitCode === null) await killHost(running);
    await mailbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("finishes after the restart and leaves nothing of the event", async () => {
    mailbox = await TestMailbox.start();
    const mail = { SHOEBOX_SMTP_URL: mailbox.url };
    let host = await startChildHost({ CHILD_DATA_DIR: dataDir, ...mail });
    running = host.child;
    const ports = { CHILD_PORT: new URL(host.url).port, CHILD_S3_PORT: new URL(host.s3Url).port };
    const organizer = await ApiClient.signUp({ url: host.url, mailbox }, "Olga");
    const attendee = await ApiClient.signUp({ url: host.url, mailbox }, "Arun");
    const { eventId, photoIds } = await populatedEvent(organizer, attendee);
    // Many more photo records (tickets never used), so the photos step takes long enough to be cut short.
    for (let i = 0; i < 200; i++) {
      const ticket = await attendee.call("POST", `/api/events/${eventId}/photos/initiate-upload`, {
        filename: `p${i}.jpg`,
        contentType: "image/jpeg",
        size: 1000,
      });
      assert.equal(ticket.status, 201);
      photoIds.push(ticket.body.photoId);
    }

    assert.equal((await organizer.call("DELETE", `/api/events/${eventId}`)).status, 202);
    await waitForJob(dataDir, (job) => job.state === "running" && job.progress === "photos");
    await killHost(host.child);
    const cut = leftovers(dataDir, eventId, photoIds);
    assert.equal(
      cut.events,
      1,
      "killed before the last step: the event record (marked deleting) is still there",
    );
    assert.ok(cut.photos > 0, "killed while photos were still being removed");
    assert.equal(cut.guestLinks, 0, "the steps before it were done");

    host = await startChildHost({ CHILD_DATA_DIR: dataDir, ...mail, ...ports });
    running = host.child;
    const job = await waitForJob(dataDir, (j) => j.state !== "queued" && j.state !== "running");
    assert.equal(job.state, "done");
    assert.deepEqual(leftovers(dataDir, eventId, photoIds), NOTHING);
    const keys = await allKeys(s3Of(dataDir, host.s3Url));
    assert.deepEqual(
      keys.filter((key) => key.includes(eventId) || photoIds.some((id) => key.includes(id))),
      [],
    );
    assert.equal(
      (await new ApiClient(host.url, organizer.token).call("GET", `/api/events/${eventId}`)).status,
      404,
    );
  });
});
