import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import exifr from "exifr";
import sharp from "sharp";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { HostHarness } from "./support/embedded-host-harness.js";
import { makeJpeg } from "./support/photos.js";

/** A real camera JPEG with EXIF and GPS (39.9155 N, 116.3908 E). */
const CAMERA_JPEG = readFileSync(new URL("./fixtures/images/nikon-d2h-gps.jpg", import.meta.url));
const PASSWORD_ATTEMPTS = 3;

/**
 * Sharing over real HTTP against the embedded host: the signed `/cdn` route serving stripped variants
 * from the real store, share links with passwords and revocation, and guests uploading through a link into
 * the real pipeline.
 */
describe("embedded host: sharing and guest uploads", () => {
  const harness = new HostHarness();
  let organizer: ApiClient;
  let attendee: ApiClient;
  let outsider: ApiClient;
  let eventId: string;
  let photoId: string;
  const emails: string[] = [];

  before(async () => {
    await harness.start(
      {},
      // Behind a (pretend) proxy: each test plays its own client address through X-Forwarded-For.
      { SHOEBOX_RATE_LIMIT_LINK_PASSWORD_PER_MINUTE: String(PASSWORD_ATTEMPTS), SHOEBOX_TRUST_PROXY: "on" },
    );
    organizer = await ApiClient.signUp(harness, "Olga");
    attendee = await ApiClient.signUp(harness, "Arun");
    outsider = await ApiClient.signUp(harness, "Eve");
    for (const client of [organizer, attendee]) emails.push((await client.call("GET", "/api/me")).body.email);
    const created = await organizer.call("POST", "/api/events", { name: "Summer fair" });
    eventId = created.body.id;
    await attendee.call("POST", "/api/events/join", { inviteCode: created.body.inviteCode });
    const ticket = await attendee.call("POST", `/api/events/${eventId}/photos/initiate-upload`, {
      filename: "DSC_0001.jpg",
      contentType: "image/jpeg",
      size: CAMERA_JPEG.length,
      title: "Ferris wheel",
    });
    assert.equal((await uploadWithTicket(ticket.body, CAMERA_JPEG, "image/jpeg")).status, 204);
    const photo = await attendee.waitForPhoto(ticket.body.photoId);
    assert.equal(photo.status, "ready");
    assert.ok(photo.gps, "the owner sees where it was taken");
    photoId = photo.id;
  });
  after(() => harness.stop());

  it("serves gallery variants through signed /cdn URLs, and nothing unsigned", async () => {
    const seen = await organizer.call("GET", `/api/photos/${photoId}`);
    assert.ok(seen.body.urls.thumb.startsWith(`${harness.host.url}/cdn/variants/${photoId}/thumb.webp?`));
    const thumb = await fetch(seen.body.urls.thumb);
    assert.equal(thumb.status, 200);
    assert.equal(thumb.headers.get("content-type"), "image/webp");
    assert.match(thumb.headers.get("cache-control") ?? "", /^private, max-age=\d+$/);
    await thumb.arrayBuffer();
    assert.equal((await fetch(`${harness.host.url}/cdn/variants/${photoId}/thumb.webp`)).status, 403);
    const signature = new URL(seen.body.urls.thumb).search;
    const original = await fetch(
      `${harness.host.url}/cdn/uploads/event_${eventId}/${photoId}.jpg${signature}`,
    );
    assert.equal(original.status, 403, "a signature for a thumbnail opens nothing else");
  });

  it("shares one photo as a CDN URL of its web variant, which carries no EXIF and no GPS", async () => {
    assert.equal((await outsider.call("POST", `/api/photos/${photoId}/share`)).status, 404);
    const shared = await attendee.call("POST", `/api/photos/${photoId}/share`, { expiresInSeconds: 3600 });
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    assert.ok(shared.body.url.includes(`/cdn/variants/${photoId}/web.webp?`));
    const image = Buffer.from(await (await fetch(shared.body.url)).arrayBuffer());
    const metadata = await sharp(image).metadata();
    assert.equal(metadata.format, "webp");
    assert.equal(metadata.exif, undefined);
    assert.equal(await exifr.gps(image).catch(() => undefined), undefined);
    assert.ok((await exifr.gps(CAMERA_JPEG))?.latitude, "the original did have GPS");
  });

  it("shows a password-protected event share after unlocking, without emails or GPS, then revokes it", async () => {
    const created = await organizer.call("POST", "/api/shares", {
      eventId,
      password: "candy floss",
      allowDownload: true,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { id, token, url } = created.body;
    assert.equal((await fetch(url)).status, 401);
    const unlocked = await fetch(url, {
      method: "POST",
      body: new URLSearchParams({ password: "candy floss" }),
      redirect: "manual",
    });
    assert.equal(unlocked.status, 303);
    const cookie = (unlocked.headers.get("set-cookie") ?? "").split(";")[0]!;
    const page = await fetch(url, { headers: { cookie } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Summer fair/);
    assert.match(html, /Ferris wheel/);

    const access = await new ApiClient(harness.host.url).call("POST", `/api/public/shares/${token}/unlock`, {
      password: "candy floss",
    });
    const json = await fetch(`${harness.host.url}/api/public/shares/${token}`, {
      headers: { "x-share-access": access.body.accessToken },
    });
    const share = (await json.json()) as any;
    assert.equal(share.photos.length, 1);
    for (const text of [html, JSON.stringify(share)]) {
      for (const secret of [...emails, "39.91", "116.39", "latitude", "DSC_0001"]) {
        assert.equal(text.includes(secret), false, `the share reveals ${secret}`);
      }
    }
    const [photo] = share.photos;
    const thumb = await fetch(photo.urls.thumb);
    assert.equal(thumb.status, 200);
    await thumb.arrayBuffer();
    const maxAge = Number(/max-age=(\d+)/.exec(thumb.headers.get("cache-control") ?? "")?.[1]);
    assert.ok(maxAge <= 360, `share image URLs live minutes, not ${maxAge} s`);
    const download = await fetch(photo.urls.download);
    assert.match(download.headers.get("content-disposition") ?? "", /^attachment/);
    await download.arrayBuffer();

    assert.equal((await organizer.call("DELETE", `/api/shares/${id}`)).status, 204);
    assert.equal((await fetch(url, { headers: { cookie } })).status, 410);
    assert.equal((await fetch(`${harness.host.url}/api/public/shares/${token}`)).status, 410);
  });

  it("refuses wrong passwords and answers 429 with Retry-After after the limit", async () => {
    const { token } = (await attendee.call("POST", "/api/shares", { photoId, password: "secret word" })).body;
    const unlock = (password: string) =>
      fetch(`${harness.host.url}/api/public/shares/${token}/unlock`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "10.0.0.1, 203.0.113.5" },
        body: JSON.stringify({ password }),
      });
    for (let i = 0; i < PASSWORD_ATTEMPTS; i++) assert.equal((await unlock(`guess ${i}`)).status, 401);
    const limited = await unlock("secret word");
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
  });

  it("lets a guest upload through a link into the event, up to its cap, until it is revoked", async () => {
    const link = await organizer.call("POST", `/api/events/${eventId}/guest-links`, { maxUploads: 1 });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    assert.match(link.body.url, new RegExp(`/g/${link.body.token}$`));

    const guest = new ApiClient(harness.host.url);
    const about = await guest.call("GET", `/api/guest/${link.body.token}`);
    assert.equal(about.status, 200);
    assert.equal(about.body.eventName, "Summer fair");
    assert.equal(about.body.uploadsLeft, 1);
    const jpeg = await makeJpeg(320, 240, "#c33");
    const ticket = await guest.call("POST", `/api/guest/${link.body.token}/initiate-upload`, {
      filename: "guest.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
      guestName: "Grandma",
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal((await uploadWithTicket(ticket.body, jpeg, "image/jpeg")).status, 204);

    const photo = await waitUntilReady(organizer, ticket.body.photoId);
    assert.equal(photo.eventId, eventId);
    assert.equal(photo.guestName, "Grandma");
    assert.equal(photo.ownerId, `guest_${link.body.id}`);
    const gallery = await attendee.call("GET", `/api/events/${eventId}/photos`);
    assert.ok(
      gallery.body.items.some((p: any) => p.id === photo.id),
      "attendees see the guest's photo",
    );

    const second = await guest.call("POST", `/api/guest/${link.body.token}/initiate-upload`, {
      filename: "again.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
    });
    assert.equal(second.status, 403, "the cap was one photo");
    assert.equal((await organizer.call("DELETE", `/api/photos/${photo.id}`)).status, 204);

    const open = await organizer.call("POST", `/api/events/${eventId}/guest-links`, {});
    const body = { filename: "x.jpg", contentType: "image/jpeg", size: jpeg.length };
    assert.equal(
      (await guest.call("POST", `/api/guest/${open.body.token}/initiate-upload`, body)).status,
      201,
    );
    assert.equal((await organizer.call("DELETE", `/api/guest-links/${open.body.id}`)).status, 204);
    assert.equal(
      (await guest.call("POST", `/api/guest/${open.body.token}/initiate-upload`, body)).status,
      410,
    );
  });

  it("stops a guest link once it expires", async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const link = await organizer.call("POST", `/api/events/${eventId}/guest-links`, { expiresAt });
    const later = await harness.restart({ clock: { now: () => new Date(Date.now() + 2 * 3600_000) } });
    const guest = new ApiClient(later.url);
    const body = { filename: "late.jpg", contentType: "image/jpeg", size: 1000 };
    const res = await guest.call("POST", `/api/guest/${link.body.token}/initiate-upload`, body);
    assert.equal(res.status, 410);
    assert.equal(res.body.error.code, "LINK_GONE");
  });
});

/** The organizer sees a guest's photo once it is ready (pending photos are their owner's alone). */
async function waitUntilReady(client: ApiClient, photoId: string, timeoutMs = 15_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.call("GET", `/api/photos/${photoId}`);
    if (res.status === 200 && res.body.status === "ready") return res.body;
    if (Date.now() > deadline)
      assert.fail(`photo ${photoId} not ready after ${timeoutMs} ms (${res.status})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
