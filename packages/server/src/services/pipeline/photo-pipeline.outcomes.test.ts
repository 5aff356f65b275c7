import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InMemoryEventRepository } from "../../../test/support/fakes/in-memory-event.repository.js";
import { RecordingPipelineTrigger } from "../../../test/support/fakes/recording-pipeline-trigger.js";
import { createPipelineHarness, jpegBytes } from "../../../test/support/pipeline-harness.js";
import { principal } from "../../../test/support/principals.js";
import { photoBucketDeliveryUrls } from "../../adapters/s3/photo-bucket-delivery-urls.js";
import { PhotoStatusService } from "../gallery/photo-status.service.js";
import { STOPPED_SERVER_REASON } from "./mark-photo-failed.js";

describe("photo pipeline outcomes", () => {
  describe("duplicates", () => {
    it("marks a second upload of the same bytes to the event as a duplicate and removes its objects", async () => {
      const h = createPipelineHarness();
      const first = await h.pendingPhoto("p1");
      const second = await h.pendingPhoto("p2", { ownerId: "user-2" });
      assert.equal(await h.arrive(first, jpegBytes("same")), "ready");
      assert.equal(await h.arrive(second, jpegBytes("same")), "duplicate");

      const duplicate = await h.photos.get("p2");
      assert.equal(duplicate?.status, "duplicate");
      assert.equal(duplicate?.duplicateOf, "p1");
      assert.equal(duplicate?.statusReason, "The same photo is already in this event");
      assert.equal(await h.store.head(second.objectKey), undefined);
      assert.deepEqual(h.variantKeys(), ["variants/p1/thumb.webp", "variants/p1/web.webp"]);
      assert.equal((await h.photos.get("p1"))?.status, "ready", "the first one is untouched");
      assert.deepEqual(h.notified, ["p1", "p2"]);
    });

    it("looks only within the same event, or the same owner's library", async () => {
      const h = createPipelineHarness();
      const inEvent = await h.pendingPhoto("p1");
      const otherEvent = await h.pendingPhoto("p2", {
        eventId: "event-2",
        objectKey: "uploads/event_event-2/p2.jpg",
      });
      const library = await h.pendingPhoto("p3", { eventId: undefined });
      const libraryAgain = await h.pendingPhoto("p4", { eventId: undefined });
      const othersLibrary = await h.pendingPhoto("p5", { eventId: undefined, ownerId: "user-2" });
      const outcomes = [];
      for (const photo of [inEvent, otherEvent, library, libraryAgain, othersLibrary]) {
        outcomes.push(await h.arrive(photo, jpegBytes("same")));
      }
      assert.deepEqual(outcomes, ["ready", "ready", "ready", "duplicate", "ready"]);
      assert.equal((await h.photos.get("p4"))?.statusReason, "The same photo is already in your library");
    });

    it("lets exactly one of several identical photos processed at the same moment survive", async () => {
      const h = createPipelineHarness();
      const photos = await Promise.all(["a", "b", "c"].map((id) => h.pendingPhoto(id)));
      const outcomes = await Promise.all(photos.map((photo) => h.arrive(photo, jpegBytes("same"))));
      assert.deepEqual([...outcomes].sort(), ["duplicate", "duplicate", "ready"]);
      const survivor = photos[outcomes.indexOf("ready")]!;
      for (const photo of photos.filter((p) => p !== survivor)) {
        assert.equal((await h.photos.get(photo.id))?.duplicateOf, survivor.id);
      }
      assert.deepEqual(h.variantKeys(), [
        `variants/${survivor.id}/thumb.webp`,
        `variants/${survivor.id}/web.webp`,
      ]);
    });

    it("accepts the same bytes again once the photo holding them was deleted", async () => {
      const h = createPipelineHarness();
      const first = await h.pendingPhoto("p1");
      await h.arrive(first, jpegBytes("same"));
      await h.photos.delete("p1");
      assert.equal(await h.arrive(await h.pendingPhoto("p2"), jpegBytes("same")), "ready");
    });

    it("takes over a claim whose holder no longer keeps its bytes (rejected since)", async () => {
      const h = createPipelineHarness();
      const first = await h.pendingPhoto("p1");
      await h.arrive(first, jpegBytes("same"));
      await h.photos.transition("p1", ["ready"], { status: "rejected" });
      assert.equal(await h.arrive(await h.pendingPhoto("p2"), jpegBytes("same")), "ready");
      assert.equal(await h.arrive(await h.pendingPhoto("p3"), jpegBytes("same")), "duplicate");
      assert.equal((await h.photos.get("p3"))?.duplicateOf, "p2");
    });
  });

  describe("labels and moderation", () => {
    it("hides a photo whose moderation score passes the threshold, keeping its scores for the organizer", async () => {
      const h = createPipelineHarness({ pipeline: { labeling: { moderationThreshold: 0.8 } } });
      h.labeler.result.moderation = [
        { name: "Explicit Nudity", confidence: 0.93 },
        { name: "suggestive", confidence: 0.31 },
      ];
      assert.equal(await h.arrive(await h.pendingPhoto("p1"), jpegBytes("p1")), "hidden");
      const hidden = await h.photos.get("p1");
      assert.equal(hidden?.status, "hidden");
      assert.deepEqual(hidden?.moderation, [
        { name: "explicit nudity", confidence: 0.93 },
        { name: "suggestive", confidence: 0.31 },
      ]);
      assert.ok(hidden?.variants, "a hidden photo is fully processed, ready to be approved");

      h.labeler.result.moderation = [{ name: "suggestive", confidence: 0.79 }];
      assert.equal(await h.arrive(await h.pendingPhoto("p2"), jpegBytes("p2")), "ready");
    });

    it("keeps labels from the configured confidence on", async () => {
      const h = createPipelineHarness({ pipeline: { labeling: { minLabelConfidence: 0.6 } } });
      await h.arrive(await h.pendingPhoto("p1"), jpegBytes("p1"));
      assert.deepEqual((await h.photos.get("p1"))?.labels, [{ name: "dog", confidence: 0.91 }]);
    });

    it("records no labels and no moderation, and hides nothing, when labeling is switched off", async () => {
      const h = createPipelineHarness({ labeling: false });
      h.labeler.result.moderation = [{ name: "explicit nudity", confidence: 0.99 }];
      assert.equal(await h.arrive(await h.pendingPhoto("p1"), jpegBytes("p1")), "ready");
      const ready = (await h.photos.get("p1"))!;
      assert.equal("labels" in ready || "moderation" in ready, false);
      assert.equal(h.labeler.inputs.length, 0);
    });
  });

  describe("failures", () => {
    async function failedPhoto() {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1", { ownerId: "user-bob" });
      h.labeler.failNext(new Error("model worker crashed"));
      await assert.rejects(h.arrive(photo, jpegBytes("p1")), /\[labels\] model worker crashed/);
      const job = { key: photo.objectKey, etag: (await h.store.head(photo.objectKey))!.etag };
      return { h, photo, job };
    }

    it("names the failing step on the pending photo and lets the queue retry", async () => {
      const { h } = await failedPhoto();
      const pending = await h.photos.get("p1");
      assert.equal(pending?.status, "pending");
      assert.equal(pending?.failedStep, "labels");
      assert.equal(pending?.statusReason, "model worker crashed");
      assert.equal(await h.redeliver(pending!), "ready", "the next attempt succeeds");
    });

    it("marks the photo failed with the step and reason when the queue gives up", async () => {
      const { h, job } = await failedPhoto();
      assert.equal(await h.sut.markFailed(job, "PipelineStepError: [labels] model worker crashed"), true);
      const failed = await h.photos.get("p1");
      assert.equal(failed?.status, "failed");
      assert.equal(failed?.failedStep, "labels");
      assert.equal(failed?.statusReason, "model worker crashed");
      assert.equal(failed?.etag, job.etag);
      assert.deepEqual(h.notified, ["p1"]);
      assert.equal(await h.redeliver(failed!), "already-handled", "a late redelivery does not undo it");
      assert.equal(await h.sut.markFailed(job, "again"), false, "marking twice changes nothing");
    });

    it("keeps the queue's last error as the reason when no attempt could record a step", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      await h.sut.markFailed({ key: photo.objectKey }, "Error: disk full");
      const failed = await h.photos.get("p1");
      assert.deepEqual(
        [failed?.status, failed?.failedStep, failed?.statusReason],
        ["failed", undefined, "Error: disk full"],
      );
      assert.equal(await h.sut.markFailed({ key: "uploads/event_event-1/unknown.jpg" }, "x"), false);
    });

    it("marks the photo failed in the step it was in when processing stopped the server", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      await h.sut.markFailed({ key: photo.objectKey }, { processStopped: true, step: "variants" });
      const failed = await h.photos.get("p1");
      assert.deepEqual(
        [failed?.status, failed?.failedStep, failed?.statusReason],
        ["failed", "variants", STOPPED_SERVER_REASON],
      );
    });

    it("tells an observer each step as it starts, so a queue can keep the last one", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      const steps: string[] = [];
      const { etag } = await h.store.write(photo.objectKey, jpegBytes("one"), {
        contentType: photo.contentType,
        metadata: { "photo-id": photo.id },
      });
      const outcome = await h.sut.handleJob(
        { key: photo.objectKey, etag },
        { onStep: (step) => steps.push(step) },
      );
      assert.equal(outcome, "ready");
      assert.deepEqual(
        [...new Set(steps)],
        ["verify", "metadata", "variants", "labels", "duplicates", "record"],
      );
    });

    it("goes back to pending and is queued again when its owner retries, then reaches ready", async () => {
      const { h, photo, job } = await failedPhoto();
      await h.sut.markFailed(job, "PipelineStepError: [labels] model worker crashed");
      const events = new InMemoryEventRepository();
      const trigger = new RecordingPipelineTrigger();
      const status = new PhotoStatusService({
        photos: h.photos,
        events,
        photoBucket: h.store,
        deliveryUrls: photoBucketDeliveryUrls(h.store),
        pipeline: trigger,
        clock: h.clock,
      });

      const view = await status.retry(principal("bob"), "p1");
      assert.equal(view.photo.status, "pending");
      assert.equal("failedStep" in view.photo || "statusReason" in view.photo, false);
      assert.deepEqual(trigger.jobs, [job]);
      assert.equal(await h.sut.handleJob(trigger.jobs[0]!), "ready");
      assert.equal((await h.photos.get(photo.id))?.status, "ready");
    });

    it("lets a repository failure propagate so the queue retries", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      h.photos.get = async () => {
        throw new Error("database is locked");
      };
      await assert.rejects(h.arrive(photo, jpegBytes("p1")), /database is locked/);
    });
  });
});
