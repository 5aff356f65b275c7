import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { SMALL_OBJECT_BYTES } from "../src/object-store.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString();
}

describe("openObject (in-process reads for the embedding program)", () => {
  let fixture: StoreFixture;
  before(async () => {
    fixture = await startFixture();
    await fixture.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "variants/p1/thumb.webp",
        Body: "0123456789",
        ContentType: "image/webp",
        CacheControl: "max-age=60",
      }),
    );
  });
  after(() => fixture.close());

  it("returns the bytes and the attributes stored through S3", async () => {
    const opened = fixture.store.openObject(BUCKET, "variants/p1/thumb.webp");
    assert.ok(opened);
    assert.equal(opened.size, 10);
    assert.equal(opened.contentType, "image/webp");
    assert.equal(opened.cacheControl, "max-age=60");
    assert.match(opened.etag, /^"[0-9a-f]{32}"$/);
    assert.equal(await text(opened.body), "0123456789");
  });

  it("reads an inclusive byte range", async () => {
    const opened = fixture.store.openObject(BUCKET, "variants/p1/thumb.webp", { start: 2, end: 4 });
    assert.equal(await text(opened!.body), "234");
  });

  it("hands small objects over already read, and the stream replays the same bytes", async () => {
    const opened = fixture.store.openObject(BUCKET, "variants/p1/thumb.webp");
    assert.equal(opened?.bytes?.toString(), "0123456789");
    assert.equal(await text(opened!.body), "0123456789");
    const range = fixture.store.openObject(BUCKET, "variants/p1/thumb.webp", { start: 7, end: 9 });
    assert.equal(range?.bytes?.toString(), "789");
  });

  it("streams objects larger than SMALL_OBJECT_BYTES without reading them first", async () => {
    const big = randomBytes(SMALL_OBJECT_BYTES + 1);
    await fixture.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "variants/p2/web.webp", Body: big }),
    );
    const opened = fixture.store.openObject(BUCKET, "variants/p2/web.webp");
    assert.equal(opened?.bytes, undefined);
    const chunks: Buffer[] = [];
    for await (const chunk of opened!.body) chunks.push(chunk as Buffer);
    assert.ok(Buffer.concat(chunks).equals(big));
    const tail = fixture.store.openObject(BUCKET, "variants/p2/web.webp", {
      start: SMALL_OBJECT_BYTES,
      end: SMALL_OBJECT_BYTES,
    });
    assert.ok(tail?.bytes?.equals(big.subarray(SMALL_OBJECT_BYTES)));
  });

  it("reads an empty object as no bytes", async () => {
    await fixture.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "variants/p3/empty.bin", Body: "" }),
    );
    const opened = fixture.store.openObject(BUCKET, "variants/p3/empty.bin");
    assert.equal(opened?.size, 0);
    assert.equal(opened?.bytes?.length, 0);
    assert.equal(await text(opened!.body), "");
  });

  it("returns undefined for a missing key or bucket", () => {
    assert.equal(fixture.store.openObject(BUCKET, "nope"), undefined);
    assert.equal(fixture.store.openObject("other-bucket", "variants/p1/thumb.webp"), undefined);
  });
});
