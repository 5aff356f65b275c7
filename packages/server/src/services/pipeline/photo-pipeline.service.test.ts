import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPipelineHarness, jpegBytes, sha256Of } from "../../../test/support/pipeline-harness.js";
import { ImageRejectedError } from "../../domain/errors.js";
import { PhotoPipelineService } from "./photo-pipeline.service.js";
import { PipelineStepError } from "./pipeline-step-error.js";

describe(PhotoPipelineService.name, () => {
  describe("a new upload", () => {
    it("moves a pending photo to ready with its metadata, variants, labels and hash in one record", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      const bytes = jpegBytes("p1");
      assert.equal(await h.arrive(photo, bytes), "ready");

      const ready = await h.photos.get("p1");
      const { etag } = (await h.store.head(photo.objectKey))!;
      assert.equal(ready?.status, "ready");
      assert.deepEqual(
        [ready?.width, ready?.height, ready?.size, ready?.format, ready?.etag, ready?.sha256],
        [4000, 3000, bytes.length, "jpeg", etag, sha256Of(bytes)],
      );
      assert.deepEqual(ready?.takenAt, new Date("2026-05-30T18:04:05.000Z"));
      assert.deepEqual(ready?.camera, { make: "Fujifilm", model: "X100V", lens: "23mm F2" });
      assert.deepEqual(ready?.exposure, { exposureTime: 0.004, fNumber: 2.8, iso: 400, focalLength: 23 });
      assert.deepEqual(ready?.gps, { latitude: 52.520008, longitude: 13.404954, altitude: 34.5 });
      assert.equal(ready?.colorProfile, "sRGB IEC61966-2.1");
      assert.equal(ready?.orientation, 1);
      assert.deepEqual(ready?.variants, {
        thumb: { key: "variants/p1/thumb.webp", contentType: "image/webp", width: 200, height: 150 },
        web: { key: "variants/p1/web.webp", contentType: "image/webp", width: 1600, height: 1200 },
      });
      assert.match(ready?.blurhash ?? "", /^blurhash-of-/);
      // Above the 0.4 default threshold only, names normalised; nothing flagged.
      assert.deepEqual(ready?.labels, [
        { name: "dog", confidence: 0.91 },
        { name: "person", confidence: 0.55 },
      ]);
      assert.deepEqual(ready?.moderation, []);
      assert.deepEqual(h.variantKeys(), ["variants/p1/thumb.webp", "variants/p1/web.webp"]);
      assert.deepEqual(h.notified, ["p1"]);
    });

    it("shows the labeler the web variant, never the original", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      await h.arrive(photo, jpegBytes("p1"));
      const [input] = h.labeler.inputs;
      assert.deepEqual(input?.bytes, h.store.objects.get("variants/p1/web.webp")?.body);
      assert.deepEqual([input?.contentType, input?.width, input?.height], ["image/webp", 1600, 1200]);
    });

    it("keeps only what the camera wrote that makes sense (no junk text, no position off the globe)", async () => {
      const h = createPipelineHarness();
      h.images.analysis.metadata = {
        orientation: 12,
        camera: { make: "  Canon\u0000 ", model: "", lens: "x".repeat(500) },
        exposure: { iso: -5, fNumber: Number.NaN },
        gps: { latitude: 123, longitude: 9 },
      };
      const photo = await h.pendingPhoto("p1");
      await h.arrive(photo, jpegBytes("p1"));
      const ready = (await h.photos.get("p1"))!;
      assert.deepEqual(ready.camera, { make: "Canon", lens: "x".repeat(100) });
      for (const field of ["orientation", "exposure", "gps", "takenAt", "colorProfile"]) {
        assert.equal(field in ready, false, field);
      }
    });
  });

  describe("idempotency", () => {
    it("does no work at all when the same event is delivered again", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      await h.arrive(photo, jpegBytes("p1"));
      const first = await h.photos.get("p1");
      const writes = h.store.writtenKeys.length;

      assert.equal(await h.redeliver(photo), "already-handled");
      assert.equal(await h.redeliver(photo), "already-handled");
      assert.deepEqual(await h.photos.get("p1"), first);
      assert.equal(h.store.writtenKeys.length, writes, "no second set of variants");
      assert.equal(h.labeler.inputs.length, 1, "no second labeling");
      assert.equal(h.images.renderCalls, 1);
    });

    it("reaches ready on a re-run after a crash between the variant writes and the final record", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      const transition = h.photos.transition.bind(h.photos);
      let crashed = false;
      h.photos.transition = async (id, from, changes) => {
        if (changes.status === "ready" && !crashed) {
          crashed = true;
          throw new Error("process killed");
        }
        return transition(id, from, changes);
      };
      await assert.rejects(h.arrive(photo, jpegBytes("p1")), (error) => {
        assert.ok(error instanceof PipelineStepError);
        assert.equal(error.step, "record");
        return true;
      });
      const halfway = await h.photos.get("p1");
      assert.equal(halfway?.status, "pending");
      assert.equal(halfway?.failedStep, "record", "the attempt names its step while retrying");
      const variantsBefore = h.variantKeys().map((key) => h.store.objects.get(key)?.body);

      assert.equal(await h.redeliver(photo), "ready");
      const ready = await h.photos.get("p1");
      assert.equal(ready?.status, "ready");
      assert.equal("failedStep" in (ready ?? {}), false);
      assert.equal("statusReason" in (ready ?? {}), false);
      assert.deepEqual(h.variantKeys(), ["variants/p1/thumb.webp", "variants/p1/web.webp"]);
      assert.deepEqual(
        h.variantKeys().map((key) => h.store.objects.get(key)?.body),
        variantsBefore,
        "the same bytes at the same keys",
      );
    });
  });

  describe("rejections", () => {
    const rejects = async (
      bytes: Buffer,
      reason: RegExp,
      prepare?: (h: ReturnType<typeof createPipelineHarness>) => void,
    ) => {
      const h = createPipelineHarness();
      prepare?.(h);
      const photo = await h.pendingPhoto("p1");
      assert.equal(await h.arrive(photo, bytes), "rejected");
      const rejected = await h.photos.get("p1");
      assert.equal(rejected?.status, "rejected");
      assert.match(rejected?.statusReason ?? "", reason);
      assert.equal(await h.store.head(photo.objectKey), undefined, "the object is deleted");
      assert.equal(h.images.renderCalls, 0);
      assert.deepEqual(h.notified, ["p1"]);
    };

    it("rejects a file whose bytes are not an image", () =>
      rejects(Buffer.from("not a photo at all"), /not an image/));
    it("rejects an empty file", () => rejects(Buffer.alloc(0), /^The file is empty$/));
    it("rejects an image that is not of the declared type", () =>
      rejects(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), /PNG, not image\/jpeg/));
    it("rejects a file larger than the upload limit without reading all of it", () =>
      rejects(Buffer.concat([jpegBytes("big"), Buffer.alloc(1_000_001)]), /larger than/));
    it("rejects what the decoder refuses (a decompression bomb) instead of crashing the worker", () =>
      rejects(jpegBytes("bomb"), /too many pixels/, (h) =>
        h.images.failNext("analyze", new ImageRejectedError("The image has too many pixels")),
      ));

    it("deletes the objects again when a redelivery finds the photo already rejected (crash after the record)", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      await h.photos.transition("p1", ["pending"], { status: "rejected", statusReason: "bad" });
      assert.equal(await h.arrive(photo, jpegBytes("p1")), "already-handled");
      assert.equal(await h.store.head(photo.objectKey), undefined);
      assert.ok(h.store.deletedKeys.includes("variants/p1/web.webp"));
      assert.equal((await h.photos.get("p1"))?.status, "rejected");
    });
  });

  describe("objects that are not, or no longer, a photo's upload", () => {
    it("removes an object under uploads/ that no photo claims", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      assert.equal(await h.arrive(photo, jpegBytes("x"), { "photo-id": "nobody" }), "orphan-removed");
      assert.equal(await h.store.head(photo.objectKey), undefined);
      assert.equal(await h.arrive(photo, jpegBytes("x"), {}), "orphan-removed");
    });

    it("ignores objects outside uploads/ (its own variants) and objects deleted since the event", async () => {
      const h = createPipelineHarness();
      assert.equal(await h.sut.handleJob({ key: "variants/p1/thumb.webp", etag: "x" }), "ignored");
      assert.equal(await h.sut.handleJob({ key: "uploads/event_event-1/p1.jpg", etag: "x" }), "gone");
    });

    it("removes the variants it wrote when the photo was deleted while it worked", async () => {
      const h = createPipelineHarness();
      const photo = await h.pendingPhoto("p1");
      h.labeler.analyze = async () => {
        await h.photos.delete("p1");
        return { labels: [], moderation: [] };
      };
      assert.equal(await h.arrive(photo, jpegBytes("p1")), "gone");
      assert.deepEqual(h.variantKeys(), []);
    });
  });
});
