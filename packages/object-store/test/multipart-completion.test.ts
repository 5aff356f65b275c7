import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { rejection } from "./support/s3-rejection.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const PART_BYTES = 5 * 1024 * 1024;
/** Three parts of 5 MiB of "A", "B" and "C", as in Ceph's s3-tests. */
const PARTS = ["A", "B", "C"].map((letter) => Buffer.alloc(PART_BYTES, letter));
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();
/** S3's composite SHA-256: the SHA-256 of the parts' SHA-256s, then `-N`. */
const COMPOSITE_SHA256 = `${sha256(Buffer.concat(PARTS.map(sha256))).toString("base64")}-${PARTS.length}`;

async function uploadParts(key: string, checksumAlgorithm?: "SHA256") {
  const { UploadId } = await f.client.send(
    new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ChecksumAlgorithm: checksumAlgorithm }),
  );
  const parts = [];
  for (const [index, Body] of PARTS.entries()) {
    const part = await f.client.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        PartNumber: index + 1,
        Body,
        ChecksumAlgorithm: checksumAlgorithm,
      }),
    );
    parts.push({ PartNumber: index + 1, ETag: part.ETag, ChecksumSHA256: part.ChecksumSHA256 });
  }
  return { UploadId: UploadId!, parts };
}

describe("CompleteMultipartUpload", () => {
  it("answers a retried completion with the same 200 result, not NoSuchUpload", async () => {
    const { UploadId, parts } = await uploadParts("complete/retried.bin", "SHA256");
    const complete = () =>
      f.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "complete/retried.bin",
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    const first = await complete();
    const second = await complete();
    assert.equal(second.ETag, first.ETag);
    assert.equal(second.ChecksumSHA256, first.ChecksumSHA256);
    assert.equal(second.ChecksumSHA256, COMPOSITE_SHA256);
  });

  it("still answers NoSuchUpload for the same upload id on another key", async () => {
    const { UploadId, parts } = await uploadParts("complete/one-key.bin");
    await f.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: "complete/one-key.bin",
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    const error = await rejection(
      f.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "complete/other-key.bin",
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      ),
    );
    assert.equal(error.name, "NoSuchUpload");
  });

  it("checks a declared x-amz-checksum-sha256 against the composite checksum of the parts", async () => {
    const { UploadId, parts } = await uploadParts("complete/declared.bin", "SHA256");
    const result = await f.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: "complete/declared.bin",
        UploadId,
        ChecksumSHA256: COMPOSITE_SHA256,
        MultipartUpload: { Parts: parts },
      }),
    );
    assert.equal(result.ChecksumSHA256, COMPOSITE_SHA256);
    const head = await f.client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: "complete/declared.bin", ChecksumMode: "ENABLED" }),
    );
    assert.equal(head.ChecksumSHA256, COMPOSITE_SHA256);
  });

  it("refuses a declared composite checksum that does not match with BadDigest and stores nothing", async () => {
    const { UploadId, parts } = await uploadParts("complete/mismatch.bin", "SHA256");
    const wrong = `${sha256(Buffer.from("something else")).toString("base64")}-3`;
    const error = await rejection(
      f.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "complete/mismatch.bin",
          UploadId,
          ChecksumSHA256: wrong,
          MultipartUpload: { Parts: parts },
        }),
      ),
    );
    assert.equal(error.name, "BadDigest");
    const missing = await rejection(
      f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "complete/mismatch.bin" })),
    );
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });
});
