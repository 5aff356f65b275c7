import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import sharp from "sharp";
import { makePhoto } from "../../adapters/contract/fixtures.js";
import { SharpImageInspector } from "../../adapters/embedded/sharp-image-inspector.js";
import type { Logger } from "../../ports/logger.js";
import { InMemoryObjectStore } from "../../test-support/in-memory-object-store.js";
import { InMemoryPhotoRepository } from "../../test-support/in-memory-photo.repository.js";
import { ManualClock } from "../../test-support/manual-clock.js";
import { PhotoIngestService } from "./photo-ingest.service.js";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const KEY = "uploads/event_event-1/p1.jpg";

describe(PhotoIngestService.name, () => {
  let photos: InMemoryPhotoRepository;
  let store: InMemoryObjectStore;
  let sut: PhotoIngestService;
  let jpeg: Buffer;

  beforeEach(async () => {
    photos = new InMemoryPhotoRepository();
    store = new InMemoryObjectStore();
    sut = new PhotoIngestService(
      {
        photos,
        objectStore: store,
        inspector: new SharpImageInspector({ maxPixels: 1e8 }),
        clock: new ManualClock(),
        logger: quiet,
      },
      { maxUploadBytes: 1_000_000 },
    );
    jpeg = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#123" } })
      .jpeg()
      .toBuffer();
    await photos.create(makePhoto({ id: "p1", objectKey: KEY }));
  });

  async function arrive(bytes: Buffer, metadata: Record<string, string> = { "photo-id": "p1" }) {
    const { etag } = await store.write(KEY, bytes, { contentType: "image/jpeg", metadata });
    return sut.handleObjectCreated({ key: KEY, size: bytes.length, etag });
  }

  it("moves a pending photo to ready with what the bytes really are", async () => {
    assert.equal(await arrive(jpeg), "ready");
    const photo = await photos.get("p1");
    assert.equal(photo?.status, "ready");
    assert.deepEqual(
      [photo?.width, photo?.height, photo?.size, photo?.format],
      [30, 20, jpeg.length, "jpeg"],
    );
  });

  it("changes nothing when the same event is delivered again", async () => {
    await arrive(jpeg);
    const first = await photos.get("p1");
    const { etag } = (await store.head(KEY))!;
    assert.equal(await sut.handleObjectCreated({ key: KEY, size: jpeg.length, etag }), "already-handled");
    assert.deepEqual(await photos.get("p1"), first);
  });

  it("rejects a file whose bytes are not an image, then deletes the object", async () => {
    assert.equal(await arrive(Buffer.from("not a photo at all")), "rejected");
    const photo = await photos.get("p1");
    assert.equal(photo?.status, "rejected");
    assert.match(photo?.statusReason ?? "", /not an image/);
    assert.equal(await store.head(KEY), undefined);
  });

  it("rejects an empty file", async () => {
    assert.equal(await arrive(Buffer.alloc(0)), "rejected");
    assert.equal((await photos.get("p1"))?.statusReason, "The file is empty");
  });

  it("rejects an image that is not of the declared type", async () => {
    const png = await sharp({ create: { width: 5, height: 5, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    assert.equal(await arrive(png), "rejected");
    assert.match((await photos.get("p1"))?.statusReason ?? "", /PNG, not image\/jpeg/);
  });

  it("deletes the object again when a redelivery finds the photo already rejected (crash after the record)", async () => {
    await photos.transition("p1", ["pending"], { status: "rejected", statusReason: "bad" });
    assert.equal(await arrive(jpeg), "already-handled");
    assert.equal(await store.head(KEY), undefined);
    assert.equal((await photos.get("p1"))?.status, "rejected");
  });

  it("removes an object under uploads/ that no photo claims", async () => {
    assert.equal(await arrive(jpeg, { "photo-id": "nobody" }), "orphan-removed");
    assert.equal(await store.head(KEY), undefined);
    assert.equal(await arrive(jpeg, {}), "orphan-removed");
  });

  it("ignores objects outside uploads/ and objects deleted since the event", async () => {
    assert.equal(
      await sut.handleObjectCreated({ key: "variants/p1/thumb.webp", size: 1, etag: "x" }),
      "ignored",
    );
    assert.equal(await sut.handleObjectCreated({ key: KEY, size: 1, etag: "x" }), "gone");
  });

  it("re-checks a ready photo whose object was replaced by a second upload on the same ticket", async () => {
    await arrive(jpeg);
    assert.equal(await arrive(Buffer.from("replaced by junk")), "rejected");
    assert.equal((await photos.get("p1"))?.status, "rejected");
  });

  it("rejects a file larger than the upload limit without reading all of it", async () => {
    const big = Buffer.concat([jpeg, Buffer.alloc(1_000_001)]);
    assert.equal(await arrive(big), "rejected");
    assert.match((await photos.get("p1"))?.statusReason ?? "", /larger than/);
  });

  it("lets a repository failure propagate so the queue retries", async () => {
    photos.get = async () => {
      throw new Error("database is locked");
    };
    await assert.rejects(arrive(jpeg), /database is locked/);
  });
});
