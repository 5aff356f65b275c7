import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { InMemoryPhotoRepository } from "../../../test/support/fakes/in-memory-photo.repository.js";
import { InMemoryPhotoBucket } from "../../../test/support/fakes/in-memory-photo-bucket.js";
import { ManualClock } from "../../../test/support/fakes/manual-clock.js";
import { at, makePhoto } from "../../../test/support/fixtures.js";
import type { Logger } from "../../ports/logger.js";
import { PendingUploadReconciler } from "./pending-upload-reconciler.js";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

describe(PendingUploadReconciler.name, () => {
  let photos: InMemoryPhotoRepository;
  let store: InMemoryPhotoBucket;
  let clock: ManualClock;
  let sut: PendingUploadReconciler;

  beforeEach(async () => {
    photos = new InMemoryPhotoRepository();
    store = new InMemoryPhotoBucket();
    clock = new ManualClock(at(0));
    sut = new PendingUploadReconciler(
      { photos, photoBucket: store, clock, logger: quiet },
      { graceSeconds: 300, batchSize: 2 },
    );
    for (const id of ["a", "b", "c"]) await photos.create(makePhoto({ id, uploadExpiresAt: at(600) }));
  });

  it("leaves pending photos alone until their ticket and the grace period are over", async () => {
    clock.set(at(600 + 299));
    assert.equal(await sut.sweep(), 0);
    assert.equal((await photos.get("a"))?.status, "pending");
  });

  it("expires every pending photo past the grace period, across several batches", async () => {
    clock.set(at(600 + 301));
    assert.equal(await sut.sweep(), 3);
    for (const id of ["a", "b", "c"]) assert.equal((await photos.get(id))?.status, "expired");
    assert.equal(await sut.sweep(), 0, "a second sweep finds nothing");
  });

  it("leaves a pending photo whose object did arrive to the pipeline", async () => {
    const b = (await photos.get("b"))!;
    await store.write(b.objectKey, Buffer.from("bytes"), { contentType: "image/jpeg" });
    clock.set(at(600 + 301));
    assert.equal(await sut.sweep(), 2);
    assert.equal((await photos.get("b"))?.status, "pending");
  });

  it("never touches photos that are not pending", async () => {
    await photos.transition("a", ["pending"], { status: "ready" });
    clock.set(at(600 + 301));
    await sut.sweep();
    assert.equal((await photos.get("a"))?.status, "ready");
  });
});
