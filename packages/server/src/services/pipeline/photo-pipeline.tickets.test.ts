import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPipelineHarness, jpegBytes } from "../../../test/support/pipeline-harness.js";
import { PipelineStepError } from "./pipeline-step-error.js";

/** A second use of an upload ticket must never change a photo that already has bytes. */
describe("photo pipeline: a ticket is used once", () => {
  const bytesOf = async (h: ReturnType<typeof createPipelineHarness>, key: string) =>
    Buffer.concat(await (await h.store.read(key))!.toArray());

  it("neither reprocesses nor rejects a ready photo whose object a second write replaced (store without versions)", async () => {
    const h = createPipelineHarness();
    const photo = await h.pendingPhoto("p1");
    assert.equal(await h.arrive(photo, jpegBytes("p1")), "ready");
    const ready = await h.photos.get("p1");
    const renders = h.images.renderCalls;

    assert.equal(await h.arrive(photo, Buffer.from("500 bytes of text")), "second-write-ignored");
    assert.deepEqual(await h.photos.get("p1"), ready, "the record is untouched");
    assert.equal(h.images.renderCalls, renders, "nothing reprocessed");
    assert.deepEqual(h.variantKeys(), ["variants/p1/thumb.webp", "variants/p1/web.webp"]);
  });

  it("leaves a hidden photo hidden when a second write arrives, instead of reprocessing it to ready", async () => {
    const h = createPipelineHarness();
    h.labeler.result.moderation = [{ name: "explicit", confidence: 0.99 }];
    const photo = await h.pendingPhoto("p1");
    assert.equal(await h.arrive(photo, jpegBytes("p1")), "hidden");
    h.labeler.result.moderation = [];
    assert.equal(await h.arrive(photo, jpegBytes("innocent-looking")), "second-write-ignored");
    assert.equal((await h.photos.get("p1"))?.status, "hidden");
  });

  it("deletes the later version so the processed one is current again (versioned-bucket stand-in for S3)", async () => {
    const h = createPipelineHarness({ versioned: true });
    const photo = await h.pendingPhoto("p1");
    const first = jpegBytes("p1");
    assert.equal(await h.arrive(photo, first), "ready");
    const ready = await h.photos.get("p1");

    assert.equal(await h.arrive(photo, Buffer.from("500 bytes of text")), "second-write-undone");
    assert.deepEqual(await h.photos.get("p1"), ready);
    assert.equal((await h.store.head(photo.objectKey))?.etag, ready?.etag);
    assert.ok((await bytesOf(h, photo.objectKey)).equals(first), "the owner's original is the first upload");
    assert.equal(h.store.versions.get(photo.objectKey)?.length, 1, "the later version is gone");
  });

  it("undoes several later writes from one event, and their other events find nothing left (versioned-bucket stand-in)", async () => {
    const h = createPipelineHarness({ versioned: true });
    const photo = await h.pendingPhoto("p1");
    const first = jpegBytes("p1");
    await h.arrive(photo, first);
    const write = (bytes: Buffer) =>
      h.store.write(photo.objectKey, bytes, { contentType: "image/jpeg", metadata: { "photo-id": "p1" } });
    const second = await write(jpegBytes("second"));
    await write(jpegBytes("third"));

    assert.equal(await h.sut.handleJob({ key: photo.objectKey, etag: second.etag }), "second-write-undone");
    assert.ok((await bytesOf(h, photo.objectKey)).equals(first));
    assert.equal(await h.redeliver(photo), "already-handled");
    assert.equal((await h.photos.get("p1"))?.status, "ready");
  });

  it("processes the version current when it reads, before the photo has bytes (versioned-bucket stand-in)", async () => {
    const h = createPipelineHarness({ versioned: true });
    const photo = await h.pendingPhoto("p1");
    const write = (bytes: Buffer) =>
      h.store.write(photo.objectKey, bytes, { contentType: "image/jpeg", metadata: { "photo-id": "p1" } });
    const early = await write(jpegBytes("early"));
    const late = await write(jpegBytes("late"));

    assert.equal(await h.sut.handleJob({ key: photo.objectKey, etag: early.etag }), "ready");
    assert.equal(
      (await h.photos.get("p1"))?.etag,
      late.etag,
      "the photo had no bytes yet: the last write is it",
    );
    assert.equal(await h.sut.handleJob({ key: photo.objectKey, etag: late.etag }), "already-handled");
  });

  it("retries, recording nothing, when the object changed between reading its ETag and its bytes", async () => {
    const h = createPipelineHarness();
    const photo = await h.pendingPhoto("p1");
    const head = h.store.head.bind(h.store);
    h.store.head = async (key) => {
      const object = await head(key);
      return object && { ...object, etag: "0123456789abcdef0123456789abcdef" }; // an earlier version's
    };
    await assert.rejects(h.arrive(photo, jpegBytes("p1")), (error) => {
      assert.ok(error instanceof PipelineStepError);
      assert.equal(error.step, "verify");
      return true;
    });
    assert.equal((await h.photos.get("p1"))?.status, "pending");
    h.store.head = head;
    assert.equal(await h.redeliver(photo), "ready");
  });
});
