import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { rejection } from "./support/s3-rejection.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

const MiB = 1024 * 1024;
let f: StoreFixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

function md5(data: Buffer): Buffer {
  return createHash("md5").update(data).digest();
}

function expectedEtag(parts: Buffer[]): string {
  return `"${createHash("md5")
    .update(Buffer.concat(parts.map(md5)))
    .digest("hex")}-${parts.length}"`;
}

async function readAll(key: string, range?: string): Promise<Buffer> {
  const out = await f.client.send(
    new GetObjectCommand({ Bucket: BUCKET, Key: key, ...(range ? { Range: range } : {}) }),
  );
  return Buffer.from(await out.Body!.transformToByteArray());
}

async function uploadParts(key: string, parts: Buffer[]) {
  const { UploadId } = await f.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
  const etags: string[] = [];
  for (const [index, Body] of parts.entries()) {
    const out = await f.client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: index + 1, Body }),
    );
    etags.push(out.ETag!);
  }
  return { uploadId: UploadId!, etags };
}

describe("multipart uploads", () => {
  it("assembles an lib-storage Upload of three parts byte-exact with a -3 ETag", async () => {
    const data = randomBytes(11 * MiB);
    const upload = new Upload({
      client: f.client,
      params: { Bucket: BUCKET, Key: "mp/three.bin", Body: Readable.from([data]), ContentType: "video/mp4" },
      partSize: 5 * MiB,
      queueSize: 2,
    });
    const result = await upload.done();
    const parts = [data.subarray(0, 5 * MiB), data.subarray(5 * MiB, 10 * MiB), data.subarray(10 * MiB)];
    assert.equal(result.ETag, expectedEtag(parts));
    assert.ok((await readAll("mp/three.bin")).equals(data));
    const range = await readAll("mp/three.bin", `bytes=${5 * MiB - 3}-${5 * MiB + 2}`);
    assert.ok(range.equals(data.subarray(5 * MiB - 3, 5 * MiB + 3)), "ranges cross part boundaries exactly");
  });

  it("accepts parts uploaded through presigned UploadPart URLs (the browser's resumable path)", async () => {
    const presigner = f.makeClient({ requestChecksumCalculation: "WHEN_REQUIRED" });
    const key = "mp/presigned.bin";
    const parts = [randomBytes(5 * MiB), randomBytes(1234)];
    const { UploadId } = await f.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const completed: { PartNumber: number; ETag: string }[] = [];
    for (const [index, body] of parts.entries()) {
      const url = await getSignedUrl(
        presigner,
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: index + 1 }),
        { expiresIn: 300 },
      );
      const response = await fetch(url, { method: "PUT", body });
      assert.equal(response.status, 200, await response.text());
      completed.push({ PartNumber: index + 1, ETag: response.headers.get("etag")! });
    }
    const listed = await f.client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId }));
    assert.deepEqual(
      listed.Parts?.map((p) => [p.PartNumber, p.Size]),
      [
        [1, 5 * MiB],
        [2, 1234],
      ],
    );
    const done = await f.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: completed },
      }),
    );
    assert.equal(done.ETag, expectedEtag(parts));
    assert.ok((await readAll(key)).equals(Buffer.concat(parts)));
  });

  it("refuses parts listed out of order with InvalidPartOrder", async () => {
    const { uploadId, etags } = await uploadParts("mp/order.bin", [randomBytes(5 * MiB), randomBytes(10)]);
    const error = await rejection(
      f.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "mp/order.bin",
          UploadId: uploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 2, ETag: etags[1] },
              { PartNumber: 1, ETag: etags[0] },
            ],
          },
        }),
      ),
    );
    assert.equal(error.name, "InvalidPartOrder");
  });

  it("refuses an unknown part or a wrong ETag with InvalidPart", async () => {
    const { uploadId, etags } = await uploadParts("mp/invalid.bin", [randomBytes(10)]);
    const complete = (Parts: { PartNumber: number; ETag: string }[]) =>
      f.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "mp/invalid.bin",
          UploadId: uploadId,
          MultipartUpload: { Parts },
        }),
      );
    assert.equal(
      (await rejection(complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }]))).name,
      "InvalidPart",
    );
    assert.equal((await rejection(complete([{ PartNumber: 2, ETag: etags[0]! }]))).name, "InvalidPart");
  });

  it("refuses a non-last part under 5 MiB with EntityTooSmall", async () => {
    const { uploadId, etags } = await uploadParts("mp/small.bin", [randomBytes(100), randomBytes(100)]);
    const error = await rejection(
      f.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: "mp/small.bin",
          UploadId: uploadId,
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) },
        }),
      ),
    );
    assert.equal(error.name, "EntityTooSmall");
  });

  it("forgets an aborted upload: later parts and completion are NoSuchUpload", async () => {
    const { uploadId } = await uploadParts("mp/aborted.bin", [randomBytes(10)]);
    await f.client.send(
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "mp/aborted.bin", UploadId: uploadId }),
    );
    const error = await rejection(
      f.client.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: "mp/aborted.bin",
          UploadId: uploadId,
          PartNumber: 2,
          Body: "x",
        }),
      ),
    );
    assert.equal(error.name, "NoSuchUpload");
  });
});
