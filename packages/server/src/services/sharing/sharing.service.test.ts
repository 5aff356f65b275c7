import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { alice, bob, carol, dave } from "../../../test/support/gallery-fixture.js";
import { createSharingFixture } from "../../../test/support/sharing-fixture.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors.js";
import { SharingService } from "./sharing.service.js";

const DAY_MS = 24 * 3600 * 1000;

describe(SharingService.name, () => {
  let f: Awaited<ReturnType<typeof createSharingFixture>>;
  beforeEach(async () => {
    f = await createSharingFixture();
  });

  describe("sharePhoto", () => {
    it("gives the owner a URL to the web variant, never the original, valid for 24 hours by default", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const shared = await f.sharing.sharePhoto(bob, photo.id);
      assert.match(shared.url, new RegExp(`^https://cdn\\.test/variants/${photo.id}/web\\.webp\\?`));
      assert.doesNotMatch(shared.url, /uploads\//);
      assert.equal(shared.expiresAt.getTime() - f.clock.now().getTime(), DAY_MS);
    });

    it("lets the event's organizer share an attendee's photo, for as long as asked within 7 days", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const shared = await f.sharing.sharePhoto(alice, photo.id, { expiresInSeconds: 3600 });
      assert.equal(shared.expiresAt.getTime() - f.clock.now().getTime(), 3600_000);
      await assert.rejects(
        f.sharing.sharePhoto(bob, photo.id, { expiresInSeconds: 8 * 86_400 }),
        ValidationError,
      );
      await assert.rejects(f.sharing.sharePhoto(bob, photo.id, { expiresInSeconds: 0 }), ValidationError);
    });

    it("refuses another attendee who can see the photo (ForbiddenError) and hides it from outsiders", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      await assert.rejects(f.sharing.sharePhoto(carol, photo.id), ForbiddenError);
      await assert.rejects(f.sharing.sharePhoto(dave, photo.id), NotFoundError);
      await assert.rejects(f.sharing.sharePhoto(bob, "no-such-photo"), NotFoundError);
    });

    it("refuses a photo that is not ready yet", async () => {
      const pending = await f.photo(bob);
      await assert.rejects(f.sharing.sharePhoto(bob, pending.id), ConflictError);
    });
  });

  describe("share links", () => {
    it("makes a photo link whose token is returned once and stored only as a hash", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const { link, token } = await f.sharing.createLink(bob, { photoId: photo.id, allowDownload: true });
      assert.ok(token.length >= 22, "at least 128 bits");
      const stored = await f.shareLinks.get(link.id);
      assert.deepEqual(stored?.target, { kind: "photo", photoId: photo.id });
      assert.notEqual(stored?.tokenHash, token);
      assert.equal(JSON.stringify(stored).includes(token), false);
      assert.equal(stored?.allowDownload, true);
      assert.equal(stored?.expiresAt.getTime() - f.clock.now().getTime(), 30 * DAY_MS);
    });

    it("hashes a link's password", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const { link } = await f.sharing.createLink(bob, { photoId: photo.id, password: "open sesame" });
      assert.match(link.passwordHash ?? "", /^scrypt\$/);
      assert.equal(JSON.stringify(link).includes("open sesame"), false);
    });

    it("lets only the organizer share a whole event", async () => {
      const { link } = await f.sharing.createLink(alice, { eventId: f.event.id });
      assert.deepEqual(link.target, { kind: "event", eventId: f.event.id });
      await assert.rejects(f.sharing.createLink(bob, { eventId: f.event.id }), ForbiddenError);
      await assert.rejects(f.sharing.createLink(dave, { eventId: f.event.id }), NotFoundError);
    });

    it("refuses a non-owner's photo link, ambiguous targets, past or far expiry and short passwords", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      await assert.rejects(f.sharing.createLink(carol, { photoId: photo.id }), ForbiddenError);
      await assert.rejects(f.sharing.createLink(bob, {}), ValidationError);
      await assert.rejects(
        f.sharing.createLink(alice, { photoId: photo.id, eventId: f.event.id }),
        ValidationError,
      );
      const now = f.clock.now().getTime();
      for (const expiresAt of [new Date(now - 1000), new Date(now + 400 * DAY_MS)]) {
        await assert.rejects(f.sharing.createLink(bob, { photoId: photo.id, expiresAt }), ValidationError);
      }
      await assert.rejects(
        f.sharing.createLink(bob, { photoId: photo.id, password: "abc" }),
        ValidationError,
      );
    });

    it("lists the caller's links newest first with their status, and revokes only the caller's own", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const soon = await f.sharing.createLink(bob, {
        photoId: photo.id,
        expiresAt: new Date(f.clock.now().getTime() + 60_000),
      });
      f.clock.advance(1000);
      const revoked = await f.sharing.createLink(bob, { photoId: photo.id });
      f.clock.advance(1000);
      const active = await f.sharing.createLink(bob, { photoId: photo.id });
      await f.sharing.createLink(alice, { eventId: f.event.id });
      await assert.rejects(f.sharing.revokeLink(alice, revoked.link.id), NotFoundError);
      assert.equal((await f.sharing.revokeLink(bob, revoked.link.id)).status, "revoked");
      f.clock.advance(60_000);
      const listed = await f.sharing.listLinks(bob, { limit: 10 });
      assert.deepEqual(
        listed.items.map((view) => [view.link.id, view.status]),
        [
          [active.link.id, "active"],
          [revoked.link.id, "revoked"],
          [soon.link.id, "expired"],
        ],
      );
    });
  });
});
