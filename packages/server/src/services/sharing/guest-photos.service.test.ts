import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { alice } from "../../../test/support/gallery-fixture.js";
import { createSharingFixture } from "../../../test/support/sharing-fixture.js";
import { LinkGoneError, NotFoundError } from "../../domain/errors.js";
import { variantObjectKey } from "../../domain/object-keys.js";
import { GuestPhotoService } from "./guest-photos.service.js";

const upload = { filename: "party.jpg", contentType: "image/jpeg", size: 1000 };

describe(GuestPhotoService.name, () => {
  let f: Awaited<ReturnType<typeof createSharingFixture>>;
  let token: string;
  let linkId: string;
  beforeEach(async () => {
    f = await createSharingFixture();
    const made = await f.guestUploads.createLink(alice, f.event.id, { maxUploads: 5 });
    token = made.token;
    linkId = made.link.id;
  });

  const stored = async (photoId: string) => {
    const photo = await f.photos.get(photoId);
    assert.ok(photo);
    return photo;
  };

  it("hands the guest a random delete key per upload and stores only its hash", async () => {
    const one = await f.guestUploads.initiateUpload(token, upload, "192.0.2.1");
    const two = await f.guestUploads.initiateUpload(token, upload, "192.0.2.1");
    assert.notEqual(one.deleteKey, two.deleteKey);
    assert.ok(one.deleteKey.length >= 22, "at least 128 bits");
    const photo = await stored(one.photo.id);
    assert.ok(photo.guestKeyHash);
    assert.notEqual(photo.guestKeyHash, one.deleteKey);
    assert.equal(JSON.stringify(photo).includes(one.deleteKey), false);
    assert.equal(photo.uploaderName, "Guest");
  });

  it("deletes the guest's upload with its key: the original, its variants and its record", async () => {
    const { photo, deleteKey } = await f.guestUploads.initiateUpload(token, upload, "192.0.2.1");
    const keys = [photo.objectKey, variantObjectKey(photo.id, "thumb"), variantObjectKey(photo.id, "web")];
    for (const key of keys) f.photoBucket.objects.set(key, { body: Buffer.from("x") } as never);
    await f.guestPhotos.delete(token, photo.id, deleteKey);
    assert.equal(await f.photos.get(photo.id), undefined);
    for (const key of keys) assert.equal(f.photoBucket.objects.has(key), false, key);
  });

  it("refuses a wrong key, another upload's key, another guest's link and a malformed id alike", async () => {
    const mine = await f.guestUploads.initiateUpload(token, upload, "192.0.2.1");
    const sibling = await f.guestUploads.initiateUpload(token, upload, "192.0.2.1");
    const otherToken = (await f.guestUploads.createLink(alice, f.event.id, {})).token;
    const other = await f.guestUploads.initiateUpload(otherToken, upload, "192.0.2.1");
    await assert.rejects(f.guestPhotos.delete(token, mine.photo.id, "guess"), NotFoundError);
    await assert.rejects(f.guestPhotos.delete(token, mine.photo.id, sibling.deleteKey), NotFoundError);
    await assert.rejects(f.guestPhotos.delete(otherToken, mine.photo.id, mine.deleteKey), NotFoundError);
    await assert.rejects(f.guestPhotos.delete(token, other.photo.id, other.deleteKey), NotFoundError);
    await assert.rejects(f.guestPhotos.delete(token, "../x", mine.deleteKey), NotFoundError);
    assert.ok(await f.photos.get(mine.photo.id));
  });

  it("refuses once the link is revoked or expired", async () => {
    const { token: t } = await f.guestUploads.createLink(alice, f.event.id, {
      expiresAt: new Date(f.clock.now().getTime() + 3600_000),
    });
    const a = await f.guestUploads.initiateUpload(t, upload, "192.0.2.1");
    const b = await f.guestUploads.initiateUpload(token, upload, "192.0.2.1");
    f.clock.advance(2 * 3600_000);
    await assert.rejects(f.guestPhotos.delete(t, a.photo.id, a.deleteKey), LinkGoneError);
    await f.guestUploads.revokeLink(alice, linkId);
    await assert.rejects(f.guestPhotos.delete(token, b.photo.id, b.deleteKey), LinkGoneError);
    assert.ok(await f.photos.get(a.photo.id));
  });

  it("reports the upload's status with what the link still allows", async () => {
    const { photo, deleteKey } = await f.guestUploads.initiateUpload(token, upload, "192.0.2.1");
    const status = await f.guestPhotos.status(token, photo.id, deleteKey);
    assert.equal(status.photo.status, "pending");
    assert.equal(status.uploadsLeft, 4);
    await assert.rejects(f.guestPhotos.status(token, photo.id, "nope"), NotFoundError);
  });
});
