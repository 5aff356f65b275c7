import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
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

  it("returns undefined for a missing key or bucket", () => {
    assert.equal(fixture.store.openObject(BUCKET, "nope"), undefined);
    assert.equal(fixture.store.openObject("other-bucket", "variants/p1/thumb.webp"), undefined);
  });
});
