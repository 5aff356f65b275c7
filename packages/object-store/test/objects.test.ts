import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3ServiceException,
} from "@aws-sdk/client-s3";
import { errorCode, rawRequest } from "./support/raw-request.js";
import { rejection } from "./support/s3-rejection.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

async function read(key: string, extra: Partial<ConstructorParameters<typeof GetObjectCommand>[0]> = {}) {
  const out = await f.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, ...extra }));
  return { out, bytes: Buffer.from(await out.Body!.transformToByteArray()) };
}

describe("object round trips through the AWS SDK", () => {
  it("stores a Buffer body byte-exact with an MD5 ETag and the SDK's CRC32", async () => {
    const body = randomBytes(300_000);
    const put = await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "buf.bin", Body: body }));
    assert.equal(put.ETag, `"${createHash("md5").update(body).digest("hex")}"`);
    const { bytes } = await read("buf.bin");
    assert.ok(bytes.equals(body));
  });

  it("decodes a streamed (aws-chunked, CRC32 trailer) body so the object holds exactly the bytes sent", async () => {
    const chunks = [randomBytes(70_000), randomBytes(1), randomBytes(200_000)];
    const whole = Buffer.concat(chunks);
    await f.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "stream.bin",
        Body: Readable.from(chunks),
        ContentLength: whole.length,
      }),
    );
    const { out, bytes } = await read("stream.bin", { ChecksumMode: "ENABLED" });
    assert.equal(bytes.length, whole.length);
    assert.ok(bytes.equals(whole));
    assert.ok(out.ChecksumCRC32, "the trailer checksum is stored and returned with checksum mode");
  });

  it("serves a byte range with 206 and Content-Range", async () => {
    const body = Buffer.from("0123456789abcdef");
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "range.txt", Body: body }));
    const { out, bytes } = await read("range.txt", { Range: "bytes=4-9" });
    assert.equal(bytes.toString(), "456789");
    assert.equal(out.ContentRange, "bytes 4-9/16");
    const suffix = await read("range.txt", { Range: "bytes=-3" });
    assert.equal(suffix.bytes.toString(), "def");
    const error = await rejection(read("range.txt", { Range: "bytes=16-" }));
    assert.equal(error.name, "InvalidRange");
  });

  it("round-trips non-ASCII metadata sent RFC 2047-encoded (the form S3 returns it in)", async () => {
    await f.client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: "meta.txt",
        Body: "x",
        ContentType: "text/plain; charset=utf-8",
        CacheControl: "max-age=60",
        ContentDisposition: 'attachment; filename="a.txt"',
        Metadata: { plain: "hello", accented: `=?UTF-8?B?${Buffer.from("café ☕").toString("base64")}?=` },
      }),
    );
    const head = await f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "meta.txt" }));
    assert.equal(head.ContentType, "text/plain; charset=utf-8");
    assert.equal(head.CacheControl, "max-age=60");
    assert.equal(head.ContentDisposition, 'attachment; filename="a.txt"');
    assert.equal(head.Metadata?.plain, "hello");
    assert.equal(head.Metadata?.accented, `=?UTF-8?B?${Buffer.from("café ☕").toString("base64")}?=`);
    assert.equal(head.ContentLength, 1);
  });

  it("deletes an object: a later GET is NoSuchKey, and deleting again is still 204", async () => {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "gone.txt", Body: "x" }));
    await f.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "gone.txt" }));
    assert.equal((await rejection(read("gone.txt"))).name, "NoSuchKey");
    const again = await f.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "gone.txt" }));
    assert.equal(again.$metadata.httpStatusCode, 204);
  });
});

describe("listing", () => {
  before(async () => {
    for (const key of [
      "list/a.txt",
      "list/b/1.txt",
      "list/b/2.txt",
      "list/c.txt",
      "list/d/x.txt",
      "other.txt",
    ]) {
      await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
  });

  it("lists keys under a prefix, rolling deeper keys into common prefixes with a delimiter", async () => {
    const out = await f.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "list/", Delimiter: "/" }),
    );
    assert.deepEqual(
      out.Contents?.map((c) => c.Key),
      ["list/a.txt", "list/c.txt"],
    );
    assert.deepEqual(
      out.CommonPrefixes?.map((p) => p.Prefix),
      ["list/b/", "list/d/"],
    );
    assert.equal(out.KeyCount, 4);
    assert.equal(out.Contents?.[0]?.Size, "list/a.txt".length);
  });

  it("pages with max-keys and continuation tokens without skipping or repeating entries", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await f.client.send(
        new ListObjectsV2Command({
          Bucket: BUCKET,
          Prefix: "list/",
          Delimiter: "/",
          MaxKeys: 1,
          ContinuationToken: token,
        }),
      );
      seen.push(
        ...(out.Contents ?? []).map((c) => c.Key!),
        ...(out.CommonPrefixes ?? []).map((p) => p.Prefix!),
      );
      token = out.NextContinuationToken;
      pages++;
      assert.equal(out.IsTruncated, token !== undefined);
    } while (token);
    assert.deepEqual(seen, ["list/a.txt", "list/b/", "list/c.txt", "list/d/"]);
    assert.equal(pages, 4);
  });

  it("starts after a given key", async () => {
    const out = await f.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "list/", StartAfter: "list/b/1.txt" }),
    );
    assert.deepEqual(
      out.Contents?.map((c) => c.Key),
      ["list/b/2.txt", "list/c.txt", "list/d/x.txt"],
    );
  });
});

describe("conditional requests", () => {
  it("makes a PUT with If-None-Match: * create-only (412 when the key exists)", async () => {
    await f.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "once.txt", Body: "1", IfNoneMatch: "*" }),
    );
    const error = await rejection(
      f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once.txt", Body: "2", IfNoneMatch: "*" })),
    );
    assert.equal(error.$metadata.httpStatusCode, 412);
    assert.equal((await read("once.txt")).bytes.toString(), "1");
  });

  it("lets exactly one of two concurrent create-only writers to one key win", async () => {
    const bodies = [randomBytes(3_000_000), randomBytes(3_000_000)];
    const results = await Promise.allSettled(
      bodies.map((Body) =>
        f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "race.bin", Body, IfNoneMatch: "*" })),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.equal((lost[0]!.reason as S3ServiceException).$metadata.httpStatusCode, 412);
    const winner = bodies[results.indexOf(won[0]!)]!;
    assert.ok((await read("race.bin")).bytes.equals(winner));
  });

  it("answers GET If-None-Match with the current ETag 304 and If-Match with another ETag 412", async () => {
    const put = await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "cond.txt", Body: "c" }));
    const notModified = await rejection(read("cond.txt", { IfNoneMatch: put.ETag }));
    assert.equal(notModified.$metadata.httpStatusCode, 304);
    const failed = await rejection(read("cond.txt", { IfMatch: '"0000"' }));
    assert.equal(failed.$metadata.httpStatusCode, 412);
    assert.equal((await read("cond.txt", { IfMatch: put.ETag })).bytes.toString(), "c");
  });
});

describe("integrity checks", () => {
  it("refuses a body whose x-amz-checksum-crc32 does not match (BadDigest) and stores nothing", async () => {
    const error = await rejection(
      f.client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: "bad-crc.txt",
          Body: "hello",
          ChecksumCRC32: "AAAAAA==",
        }),
      ),
    );
    assert.equal(error.name, "BadDigest");
    assert.equal((await rejection(read("bad-crc.txt"))).name, "NoSuchKey");
  });

  it("refuses a body whose Content-MD5 does not match (BadDigest)", async () => {
    const error = await rejection(
      f.client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: "bad-md5.txt",
          Body: "hello",
          ContentMD5: createHash("md5").update("other").digest("base64"),
        }),
      ),
    );
    assert.equal(error.name, "BadDigest");
  });

  it("refuses a signed body whose bytes differ from x-amz-content-sha256 and stores nothing", async () => {
    const response = await rawRequest(f.store.endpoint, {
      method: "PUT",
      path: `/${BUCKET}/sha-mismatch.txt`,
      body: "hello",
      contentSha256: createHash("sha256").update("other").digest("hex"),
    });
    assert.equal(response.status, 400);
    assert.equal(errorCode(response.body), "XAmzContentSHA256Mismatch");
    assert.equal((await rejection(read("sha-mismatch.txt"))).name, "NoSuchKey");
  });
});

describe("S3 errors", () => {
  it("answers an unknown bucket with NoSuchBucket XML, a request id and the resource", async () => {
    const response = await rawRequest(f.store.endpoint, { method: "GET", path: "/nope/key" });
    assert.equal(response.status, 404);
    assert.equal(errorCode(response.body), "NoSuchBucket");
    assert.match(response.body, /<Resource>\/nope\/key<\/Resource>/);
    assert.match(response.body, new RegExp(`<RequestId>${response.headers["x-amz-request-id"]}</RequestId>`));
  });

  it("refuses anonymous requests with AccessDenied", async () => {
    const response = await rawRequest(f.store.endpoint, {
      method: "GET",
      path: `/${BUCKET}/buf.bin`,
      sign: false,
    });
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "AccessDenied");
  });

  it("refuses a request signed with the wrong secret with SignatureDoesNotMatch", async () => {
    const response = await rawRequest(f.store.endpoint, {
      method: "GET",
      path: `/${BUCKET}/buf.bin`,
      secretAccessKey: "not-the-secret",
    });
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
  });

  it("sends HEAD errors without a body", async () => {
    const response = await rawRequest(f.store.endpoint, { method: "HEAD", path: `/${BUCKET}/missing` });
    assert.equal(response.status, 404);
    assert.equal(response.body, "");
    assert.ok(response.headers["x-amz-request-id"]);
  });

  it("answers operations it does not implement with NotImplemented", async () => {
    const response = await rawRequest(f.store.endpoint, {
      method: "GET",
      path: `/${BUCKET}/buf.bin`,
      query: { tagging: "" },
    });
    assert.equal(response.status, 501);
    assert.equal(errorCode(response.body), "NotImplemented");
  });

  it("refuses keys longer than 1024 bytes with KeyTooLongError", async () => {
    const error = await rejection(
      f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "é".repeat(513), Body: "x" })),
    );
    assert.equal(error.name, "KeyTooLongError");
  });
});
