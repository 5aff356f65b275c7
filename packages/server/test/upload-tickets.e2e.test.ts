import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { loadOrCreateS3Credentials } from "../src/composition/embedded-s3-credentials.js";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { HostHarness } from "./support/embedded-host-harness.js";
import { makeJpeg } from "./support/photos.js";

const TEXT = Buffer.from("x".repeat(500));

/**
 * Upload tickets against the embedded host over real HTTP: a ticket works once (PUT signs
 * `If-None-Match: *`; the store makes `uploads/` create-only, so a replayed POST form gets 412 too), and
 * access that ends between ticket and bytes ends the upload.
 */
describe("embedded host: upload tickets are used once and follow revocation", () => {
  const harness = new HostHarness();
  let s3: S3Client;
  let organizer: ApiClient;
  let attendee: ApiClient;
  let eventId: string;

  before(async () => {
    const host = await harness.start();
    s3 = new S3Client({
      endpoint: host.s3Url,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: await loadOrCreateS3Credentials(harness.dataDir),
    });
    organizer = await ApiClient.signUp(harness, "Olga");
    attendee = await ApiClient.signUp(harness, "Arun");
    const created = await organizer.call("POST", "/api/events", { name: "Harbour festival" });
    eventId = created.body.id;
    await attendee.call("POST", "/api/events/join", { inviteCode: created.body.inviteCode });
  });
  after(async () => {
    s3?.destroy();
    await harness.stop();
  });

  const initiate = async (client: ApiClient, bytes: Buffer, method: "POST" | "PUT" = "POST") => {
    const ticket = await client.call("POST", `/api/events/${eventId}/photos/initiate-upload`, {
      filename: "IMG.jpg",
      contentType: "image/jpeg",
      size: bytes.length,
      method,
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    return ticket.body;
  };

  const originalBytes = async (client: ApiClient, photoId: string) => {
    const photo = await client.call("GET", `/api/photos/${photoId}`);
    const original = await fetch(photo.body.urls.original);
    assert.equal(original.status, 200);
    return Buffer.from(await original.arrayBuffer());
  };

  /** Whether the key is stored: only a 404 is "no"; any other failure fails the test. */
  const objectExists = (key: string) =>
    s3.send(new HeadObjectCommand({ Bucket: "shoebox-photos", Key: key })).then(
      () => true,
      (error: { $metadata?: { httpStatusCode?: number } }) => {
        if (error.$metadata?.httpStatusCode === 404) return false;
        throw error;
      },
    );

  it("refuses a replayed POST ticket with 412 after processing: the ready photo and its original stay as they were", async () => {
    const jpeg = await makeJpeg(320, 240, "#2a6");
    const ticket = await initiate(attendee, jpeg);
    assert.equal((await uploadWithTicket(ticket, jpeg, "image/jpeg")).status, 204);
    const ready = await attendee.waitForPhoto(ticket.photoId);
    assert.equal(ready.status, "ready");

    const replay = await uploadWithTicket(ticket, TEXT, "image/jpeg");
    assert.equal(replay.status, 412);
    assert.match(await replay.text(), /PreconditionFailed/);
    const after = (await attendee.call("GET", `/api/photos/${ticket.photoId}`)).body;
    assert.equal(after.status, "ready");
    assert.equal(after.size, ready.size);
    assert.ok((await originalBytes(attendee, ticket.photoId)).equals(jpeg));
  });

  it("refuses a replayed PUT ticket with 412: the ticket signs If-None-Match: *", async () => {
    const jpeg = await makeJpeg(320, 240, "#62a");
    const ticket = await initiate(attendee, jpeg, "PUT");
    assert.equal(ticket.headers["If-None-Match"], "*");
    assert.equal((await uploadWithTicket(ticket, jpeg, "image/jpeg")).status, 200);
    const replay = await uploadWithTicket(ticket, await makeJpeg(320, 240, "#a26"), "image/jpeg");
    assert.equal(replay.status, 412);
    assert.equal((await attendee.waitForPhoto(ticket.photoId)).status, "ready");
    assert.ok((await originalBytes(attendee, ticket.photoId)).equals(jpeg));
  });

  it("refuses a replayed POST ticket with 412 before processing too: the first bytes are the photo", async () => {
    const jpeg = await makeJpeg(320, 240, "#a62");
    const ticket = await initiate(attendee, jpeg);
    const [first, second] = [
      await uploadWithTicket(ticket, jpeg, "image/jpeg"),
      await uploadWithTicket(ticket, TEXT, "image/jpeg"),
    ];
    assert.equal(first.status, 204);
    assert.equal(second.status, 412);
    assert.equal((await attendee.waitForPhoto(ticket.photoId)).status, "ready");
    assert.ok((await originalBytes(attendee, ticket.photoId)).equals(jpeg));
  });

  it("rejects and deletes the upload of an attendee removed after their ticket, with a reason they see", async () => {
    const leaver = await ApiClient.signUp(harness, "Lea");
    const event = (await organizer.call("GET", `/api/events/${eventId}`)).body;
    await leaver.call("POST", "/api/events/join", { inviteCode: event.inviteCode });
    const jpeg = await makeJpeg(320, 240, "#26a");
    const ticket = await initiate(leaver, jpeg);
    const me = (await leaver.call("GET", "/api/me")).body;
    const removed = await organizer.call("DELETE", `/api/events/${eventId}/attendees/${me.userId}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.body));

    assert.equal((await uploadWithTicket(ticket, jpeg, "image/jpeg")).status, 204, "the store took it");
    const photo = await leaver.waitForPhoto(ticket.photoId);
    assert.equal(photo.status, "rejected");
    assert.match(photo.statusReason, /no longer attends the event/);
    assert.equal(await objectExists(`uploads/event_${eventId}/${ticket.photoId}.jpg`), false);
  });

  it("rejects and deletes a guest upload whose link was revoked after its ticket", async () => {
    const link = await organizer.call("POST", `/api/events/${eventId}/guest-links`, {});
    assert.equal(link.status, 201, JSON.stringify(link.body));
    const guest = new ApiClient(harness.host.url);
    const jpeg = await makeJpeg(320, 240, "#6a2");
    const ticket = await guest.call("POST", `/api/guest/${link.body.token}/initiate-upload`, {
      filename: "guest.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal((await organizer.call("DELETE", `/api/guest-links/${link.body.id}`)).status, 204);

    assert.equal((await uploadWithTicket(ticket.body, jpeg, "image/jpeg")).status, 204);
    const key = `uploads/event_${eventId}/${ticket.body.photoId}.jpg`;
    const deadline = Date.now() + 15_000;
    while (await objectExists(key)) {
      assert.ok(Date.now() < deadline, "the pipeline deletes the object");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const gallery = await organizer.call("GET", `/api/events/${eventId}/photos`);
    assert.equal(
      gallery.body.items.some((p: { id: string }) => p.id === ticket.body.photoId),
      false,
      "the photo never reaches the gallery",
    );
  });
});
