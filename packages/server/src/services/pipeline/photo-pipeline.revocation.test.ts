import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at } from "../../../test/support/fixtures.js";
import { createPipelineHarness, jpegBytes } from "../../../test/support/pipeline-harness.js";
import { guestOwnerId } from "../../domain/guest-link.js";

/** Access that ends between ticket and bytes ends the upload too. */
describe("photo pipeline: revocation reaches tickets already issued", () => {
  const expectRejected = async (h: ReturnType<typeof createPipelineHarness>, id: string, reason: RegExp) => {
    const photo = await h.photos.get(id);
    assert.equal(photo?.status, "rejected");
    assert.match(photo?.statusReason ?? "", reason);
    assert.equal(await h.store.head(photo!.objectKey), undefined, "the object is deleted");
    assert.deepEqual(h.variantKeys(), []);
    assert.equal(h.images.renderCalls, 0, "nothing was processed");
  };

  it("rejects the upload of an attendee removed from the event after their ticket, and deletes it", async () => {
    const h = createPipelineHarness();
    const photo = await h.pendingPhoto("p1", { ownerId: "user-2" });
    await h.events.deleteAttendance("event-1", "user-2");
    assert.equal(await h.arrive(photo, jpegBytes("p1")), "rejected");
    await expectRejected(h, "p1", /no longer attends the event/);
  });

  it("rejects a guest upload whose link was revoked after its ticket, and deletes it", async () => {
    const h = createPipelineHarness();
    const photo = await h.pendingPhoto("p1", { ownerId: guestOwnerId("link-1") });
    await h.guestLinks.revoke("link-1", h.clock.now());
    assert.equal(await h.arrive(photo, jpegBytes("p1")), "rejected");
    await expectRejected(h, "p1", /upload link was revoked/);
  });

  it("rejects a guest upload that arrived after its link expired", async () => {
    const h = createPipelineHarness();
    const photo = await h.pendingPhoto("p1", { ownerId: guestOwnerId("link-1") });
    h.clock.set(at(86_400 + 1)); // the fixture's link lives one day
    assert.equal(await h.arrive(photo, jpegBytes("p1")), "rejected");
    await expectRejected(h, "p1", /upload link was expired/);
  });

  it("processes a guest upload whose link is still active, and a library photo with no event to attend", async () => {
    const h = createPipelineHarness();
    const guest = await h.pendingPhoto("p1", { ownerId: guestOwnerId("link-1") });
    assert.equal(await h.arrive(guest, jpegBytes("p1")), "ready");
    const library = await h.pendingPhoto("p2", { eventId: undefined });
    assert.equal(await h.arrive(library, jpegBytes("p2")), "ready");
  });

  it("leaves a photo that already has its bytes alone when its uploader leaves afterwards", async () => {
    const h = createPipelineHarness();
    const photo = await h.pendingPhoto("p1", { ownerId: "user-2" });
    assert.equal(await h.arrive(photo, jpegBytes("p1")), "ready");
    await h.events.deleteAttendance("event-1", "user-2");
    assert.equal(await h.redeliver(photo), "already-handled");
    assert.equal((await h.photos.get("p1"))?.status, "ready");
  });
});
