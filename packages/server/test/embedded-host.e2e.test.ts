import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { HostHarness } from "./support/embedded-host-harness.js";
import { makeJpeg, makePng } from "./support/photos.js";

/**
 * The flows of the seed articles, end to end over real HTTP against the embedded host on free ports: the
 * real S3 endpoint verifying real presigned tickets, real SQLite, the real pipeline worker.
 */
describe("embedded host: event photo journeys", () => {
  const harness = new HostHarness();
  let organizer: ApiClient;
  let attendee: ApiClient;
  let outsider: ApiClient;
  let eventId: string;

  before(async () => {
    await harness.start();
    organizer = await ApiClient.signUp(harness, "Olga");
    attendee = await ApiClient.signUp(harness, "Arun");
    outsider = await ApiClient.signUp(harness, "Eve");
    const created = await organizer.call("POST", "/api/events", { name: "Spring meetup" });
    assert.equal(created.status, 201);
    eventId = created.body.id;
    const joined = await attendee.call("POST", "/api/events/join", { inviteCode: created.body.inviteCode });
    assert.equal(joined.status, 200, JSON.stringify(joined.body));
  });
  after(() => harness.stop());

  async function initiate(
    client: ApiClient,
    body: Record<string, unknown>,
    path = `/api/events/${eventId}/photos/initiate-upload`,
  ) {
    return client.call("POST", path, body);
  }

  it("uploads through a presigned POST straight to the store and the photo becomes ready", async () => {
    const jpeg = await makeJpeg(800, 600);
    const ticket = await initiate(attendee, {
      filename: "C:\\phone\\IMG_0001.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
      title: "Keynote",
      description: "Walking out on stage",
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal(ticket.body.method, "POST");
    assert.match(
      ticket.body.fields.key,
      new RegExp(`^uploads/event_${eventId}/${ticket.body.photoId}\\.jpg$`),
    );

    const pending = await attendee.call("GET", `/api/photos/${ticket.body.photoId}`);
    assert.equal(pending.body.status, "pending", "the record exists before the bytes");

    const upload = await uploadWithTicket(ticket.body, jpeg, "image/jpeg");
    assert.equal(upload.status, 204, await upload.text());

    const photo = await attendee.waitForPhoto(ticket.body.photoId);
    assert.equal(photo.status, "ready");
    assert.equal(photo.width, 800);
    assert.equal(photo.height, 600);
    assert.equal(photo.size, jpeg.length);
    assert.equal(photo.filename, "IMG_0001.jpg");
    assert.equal(photo.title, "Keynote");

    // Another attendee sees it and fetches the stripped web variant (WebP), never the original.
    const seen = await organizer.call("GET", `/api/photos/${photo.id}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.urls.original, null);
    const image = await fetch(seen.body.urls.web);
    assert.equal(image.status, 200);
    const webp = Buffer.from(await image.arrayBuffer());
    assert.equal(webp.toString("latin1", 8, 12), "WEBP");
    assert.equal((await fetch(seen.body.urls.thumb)).status, 200);
    assert.deepEqual(Buffer.from(await (await fetch(photo.urls.original)).arrayBuffer()), jpeg);
  });

  it("uploads through a presigned PUT with the signed content type and length", async () => {
    const png = await makePng(120, 90);
    const ticket = await initiate(attendee, {
      filename: "a.png",
      contentType: "image/png",
      size: png.length,
      method: "PUT",
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal(ticket.body.method, "PUT");
    const upload = await uploadWithTicket(ticket.body, png, "image/png");
    assert.equal(upload.status, 200, await upload.text());
    const photo = await attendee.waitForPhoto(ticket.body.photoId);
    assert.equal(photo.status, "ready");
    assert.deepEqual([photo.width, photo.height], [120, 90]);
  });

  it("lets the store refuse a tampered ticket and keeps the photo pending", async () => {
    const jpeg = await makeJpeg(64, 64);
    const ticket = await initiate(attendee, {
      filename: "x.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
    });
    const otherKey = {
      ...ticket.body,
      fields: { ...ticket.body.fields, key: `uploads/event_${eventId}/chosen-by-me.jpg` },
    };
    const refusedKey = await uploadWithTicket(otherKey, jpeg, "image/jpeg");
    assert.equal(refusedKey.status, 403);
    assert.match(await refusedKey.text(), /AccessDenied/);

    const otherType = { ...ticket.body, fields: { ...ticket.body.fields, "Content-Type": "text/html" } };
    assert.equal((await uploadWithTicket(otherType, jpeg, "text/html")).status, 403);

    const putTicket = await initiate(attendee, {
      filename: "y.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
      method: "PUT",
    });
    const wrongType = await fetch(putTicket.body.url, {
      method: "PUT",
      headers: { ...putTicket.body.headers, "Content-Type": "image/png" },
      body: jpeg,
    });
    assert.equal(wrongType.status, 403);
    assert.match(await wrongType.text(), /SignatureDoesNotMatch/);

    const still = await attendee.call("GET", `/api/photos/${ticket.body.photoId}`);
    assert.equal(still.body.status, "pending");
  });

  it("refuses an upload larger than the ticket allows at the store", async () => {
    const jpeg = await makeJpeg(64, 64);
    const ticket = await initiate(attendee, {
      filename: "z.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
    });
    // The POST policy's content-length-range is the configured maximum (50 MB); send more than that.
    const oversize = new Uint8Array(50 * 1024 * 1024 + 1);
    oversize.set(jpeg);
    const res = await uploadWithTicket(ticket.body, oversize, "image/jpeg");
    assert.equal(res.status, 400);
    assert.match(await res.text(), /EntityTooLarge/);
  });

  it("rejects a non-image uploaded as image/jpeg and deletes its object", async () => {
    const text = Buffer.from("<html>definitely not a photo</html>");
    const ticket = await initiate(attendee, {
      filename: "evil.jpg",
      contentType: "image/jpeg",
      size: text.length,
    });
    assert.equal((await uploadWithTicket(ticket.body, text, "image/jpeg")).status, 204);
    const photo = await attendee.waitForPhoto(ticket.body.photoId);
    assert.equal(photo.status, "rejected");
    assert.match(photo.statusReason, /not an image/);

    const s3 = embeddedS3Client(harness);
    await assert.rejects(
      s3.send(new HeadObjectCommand({ Bucket: "shoebox-photos", Key: ticket.body.fields.key })),
      (error: any) => error.$metadata?.httpStatusCode === 404,
    );
    s3.destroy();
  });

  it("rejects a PNG uploaded under a JPEG ticket (declared type must match the bytes)", async () => {
    const png = await makePng();
    const ticket = await initiate(attendee, {
      filename: "p.jpg",
      contentType: "image/jpeg",
      size: png.length,
    });
    assert.equal((await uploadWithTicket(ticket.body, png, "image/jpeg")).status, 204);
    const photo = await attendee.waitForPhoto(ticket.body.photoId);
    assert.equal(photo.status, "rejected");
    assert.match(photo.statusReason, /PNG/);
  });

  it("keeps non-attendees out: 403 for uploads and the gallery, 404 for unknown events", async () => {
    const body = { filename: "a.jpg", contentType: "image/jpeg", size: 1000 };
    assert.equal((await initiate(outsider, body)).status, 403);
    assert.equal((await outsider.call("GET", `/api/events/${eventId}/photos`)).status, 403);
    assert.equal(
      (await initiate(outsider, body, "/api/events/no-such-event/photos/initiate-upload")).status,
      404,
    );
    const anonymous = new ApiClient(harness.host.url);
    assert.equal((await anonymous.call("GET", `/api/events/${eventId}/photos`)).status, 401);
  });

  it("answers bad input with a clear JSON error and writes no record", async () => {
    const before = await attendee.call("GET", "/api/photos?limit=100");
    const unsupported = await initiate(attendee, { filename: "a.bmp", contentType: "image/bmp", size: 10 });
    assert.equal(unsupported.status, 400);
    assert.equal(unsupported.body.error.code, "UNSUPPORTED_CONTENT_TYPE");
    assert.match(unsupported.body.error.message, /image\/jpeg/);
    const tooBig = await initiate(attendee, {
      filename: "a.jpg",
      contentType: "image/jpeg",
      size: 60 * 1024 * 1024,
    });
    assert.equal(tooBig.status, 400);
    const missing = await initiate(attendee, { contentType: "image/jpeg" });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, "VALIDATION_FAILED");
    const after = await attendee.call("GET", "/api/photos?limit=100");
    assert.equal(after.body.items.length, before.body.items.length);
  });

  it("lists an event's photos newest first with keyset pagination", async () => {
    const ids: string[] = [];
    for (const colour of ["#111", "#222", "#333"]) {
      const jpeg = await makeJpeg(100, 100, colour);
      const ticket = await initiate(organizer, {
        filename: "p.jpg",
        contentType: "image/jpeg",
        size: jpeg.length,
      });
      await uploadWithTicket(ticket.body, jpeg, "image/jpeg");
      await organizer.waitForPhoto(ticket.body.photoId);
      ids.push(ticket.body.photoId);
    }
    const first = await attendee.call("GET", `/api/events/${eventId}/photos?limit=2`);
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.items.map((p: any) => p.id),
      [ids[2], ids[1]],
    );
    assert.ok(first.body.nextCursor);
    const second = await attendee.call(
      "GET",
      `/api/events/${eventId}/photos?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    assert.equal(second.body.items[0].id, ids[0]);
    for (const photo of second.body.items)
      assert.ok(!ids.slice(1).includes(photo.id), "no photo appears twice");
  });

  it("lets the owner or the organizer delete a photo, but not another attendee; object and record go", async () => {
    const jpeg = await makeJpeg(50, 50, "#abc");
    const ticket = await initiate(organizer, {
      filename: "d.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
    });
    await uploadWithTicket(ticket.body, jpeg, "image/jpeg");
    await organizer.waitForPhoto(ticket.body.photoId);
    assert.equal((await attendee.call("DELETE", `/api/photos/${ticket.body.photoId}`)).status, 403);
    assert.equal((await organizer.call("DELETE", `/api/photos/${ticket.body.photoId}`)).status, 204);
    assert.equal((await organizer.call("GET", `/api/photos/${ticket.body.photoId}`)).status, 404);
    const s3 = embeddedS3Client(harness);
    await assert.rejects(
      s3.send(new HeadObjectCommand({ Bucket: "shoebox-photos", Key: ticket.body.fields.key })),
      (error: any) => error.$metadata?.httpStatusCode === 404,
    );
    s3.destroy();
  });

  it("accepts a small direct upload through the API for clients that cannot do two steps", async () => {
    const jpeg = await makeJpeg(300, 200, "#f0f");
    const res = await fetch(`${harness.host.url}/api/photos?title=Direct`, {
      method: "POST",
      headers: { authorization: `Bearer ${attendee.token}`, "content-type": "image/jpeg" },
      body: jpeg,
    });
    assert.equal(res.status, 201, await res.clone().text());
    const created = (await res.json()) as { id: string };
    const photo = await attendee.waitForPhoto(created.id);
    assert.equal(photo.status, "ready");
    assert.equal(photo.title, "Direct");
    assert.deepEqual([photo.width, photo.height], [300, 200]);
  });

  it("uploads to the user's own library and lists it under /api/photos", async () => {
    const jpeg = await makeJpeg(40, 30, "#0af");
    const ticket = await initiate(
      outsider,
      { filename: "mine.jpg", contentType: "image/jpeg", size: jpeg.length },
      "/api/photos/initiate-upload",
    );
    assert.equal(ticket.status, 201);
    assert.match(ticket.body.fields.key, /^uploads\/user_/);
    await uploadWithTicket(ticket.body, jpeg, "image/jpeg");
    await outsider.waitForPhoto(ticket.body.photoId);
    const mine = await outsider.call("GET", "/api/photos");
    assert.deepEqual(
      mine.body.items.map((p: any) => p.id),
      [ticket.body.photoId],
    );
  });
});

describe("embedded host: durability", () => {
  it("finishes a photo whose pipeline job was queued when the host stopped", async () => {
    const harness = new HostHarness();
    try {
      await harness.start({ startWorkers: false });
      const user = await ApiClient.signUp(harness, "Dana");
      const jpeg = await makeJpeg(200, 100);
      const ticket = await user.call("POST", "/api/photos/initiate-upload", {
        filename: "late.jpg",
        contentType: "image/jpeg",
        size: jpeg.length,
      });
      assert.equal((await uploadWithTicket(ticket.body, jpeg, "image/jpeg")).status, 204);
      // The store journaled the event and the queue holds the job, but no worker runs: still pending.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal((await user.call("GET", `/api/photos/${ticket.body.photoId}`)).body.status, "pending");

      const restarted = await harness.restart();
      const again = new ApiClient(restarted.url, user.token);
      const photo = await again.waitForPhoto(ticket.body.photoId);
      assert.equal(photo.status, "ready");
      assert.deepEqual([photo.width, photo.height], [200, 100]);
    } finally {
      await harness.stop();
    }
  });

  it("keeps accounts, events and photos across a restart", async () => {
    const harness = new HostHarness();
    try {
      await harness.start();
      const user = await ApiClient.signUp(harness, "Rui");
      const event = await user.call("POST", "/api/events", { name: "Wedding" });
      const restarted = await harness.restart();
      const again = new ApiClient(restarted.url, user.token);
      const listed = await again.call("GET", "/api/events");
      assert.equal(listed.status, 200, "a token issued before the restart still verifies");
      assert.deepEqual(
        listed.body.items.map((e: any) => e.id),
        [event.body.id],
      );
    } finally {
      await harness.stop();
    }
  });

  it("marks pending photos whose ticket expired unused as expired", async () => {
    const harness = new HostHarness();
    try {
      const host = await harness.start({}, { SHOEBOX_UPLOAD_TICKET_TTL_SECONDS: "300" });
      const user = await ApiClient.signUp(harness, "Kim");
      const ticket = await user.call("POST", "/api/photos/initiate-upload", {
        filename: "never.jpg",
        contentType: "image/jpeg",
        size: 1000,
      });
      assert.equal(await host.reconciler.sweep(), 0, "a live ticket is left alone");
      // Ten minutes on: the ticket (5 min) and the grace period (5 min) are over.
      const later = await harness.restart({ clock: { now: () => new Date(Date.now() + 11 * 60_000) } });
      assert.equal(await later.reconciler.sweep(), 1);
      const photo = await new ApiClient(later.url, user.token).call(
        "GET",
        `/api/photos/${ticket.body.photoId}`,
      );
      assert.equal(photo.body.status, "expired");
    } finally {
      await harness.stop();
    }
  });
});

function embeddedS3Client(harness: HostHarness): S3Client {
  const credentials = JSON.parse(
    readFileSync(join(harness.dataDir, "object-store", "credentials.json"), "utf8"),
  );
  return new S3Client({
    region: "us-east-1",
    endpoint: harness.host.s3Url,
    forcePathStyle: true,
    credentials,
  });
}
