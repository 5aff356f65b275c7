import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { alice, bob, carol } from "../../../test/support/gallery-fixture.js";
import { createSharingFixture } from "../../../test/support/sharing-fixture.js";
import {
  LinkGoneError,
  NotFoundError,
  PasswordRequiredError,
  RateLimitedError,
} from "../../domain/errors.js";
import { PublicShareService } from "./public-share.service.js";

describe(PublicShareService.name, () => {
  let f: Awaited<ReturnType<typeof createSharingFixture>>;
  beforeEach(async () => {
    f = await createSharingFixture({ passwordAttempts: 3 });
  });

  it("shows a shared photo through short-lived variant URLs, without owner, position or file name", async () => {
    const photo = await f.photo(bob, { status: "ready", changes: { title: "Cake" } });
    const { token } = await f.sharing.createLink(bob, { photoId: photo.id });
    const share = await f.publicShares.open(token);
    assert.equal(share.kind, "photo");
    assert.equal(share.title, "Cake");
    const [shown] = share.photos;
    assert.match(shown?.urls.thumb ?? "", new RegExp(`variants/${photo.id}/thumb\\.webp`));
    assert.match(shown?.urls.web ?? "", new RegExp(`variants/${photo.id}/web\\.webp`));
    assert.equal(shown?.urls.download, undefined, "downloads were not allowed");
    const expires = Number(/expires=(\d+)/.exec(shown?.urls.web ?? "")?.[1]);
    assert.equal(expires - f.clock.now().getTime() / 1000, 300, "minutes, not the link's lifetime");
    const json = JSON.stringify(share);
    for (const secret of [
      "user-bob",
      "bob@example.com",
      "52.52",
      "13.40",
      "IMG_",
      photo.objectKey,
      "latitude",
    ]) {
      assert.equal(json.includes(secret), false, `must not reveal ${secret}`);
    }
  });

  it("shows a shared event's ready photos only, newest first, with download links when allowed", async () => {
    const first = await f.photo(bob, { status: "ready" });
    await f.photo(carol, { status: "hidden" });
    await f.photo(carol);
    const second = await f.photo(carol, { status: "ready" });
    await f.photo(bob, { status: "ready", eventId: null });
    const { token } = await f.sharing.createLink(alice, { eventId: f.event.id, allowDownload: true });
    const share = await f.publicShares.open(token);
    assert.equal(share.title, "Wedding");
    assert.deepEqual(
      share.photos.map((p) => p.id),
      [second.id, first.id],
    );
    assert.match(share.photos[0]?.urls.download ?? "", /web\.webp\?.*download=1/);
  });

  it("stops at once when revoked, answers LinkGoneError after expiry and NotFoundError for unknown tokens", async () => {
    const photo = await f.photo(bob, { status: "ready" });
    const { link, token } = await f.sharing.createLink(bob, {
      photoId: photo.id,
      expiresAt: new Date(f.clock.now().getTime() + 3600_000),
    });
    const other = await f.sharing.createLink(bob, { photoId: photo.id });
    await f.sharing.revokeLink(bob, link.id);
    await assert.rejects(
      f.publicShares.open(token),
      (e: unknown) => e instanceof LinkGoneError && e.reason === "revoked",
    );
    f.clock.advance(31 * 24 * 3600_000);
    await assert.rejects(
      f.publicShares.open(other.token),
      (e: unknown) => e instanceof LinkGoneError && e.reason === "expired",
    );
    await assert.rejects(f.publicShares.open("not-a-token"), NotFoundError);
  });

  it("answers NotFoundError when the shared photo was deleted", async () => {
    const photo = await f.photo(bob, { status: "ready" });
    const { token } = await f.sharing.createLink(bob, { photoId: photo.id });
    await f.photos.delete(photo.id);
    await assert.rejects(f.publicShares.open(token), NotFoundError);
  });

  describe("password-protected links", () => {
    it("opens only with a grant from the right password, scoped to that link", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const locked = await f.sharing.createLink(bob, { photoId: photo.id, password: "open sesame" });
      const other = await f.sharing.createLink(bob, { photoId: photo.id, password: "something else" });
      await assert.rejects(f.publicShares.open(locked.token), PasswordRequiredError);
      await assert.rejects(
        f.publicShares.unlock(locked.token, "wrong guess", "198.51.100.7"),
        (e: unknown) => e instanceof PasswordRequiredError && e.wrongPassword,
      );
      const { grant } = await f.publicShares.unlock(locked.token, "open sesame", "198.51.100.7");
      assert.equal((await f.publicShares.open(locked.token, { grant })).photos.length, 1);
      await assert.rejects(f.publicShares.open(other.token, { grant }), PasswordRequiredError);
    });

    it("rate-limits attempts per link, whatever the address, with the wait until it may try again", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const { token } = await f.sharing.createLink(bob, { photoId: photo.id, password: "open sesame" });
      for (let i = 0; i < 3; i++) {
        await assert.rejects(
          f.publicShares.unlock(token, `guess ${i}`, `203.0.113.${i}`),
          PasswordRequiredError,
        );
      }
      await assert.rejects(
        f.publicShares.unlock(token, "open sesame", "203.0.113.99"),
        (e: unknown) => e instanceof RateLimitedError && e.retryAfterSeconds === 60,
      );
      f.clock.advance(60_000);
      assert.ok(await f.publicShares.unlock(token, "open sesame", "203.0.113.99"));
    });

    it("rate-limits attempts per client address across links", async () => {
      const photo = await f.photo(bob, { status: "ready" });
      const links = await Promise.all(
        [1, 2, 3, 4].map(() => f.sharing.createLink(bob, { photoId: photo.id, password: "secret!" })),
      );
      for (const link of links.slice(0, 3)) {
        await assert.rejects(f.publicShares.unlock(link.token, "nope", "192.0.2.1"), PasswordRequiredError);
      }
      await assert.rejects(f.publicShares.unlock(links[3]!.token, "secret!", "192.0.2.1"), RateLimitedError);
      assert.ok(await f.publicShares.unlock(links[3]!.token, "secret!", "192.0.2.2"));
    });
  });
});
