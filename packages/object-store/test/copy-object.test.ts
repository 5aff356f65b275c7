import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  type CopyObjectCommandInput,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { eventCollector, isCreationOf } from "./support/event-collector.js";
import { errorCode, rawRequest } from "./support/raw-request.js";
import { rejection } from "./support/s3-rejection.js";
import { BUCKET, listFiles, type StoreFixture, startFixture } from "./support/store-fixture.js";

const ARCHIVE = "archive";
let f: StoreFixture;
const events = eventCollector();
before(async () => {
  f = await startFixture({
    buckets: [
      { name: BUCKET, notifications: [{ id: "created", events: ["s3:ObjectCreated:*"] }] },
      { name: ARCHIVE },
    ],
  });
  f.store.subscribe(events.subscriber);
});
after(() => f.close());

const md5Etag = (bytes: Buffer) => `"${createHash("md5").update(bytes).digest("hex")}"`;
/** An `x-amz-copy-source` value: bucket and key, each key segment URL-encoded. */
const source = (key: string, bucket = BUCKET) =>
  `${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;

async function read(key: string, bucket = BUCKET) {
  const out = await f.client.send(
    new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: "ENABLED" }),
  );
  return { out, bytes: Buffer.from(await out.Body!.transformToByteArray()) };
}

function copy(input: Omit<CopyObjectCommandInput, "Bucket"> & { Bucket?: string }) {
  return f.client.send(new CopyObjectCommand({ Bucket: BUCKET, ...input }));
}

describe("CopyObject", () => {
  it("copies the bytes and metadata (COPY directive) into a blob of its own and journals ObjectCreated:Copy", async () => {
    const body = randomBytes(300_000);
    const put = await f.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "originals/a.jpg",
        Body: body,
        ContentType: "image/jpeg",
        CacheControl: "max-age=60",
        Metadata: { owner: "ada", caption: "a b" },
      }),
    );
    const blobsBefore = listFiles(join(f.dataDir, "blobs")).length;

    const out = await copy({
      Key: "copies/a.jpg",
      CopySource: source("originals/a.jpg"),
      ContentType: "text/plain",
      Metadata: { ignored: "with COPY" },
    });
    assert.equal(out.CopyObjectResult?.ETag, put.ETag);
    assert.equal(out.CopyObjectResult?.ETag, md5Etag(body));
    assert.ok(out.CopyObjectResult?.LastModified instanceof Date);
    assert.equal(
      out.CopyObjectResult?.ChecksumCRC32,
      put.ChecksumCRC32,
      "the source's algorithm, recomputed",
    );
    assert.equal(listFiles(join(f.dataDir, "blobs")).length, blobsBefore + 1, "the copy is a new blob");

    const { out: got, bytes } = await read("copies/a.jpg");
    assert.ok(bytes.equals(body));
    assert.equal(got.ContentType, "image/jpeg");
    assert.equal(got.CacheControl, "max-age=60");
    assert.deepEqual(got.Metadata, { owner: "ada", caption: "a b" });
    assert.equal(got.ChecksumCRC32, put.ChecksumCRC32);

    await events.until(isCreationOf("copies/a.jpg"));
    const event = events.records.find(isCreationOf("copies/a.jpg"))!;
    assert.equal(event.eventName, "ObjectCreated:Copy");
    assert.equal(event.s3.object.size, body.length);
    assert.equal(event.s3.object.eTag, put.ETag!.replaceAll('"', ""));
  });

  it("takes content type and metadata from the request with REPLACE, keeping none of the source's", async () => {
    await f.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "originals/b.txt",
        Body: "bee",
        ContentType: "text/plain",
        ContentDisposition: "attachment",
        Metadata: { owner: "ada" },
      }),
    );
    await copy({
      Key: "copies/b.txt",
      CopySource: source("originals/b.txt"),
      MetadataDirective: "REPLACE",
      ContentType: "text/markdown",
      Metadata: { reviewer: "grace" },
    });
    const { out, bytes } = await read("copies/b.txt");
    assert.equal(bytes.toString(), "bee");
    assert.equal(out.ContentType, "text/markdown");
    assert.equal(out.ContentDisposition, undefined);
    assert.deepEqual(out.Metadata, { reviewer: "grace" });
  });

  it("leaves the copy intact when the source is replaced or deleted afterwards", async () => {
    const original = randomBytes(70_000);
    const blobs = () => new Set(listFiles(join(f.dataDir, "blobs")));
    const added = (since: Set<string>) => [...blobs()].filter((name) => !since.has(name));
    const atStart = blobs();
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "originals/c.bin", Body: original }));
    const [sourceBlob] = added(atStart);
    const afterSource = blobs();
    await copy({ Key: "copies/c.bin", CopySource: source("originals/c.bin") });
    const [copyBlob] = added(afterSource);
    assert.ok(sourceBlob && copyBlob && sourceBlob !== copyBlob);

    const afterCopy = blobs();
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "originals/c.bin", Body: "replaced" }));
    const [replacementBlob] = added(afterCopy);
    await until(() => !blobs().has(sourceBlob));
    assert.ok((await read("copies/c.bin")).bytes.equals(original));

    await f.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "originals/c.bin" }));
    await until(() => replacementBlob !== undefined && !blobs().has(replacementBlob));
    assert.ok(blobs().has(copyBlob));
    assert.ok((await read("copies/c.bin")).bytes.equals(original));
  });

  it("copies only when x-amz-copy-source-if-match / -if-none-match hold, else 412", async () => {
    const put = await f.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "originals/d.txt", Body: "dee" }),
    );
    const from = source("originals/d.txt");
    const mismatch = await rejection(
      copy({ Key: "copies/d1", CopySource: from, CopySourceIfMatch: '"0000"' }),
    );
    assert.equal(mismatch.name, "PreconditionFailed");
    assert.equal(mismatch.$metadata.httpStatusCode, 412);
    const unchanged = await rejection(
      copy({ Key: "copies/d1", CopySource: from, CopySourceIfNoneMatch: put.ETag }),
    );
    assert.equal(unchanged.$metadata.httpStatusCode, 412);
    assert.equal(await status(head("copies/d1")), 404, "a refused copy writes nothing");

    await copy({
      Key: "copies/d1",
      CopySource: from,
      CopySourceIfMatch: put.ETag,
      CopySourceIfNoneMatch: '"0000"',
    });
    assert.equal((await read("copies/d1")).bytes.toString(), "dee");
  });

  it("is create-only with If-None-Match: * on the destination, as a PUT", async () => {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "originals/e.txt", Body: "new" }));
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "copies/e.txt", Body: "existing" }));
    const refused = await rejection(
      copy({ Key: "copies/e.txt", CopySource: source("originals/e.txt"), IfNoneMatch: "*" }),
    );
    assert.equal(refused.name, "PreconditionFailed");
    assert.equal((await read("copies/e.txt")).bytes.toString(), "existing");

    await copy({ Key: "copies/e-fresh.txt", CopySource: source("originals/e.txt"), IfNoneMatch: "*" });
    assert.equal((await read("copies/e-fresh.txt")).bytes.toString(), "new");
  });

  it("gives a copy of a multipart object the MD5 of its bytes as ETag and a full-object checksum", async () => {
    const body = randomBytes(50_000);
    const { UploadId } = await f.client.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: "originals/mp.bin",
        ChecksumAlgorithm: "CRC32",
      }),
    );
    const part = await f.client.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: "originals/mp.bin",
        UploadId,
        PartNumber: 1,
        Body: body,
        ChecksumAlgorithm: "CRC32",
      }),
    );
    const completed = await f.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: "originals/mp.bin",
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32 }] },
      }),
    );
    assert.match(completed.ETag ?? "", /-1"$/);

    const out = await copy({ Key: "copies/mp.bin", CopySource: source("originals/mp.bin") });
    assert.equal(out.CopyObjectResult?.ETag, md5Etag(body));
    const { out: got, bytes } = await read("copies/mp.bin");
    assert.ok(bytes.equals(body));
    assert.equal(got.PartsCount, undefined);
    assert.equal(got.ChecksumCRC32, part.ChecksumCRC32, "one part: the full-object CRC32 is the part's");
    assert.equal(got.ChecksumType, "FULL_OBJECT");
  });

  it("copies between buckets from a URL-encoded source key with spaces, non-ASCII and '?'", async () => {
    const key = "originals/my photo ü?.jpg";
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: "odd" }));
    await copy({ Bucket: ARCHIVE, Key: "kept/odd copy.jpg", CopySource: `/${source(key)}` });
    assert.equal((await read("kept/odd copy.jpg", ARCHIVE)).bytes.toString(), "odd");
  });

  it("refuses a missing source bucket or key, a version id, and a copy onto itself that changes nothing", async () => {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "originals/f.txt", Body: "eff" }));
    const cases: [CopyObjectCommandInput, string][] = [
      [{ Bucket: BUCKET, Key: "copies/f", CopySource: source("originals/f.txt", "nowhere") }, "NoSuchBucket"],
      [{ Bucket: BUCKET, Key: "copies/f", CopySource: source("originals/absent.txt") }, "NoSuchKey"],
      [
        { Bucket: BUCKET, Key: "copies/f", CopySource: `${source("originals/f.txt")}?versionId=abc` },
        "NotImplemented",
      ],
      [{ Bucket: BUCKET, Key: "originals/f.txt", CopySource: source("originals/f.txt") }, "InvalidRequest"],
      [
        {
          Bucket: BUCKET,
          Key: "copies/f",
          CopySource: source("originals/f.txt"),
          MetadataDirective: "MERGE" as "COPY",
        },
        "InvalidArgument",
      ],
    ];
    for (const [input, code] of cases) {
      const error = await rejection(f.client.send(new CopyObjectCommand(input)));
      assert.equal(error.name, code, JSON.stringify(input));
    }
    assert.equal(await status(head("copies/f")), 404);

    await copy({
      Key: "originals/f.txt",
      CopySource: source("originals/f.txt"),
      MetadataDirective: "REPLACE",
      Metadata: { reviewed: "yes" },
    });
    const { out, bytes } = await read("originals/f.txt");
    assert.equal(bytes.toString(), "eff");
    assert.deepEqual(out.Metadata, { reviewed: "yes" });
  });

  it("refuses a copy source that names no key or is not valid percent-encoding (raw HTTP)", async () => {
    for (const copySource of [BUCKET, `${BUCKET}/`, `/${BUCKET}/bad%E0%A4%A`, "/"]) {
      const response = await rawRequest(f.store.endpoint, {
        method: "PUT",
        path: `/${BUCKET}/copies/raw`,
        headers: { "x-amz-copy-source": copySource },
      });
      assert.equal(response.status, 400, copySource);
      assert.equal(errorCode(response.body), "InvalidArgument", copySource);
    }
  });
});

/** Waits (without asserting on time) for the store's after-response blob removal to happen. */
async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(condition(), "condition never held");
}

function head(key: string) {
  return f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
}

async function status(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return 200;
  } catch (error) {
    assert.ok(error instanceof S3ServiceException);
    return error.$metadata.httpStatusCode;
  }
}
