import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { RecordingPipelineTrigger } from "../../../test/support/fakes/recording-pipeline-trigger.js";
import { alice, bob, carol, createGalleryFixture, dave } from "../../../test/support/gallery-fixture.js";
import { photoBucketDeliveryUrls } from "../../adapters/s3/photo-bucket-delivery-urls.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../../domain/errors.js";
import { PhotoStatusService } from "./photo-status.service.js";

describe(PhotoStatusService.name, () => {
  let f: Awaited<ReturnType<typeof createGalleryFixture>>;
  let pipeline: RecordingPipelineTrigger;
  let sut: PhotoStatusService;

  beforeEach(async () => {
    f = await createGalleryFixture();
    pipeline = new RecordingPipelineTrigger();
    sut = new PhotoStatusService({
      photos: f.photos,
      events: f.events,
      photoBucket: f.photoBucket,
      deliveryUrls: photoBucketDeliveryUrls(f.photoBucket),
      pipeline,
      clock: f.clock,
    });
  });

  describe("approve", () => {
    it("lets the organizer make a hidden photo ready, visible with its variants from then on", async () => {
      const hidden = await f.photo(bob, { status: "hidden" });
      f.clock.advance(5000);
      const view = await sut.approve(alice, hidden.id);
      assert.equal(view.photo.status, "ready");
      assert.ok(view.urls.web);
      const stored = await f.photos.get(hidden.id);
      assert.equal(stored?.status, "ready");
      assert.deepEqual(stored?.updatedAt, f.clock.now());
    });

    it("changes nothing for a photo that is already ready (a repeated click)", async () => {
      const ready = await f.photo(bob, { status: "ready" });
      assert.equal((await sut.approve(alice, ready.id)).photo.status, "ready");
      assert.deepEqual(await f.photos.get(ready.id), ready);
    });

    it("refuses the photo's owner when they are a plain attendee (ForbiddenError)", async () => {
      const hidden = await f.photo(bob, { status: "hidden" });
      await assert.rejects(sut.approve(bob, hidden.id), ForbiddenError);
      assert.equal((await f.photos.get(hidden.id))?.status, "hidden");
    });

    it("answers NotFoundError to attendees who cannot see the hidden photo, outsiders and unknown ids", async () => {
      const hidden = await f.photo(bob, { status: "hidden" });
      await assert.rejects(sut.approve(carol, hidden.id), NotFoundError);
      await assert.rejects(sut.approve(dave, hidden.id), NotFoundError);
      await assert.rejects(sut.approve(alice, "nope"), NotFoundError);
    });

    it("refuses another attendee on a photo they can see with ForbiddenError", async () => {
      const ready = await f.photo(bob, { status: "ready" });
      await assert.rejects(sut.approve(carol, ready.id), ForbiddenError);
    });

    it("lets the owner of a library photo approve it", async () => {
      const hidden = await f.photo(bob, { status: "hidden", eventId: null });
      assert.equal((await sut.approve(bob, hidden.id)).photo.status, "ready");
    });

    it("answers ConflictError for a photo that is not hidden", async () => {
      const failed = await f.photo(alice, { status: "failed" });
      await assert.rejects(sut.approve(alice, failed.id), ConflictError);
    });
  });

  describe("retry", () => {
    it("puts a failed photo back to pending, clears why it failed and queues it again", async () => {
      const failed = await f.photo(bob, {
        status: "failed",
        changes: { failedStep: "variants", statusReason: "disk full", etag: "e1" },
      });
      const view = await sut.retry(bob, failed.id);
      assert.equal(view.photo.status, "pending");
      const stored = await f.photos.get(failed.id);
      assert.equal(stored?.status, "pending");
      assert.equal(stored !== undefined && ("failedStep" in stored || "statusReason" in stored), false);
      assert.deepEqual(pipeline.jobs, [{ key: failed.objectKey, etag: "e1" }]);
    });

    it("leaves the photo failed as it was when the queue refuses the job", async () => {
      const failed = await f.photo(bob, {
        status: "failed",
        changes: { failedStep: "labels", statusReason: "x" },
      });
      pipeline.failNext(new Error("queue down"));
      await assert.rejects(sut.retry(bob, failed.id), /queue down/);
      assert.deepEqual(await f.photos.get(failed.id), failed);
    });

    it("answers ConflictError for a photo that has not failed, and queues nothing", async () => {
      const ready = await f.photo(bob, { status: "ready" });
      await assert.rejects(sut.retry(bob, ready.id), ConflictError);
      assert.deepEqual(pipeline.jobs, []);
    });

    it("lets only the owner retry: others who see the photo get ForbiddenError, the rest NotFoundError", async () => {
      const failed = await f.photo(bob, { status: "failed" });
      const ready = await f.photo(bob, { status: "ready" });
      await assert.rejects(sut.retry(alice, failed.id), NotFoundError, "a failed photo is the owner's alone");
      await assert.rejects(sut.retry(alice, ready.id), ForbiddenError);
      await assert.rejects(sut.retry(dave, failed.id), NotFoundError);
    });
  });
});
