import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand } from "@aws-sdk/client-s3";
import { rejection } from "./support/s3-rejection.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

describe("multipart checksum type (s3-tests test_multipart_use_cksum_helper_crc32*)", () => {
  it("refuses a FULL_OBJECT upload at creation with NotImplemented, and opens no upload", async () => {
    const error = await rejection(
      f.client.send(
        new CreateMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "full-object",
          ChecksumAlgorithm: "CRC32",
          ChecksumType: "FULL_OBJECT",
        }),
      ),
    );
    assert.equal(error.name, "NotImplemented");
    assert.equal(error.$metadata.httpStatusCode, 501);
    const listed = await f.client.send(
      new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: "full-object" }),
    );
    assert.equal(listed.Uploads?.length ?? 0, 0);
  });

  it("accepts a COMPOSITE upload", async () => {
    const created = await f.client.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: "composite",
        ChecksumAlgorithm: "CRC32",
        ChecksumType: "COMPOSITE",
      }),
    );
    assert.ok(created.UploadId);
    assert.equal(created.ChecksumAlgorithm, "CRC32");
  });
});
