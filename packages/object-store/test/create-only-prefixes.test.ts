import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { errorCode } from "./support/raw-request.js";
import { rejection } from "./support/s3-rejection.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
let presigner: S3Client;
before(async () => {
  f = await startFixture({ buckets: [{ name: BUCKET, createOnlyPrefixes: ["once/"] }] });
  presigner = f.makeClient({ requestChecksumCalculation: "WHEN_REQUIRED" });
});
after(() => f.close());

async function read(key: string): Promise<Buffer> {
  const out = await f.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

async function postForm(post: { url: string; fields: Record<string, string> }, file: Buffer) {
  const form = new FormData();
  for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
  form.append("file", new Blob([file]), "photo.jpg");
  const response = await fetch(post.url, { method: "POST", body: form });
  return { status: response.status, body: await response.text() };
}

describe("create-only prefixes", () => {
  it("refuses a replayed POST form to a key under the prefix with 412 and keeps the first bytes", async () => {
    const post = await createPresignedPost(presigner, {
      Bucket: BUCKET,
      Key: "once/posted.jpg",
      Conditions: [["content-length-range", 1, 1_000_000]],
    });
    const first = randomBytes(2_000);
    assert.equal((await postForm(post, first)).status, 204);

    const replay = await postForm(post, Buffer.from("500 bytes of text"));
    assert.equal(replay.status, 412, replay.body);
    assert.equal(errorCode(replay.body), "PreconditionFailed");
    assert.ok((await read("once/posted.jpg")).equals(first));
  });

  it("refuses a PUT over an existing key under the prefix even without If-None-Match", async () => {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once/put.txt", Body: "first" }));
    const error = await rejection(
      f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once/put.txt", Body: "second" })),
    );
    assert.equal(error.$metadata.httpStatusCode, 412);
    assert.equal((await read("once/put.txt")).toString(), "first");
  });

  it("refuses a copy onto an existing key under the prefix", async () => {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once/target.txt", Body: "kept" }));
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "elsewhere/src.txt", Body: "copied" }));
    const error = await rejection(
      f.client.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: "once/target.txt",
          CopySource: `${BUCKET}/elsewhere/src.txt`,
        }),
      ),
    );
    assert.equal(error.$metadata.httpStatusCode, 412);
    assert.equal((await read("once/target.txt")).toString(), "kept");
  });

  it("lets a deleted key be written again, and leaves keys outside the prefix overwritable", async () => {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once/again.txt", Body: "1" }));
    await f.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "once/again.txt" }));
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "once/again.txt", Body: "2" }));
    assert.equal((await read("once/again.txt")).toString(), "2");

    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "free/x.txt", Body: "1" }));
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "free/x.txt", Body: "2" }));
    assert.equal((await read("free/x.txt")).toString(), "2");
  });
});
