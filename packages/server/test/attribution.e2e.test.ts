import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { HostHarness } from "./support/embedded-host-harness.js";
import { makeJpeg } from "./support/photos.js";

/**
 * Who added what, over real HTTP against the embedded host (SQLite, its S3 endpoint, the real pipeline):
 * attribution and the uploader filter, a guest's delete keys, duplicates that cost a guest nothing, and
 * originals that download under a readable name.
 */
describe("embedded host: attribution, guest delete keys and guest duplicates", () => {
  const harness = new HostHarness();
  let organizer: ApiClient;
  let attendee: ApiClient;
  let eventId: string;

  before(async () => {
    await harness.start();
    organizer = await ApiClient.signUp(harness, "Olga");
    attendee = await ApiClient.signUp(harness, "Arun");
    const created = await organizer.call("POST", "/api/events", { name: "Fête d'été" });
    eventId = created.body.id;
    await attendee.call("POST", "/api/events/join", { inviteCode: created.body.inviteCode });
  });
  after(() => harness.stop());

  it("attributes photos to their uploader and filters the gallery by uploader, 'mine' included", async () => {
    const mine = await uploadAs(attendee, eventId, await makeJpeg(64, 48, "#123"));
    const theirs = await uploadAs(organizer, eventId, await makeJpeg(64, 48, "#456"));
    const guestLink = await organizer.call("POST", `/api/events/${eventId}/guest-links`, {});
    const guest = await guestUpload(guestLink.body.token, await makeJpeg(64, 48, "#789"), "Grandma");
    const anonymous = await guestUpload(guestLink.body.token, await makeJpeg(64, 48, "#9ab"));
    for (const id of [guest.photoId, anonymous.photoId])
      await waitForGuest(guestLink.body.token, id, guestKeyOf(id));

    const seen = await organizer.call("GET", `/api/photos/${mine.id}`);
    assert.equal(seen.body.uploaderName, "Arun");
    assert.equal((await attendee.call("GET", `/api/photos/${guest.photoId}`)).body.uploaderName, "Grandma");
    assert.equal((await attendee.call("GET", `/api/photos/${anonymous.photoId}`)).body.uploaderName, "Guest");

    const ids = async (query: string) =>
      (await attendee.call("GET", `/api/events/${eventId}/photos?${query}`)).body.items.map((p: any) => p.id);
    assert.deepEqual(await ids("uploader=mine"), [mine.id]);
    assert.deepEqual(await ids(`uploader=${theirs.ownerId}`), [theirs.id]);
    assert.deepEqual(await ids(`uploader=guest_${guestLink.body.id}`), [anonymous.photoId, guest.photoId]);
    const firstPage = await attendee.call(
      "GET",
      `/api/events/${eventId}/photos?uploader=guest_${guestLink.body.id}&limit=1`,
    );
    assert.deepEqual(
      firstPage.body.items.map((p: any) => p.id),
      [anonymous.photoId],
    );
    const secondPage = await attendee.call(
      "GET",
      `/api/events/${eventId}/photos?uploader=guest_${guestLink.body.id}&limit=1&cursor=${firstPage.body.nextCursor}`,
    );
    assert.deepEqual(
      secondPage.body.items.map((p: any) => p.id),
      [guest.photoId],
      "keyset pages go on",
    );
    assert.equal((await attendee.call("GET", `/api/events/${eventId}/photos?uploader=a%20b`)).status, 400);

    const uploaders = await attendee.call("GET", `/api/events/${eventId}/uploaders`);
    assert.equal(uploaders.status, 200);
    const byName = Object.fromEntries(uploaders.body.items.map((u: any) => [u.name, u]));
    assert.equal(byName.Arun.isCaller, true);
    assert.equal(byName.Olga.isCaller, false);
    assert.equal(byName.Guest.ownerId, `guest_${guestLink.body.id}`, "the guest link's latest name");
    const outsider = await ApiClient.signUp(harness, "Eve");
    assert.equal((await outsider.call("GET", `/api/events/${eventId}/uploaders`)).status, 403);
  });

  it("lets a guest delete their own upload with its key, and refuses wrong keys, other guests and a revoked link", async () => {
    const link = await organizer.call("POST", `/api/events/${eventId}/guest-links`, {});
    const other = await organizer.call("POST", `/api/events/${eventId}/guest-links`, {});
    const kept = await guestUpload(link.body.token, await makeJpeg(80, 60, "#a11"));
    const doomed = await guestUpload(link.body.token, await makeJpeg(80, 60, "#a22"));
    const othersPhoto = await guestUpload(other.body.token, await makeJpeg(80, 60, "#a33"));
    for (const [token, t] of [
      [link.body.token, kept],
      [link.body.token, doomed],
      [other.body.token, othersPhoto],
    ] as const) {
      assert.equal((await waitForGuest(token, t.photoId, t.deleteKey)).status, "ready");
    }
    const thumb = (await organizer.call("GET", `/api/photos/${doomed.photoId}`)).body.urls.thumb;
    assert.equal((await fetch(thumb)).status, 200);

    const del = (token: string, photoId: string, key: string) =>
      fetch(`${harness.host.url}/api/guest/${token}/photos/${photoId}`, {
        method: "DELETE",
        headers: { "x-guest-key": key },
      });
    assert.equal((await del(link.body.token, doomed.photoId, "not-the-key")).status, 404);
    assert.equal(
      (await del(link.body.token, doomed.photoId, kept.deleteKey)).status,
      404,
      "another upload's key",
    );
    assert.equal(
      (await del(other.body.token, doomed.photoId, doomed.deleteKey)).status,
      404,
      "another guest link cannot reach it",
    );
    assert.equal(
      (await del(link.body.token, othersPhoto.photoId, othersPhoto.deleteKey)).status,
      404,
      "another guest's photo with its own key, through the wrong link",
    );
    assert.equal(
      (
        await fetch(`${harness.host.url}/api/guest/${link.body.token}/photos/${doomed.photoId}`, {
          method: "DELETE",
        })
      ).status,
      400,
    );

    const deleted = await del(link.body.token, doomed.photoId, doomed.deleteKey);
    assert.equal(deleted.status, 204);
    assert.equal((await organizer.call("GET", `/api/photos/${doomed.photoId}`)).status, 404);
    assert.equal((await fetch(thumb)).status, 404, "its variants are gone from the store");

    assert.equal((await organizer.call("DELETE", `/api/guest-links/${link.body.id}`)).status, 204);
    const gone = await del(link.body.token, kept.photoId, kept.deleteKey);
    assert.equal(gone.status, 410, "a revoked link deletes nothing");
    assert.equal((await organizer.call("GET", `/api/photos/${kept.photoId}`)).status, 200);
  });

  it("gives a guest's duplicates back to the link's cap and says the photo is already in the event", async () => {
    // The reported bug: three duplicates used up a three-photo link.
    const link = await organizer.call("POST", `/api/events/${eventId}/guest-links`, { maxUploads: 3 });
    const token = link.body.token;
    const jpeg = await makeJpeg(96, 72, "#3c7");
    const first = await guestUpload(token, jpeg);
    assert.equal((await waitForGuest(token, first.photoId, first.deleteKey)).status, "ready");
    for (let i = 0; i < 3; i++) {
      const again = await guestUpload(token, jpeg);
      const status = await waitForGuest(token, again.photoId, again.deleteKey);
      assert.equal(status.status, "duplicate");
      assert.equal(status.statusReason, "The same photo is already in this event");
      assert.equal(status.uploadsLeft, 2, "the duplicate's slot is given back");
    }
    const fresh = await guestUpload(token, await makeJpeg(96, 72, "#c73"));
    assert.equal((await waitForGuest(token, fresh.photoId, fresh.deleteKey)).uploadsLeft, 1);
    assert.equal(
      (await new ApiClient(harness.host.url).call("GET", `/api/guest/${token}`)).body.uploadsLeft,
      1,
    );
  });

  it("signs the original's download with an attachment disposition and a readable name", async () => {
    const photo = await uploadAs(attendee, eventId, await makeJpeg(50, 40, "#fe1"));
    const original = (await attendee.call("GET", `/api/photos/${photo.id}`)).body.urls.original;
    const res = await fetch(original);
    assert.equal(res.status, 200);
    const day = new Date(photo.createdAt).toISOString().slice(0, 10);
    const n = photo.id
      .replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 6)
      .toLowerCase();
    assert.equal(
      res.headers.get("content-disposition"),
      `attachment; filename="fete-d-ete-${day}-${n}.jpg"; filename*=UTF-8''f%C3%AAte-d-%C3%A9t%C3%A9-${day}-${n}.jpg`,
    );
    await res.arrayBuffer();
    const tampered = new URL(original);
    tampered.searchParams.set("response-content-disposition", "inline");
    assert.equal((await fetch(tampered)).status, 403, "the disposition is part of the signature");
  });

  const guestKeys = new Map<string, string>();
  const guestKeyOf = (photoId: string) => guestKeys.get(photoId) ?? "";

  async function guestUpload(token: string, bytes: Buffer, guestName?: string) {
    const guest = new ApiClient(harness.host.url);
    const ticket = await guest.call("POST", `/api/guest/${token}/initiate-upload`, {
      filename: "guest.jpg",
      contentType: "image/jpeg",
      size: bytes.length,
      ...(guestName === undefined ? {} : { guestName }),
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal(typeof ticket.body.deleteKey, "string");
    assert.equal((await uploadWithTicket(ticket.body, bytes, "image/jpeg")).status, 204);
    guestKeys.set(ticket.body.photoId, ticket.body.deleteKey);
    return { photoId: ticket.body.photoId as string, deleteKey: ticket.body.deleteKey as string };
  }

  async function waitForGuest(token: string, photoId: string, key: string): Promise<any> {
    const res = await fetch(`${harness.host.url}/api/guest/${token}/photos/${photoId}?waitWhilePending=10`, {
      headers: { "x-guest-key": key },
    });
    assert.equal(res.status, 200);
    const body: any = await res.json();
    assert.notEqual(body.status, "pending");
    return body;
  }
});

async function uploadAs(client: ApiClient, eventId: string, bytes: Buffer): Promise<any> {
  const ticket = await client.call("POST", `/api/events/${eventId}/photos/initiate-upload`, {
    filename: "p.jpg",
    contentType: "image/jpeg",
    size: bytes.length,
  });
  assert.equal((await uploadWithTicket(ticket.body, bytes, "image/jpeg")).status, 204);
  const photo = await client.waitForPhoto(ticket.body.photoId);
  assert.equal(photo.status, "ready");
  return photo;
}
