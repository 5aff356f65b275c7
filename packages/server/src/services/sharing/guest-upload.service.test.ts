import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { alice, bob, dave } from "../../../test/support/gallery-fixture.js";
import { createSharingFixture } from "../../../test/support/sharing-fixture.js";
import {
  ForbiddenError,
  LinkGoneError,
  NotFoundError,
  PasswordRequiredError,
  UnsupportedContentTypeError,
  ValidationError,
} from "../../domain/errors.js";
import { GuestUploadService } from "./guest-upload.service.js";

const upload = (size = 1000) => ({ filename: "party.jpg", contentType: "image/jpeg", size });

describe(GuestUploadService.name, () => {
  let f: Awaited<ReturnType<typeof createSharingFixture>>;
  beforeEach(async () => {
    f = await createSharingFixture();
  });

  it("lets only the organizer make, list and revoke an event's upload links", async () => {
    const { link } = await f.guestUploads.createLink(alice, f.event.id, { maxUploads: 3 });
    await assert.rejects(f.guestUploads.createLink(bob, f.event.id, {}), ForbiddenError);
    await assert.rejects(f.guestUploads.createLink(dave, f.event.id, {}), NotFoundError);
    await assert.rejects(f.guestUploads.listLinks(bob, f.event.id, { limit: 10 }), ForbiddenError);
    await assert.rejects(f.guestUploads.revokeLink(bob, link.id), NotFoundError);
    const listed = await f.guestUploads.listLinks(alice, f.event.id, { limit: 10 });
    assert.deepEqual(
      listed.items.map((v) => [v.link.id, v.status]),
      [[link.id, "active"]],
    );
    await assert.rejects(f.guestUploads.createLink(alice, f.event.id, { maxUploads: 0 }), ValidationError);
  });

  it("issues a ticket that puts a guest's photo into the event under the link's guest owner", async () => {
    const { link, token } = await f.guestUploads.createLink(alice, f.event.id, {});
    const { photo, ticket } = await f.guestUploads.initiateUpload(
      token,
      { ...upload(), title: "Dance", guestName: "  Uncle Tom " },
      "192.0.2.1",
    );
    assert.equal(photo.eventId, f.event.id);
    assert.equal(photo.ownerId, `guest_${link.id}`);
    assert.equal(photo.guestName, "Uncle Tom");
    assert.equal(photo.status, "pending");
    assert.equal(ticket.method, "POST");
    assert.deepEqual(await f.photos.get(photo.id), photo);
  });

  it("counts uploads against the link's cap and refuses the one past it", async () => {
    const { token, link } = await f.guestUploads.createLink(alice, f.event.id, { maxUploads: 2 });
    await f.guestUploads.initiateUpload(token, upload(), "192.0.2.1");
    await f.guestUploads.initiateUpload(token, upload(), "192.0.2.1");
    await assert.rejects(f.guestUploads.initiateUpload(token, upload(), "192.0.2.1"), ForbiddenError);
    assert.equal((await f.guestLinks.get(link.id))?.uploads, 2);
    assert.equal((await f.guestUploads.describe(token)).uploadsLeft, 0);
  });

  it("counts declared bytes against the byte cap", async () => {
    const { token } = await f.guestUploads.createLink(alice, f.event.id, { maxBytes: 1500 });
    await f.guestUploads.initiateUpload(token, upload(1000), "192.0.2.1");
    await assert.rejects(f.guestUploads.initiateUpload(token, upload(600), "192.0.2.1"), ForbiddenError);
    await f.guestUploads.initiateUpload(token, upload(500), "192.0.2.1");
  });

  it("spends nothing of the allowance on an upload that is refused for its type", async () => {
    const { token, link } = await f.guestUploads.createLink(alice, f.event.id, { maxUploads: 1 });
    await assert.rejects(
      f.guestUploads.initiateUpload(token, { ...upload(), contentType: "text/html" }, "192.0.2.1"),
      UnsupportedContentTypeError,
    );
    assert.equal((await f.guestLinks.get(link.id))?.uploads, 0);
  });

  it("stops issuing tickets once the link is revoked or has expired", async () => {
    const revoked = await f.guestUploads.createLink(alice, f.event.id, {});
    await f.guestUploads.revokeLink(alice, revoked.link.id);
    await assert.rejects(f.guestUploads.initiateUpload(revoked.token, upload(), "192.0.2.1"), LinkGoneError);
    const expiring = await f.guestUploads.createLink(alice, f.event.id, {
      expiresAt: new Date(f.clock.now().getTime() + 60_000),
    });
    f.clock.advance(60_000);
    await assert.rejects(f.guestUploads.initiateUpload(expiring.token, upload(), "192.0.2.1"), LinkGoneError);
    await assert.rejects(f.guestUploads.describe(expiring.token), LinkGoneError);
  });

  it("asks for the password of a protected link with every ticket", async () => {
    const { token } = await f.guestUploads.createLink(alice, f.event.id, { password: "party time" });
    assert.equal((await f.guestUploads.describe(token)).passwordRequired, true);
    await assert.rejects(f.guestUploads.initiateUpload(token, upload(), "192.0.2.1"), PasswordRequiredError);
    await assert.rejects(
      f.guestUploads.initiateUpload(token, { ...upload(), password: "wrong one" }, "192.0.2.1"),
      PasswordRequiredError,
    );
    const { photo } = await f.guestUploads.initiateUpload(
      token,
      { ...upload(), password: "party time" },
      "192.0.2.1",
    );
    assert.equal(photo.eventId, f.event.id);
  });

  it("describes the link to the guest with the event's name and what is left, and nobody's email", async () => {
    const { token } = await f.guestUploads.createLink(alice, f.event.id, { maxUploads: 5, maxBytes: 10_000 });
    await f.guestUploads.initiateUpload(token, upload(1000), "192.0.2.1");
    const info = await f.guestUploads.describe(token);
    assert.deepEqual(
      { ...info, expiresAt: undefined },
      {
        eventName: "Wedding",
        passwordRequired: false,
        uploadsLeft: 4,
        bytesLeft: 9000,
        expiresAt: undefined,
        mode: "upload_and_view",
        galleryOpen: true,
        uploadWindow: { open: true, closedByHand: false },
      },
    );
    assert.equal(JSON.stringify(info).includes("@"), false);
  });
});
