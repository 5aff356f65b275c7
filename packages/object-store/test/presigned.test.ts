import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { errorCode } from "./support/raw-request.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
let presigner: S3Client;
before(async () => {
  f = await startFixture();
  presigner = f.makeClient({ requestChecksumCalculation: "WHEN_REQUIRED" });
});
after(() => f.close());

const BOUND = { signableHeaders: new Set(["content-type", "content-length"]) };

function presignPut(
  key: string,
  size: number,
  options: { client?: S3Client; signingDate?: Date; metadata?: Record<string, string> } = {},
) {
  return getSignedUrl(
    options.client ?? presigner,
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      ContentType: "image/jpeg",
      ContentLength: size,
      ...(options.metadata ? { Metadata: options.metadata } : {}),
    }),
    { expiresIn: 300, ...BOUND, ...(options.signingDate ? { signingDate: options.signingDate } : {}) },
  );
}

async function put(url: string, body: Buffer, contentType = "image/jpeg") {
  const response = await fetch(url, { method: "PUT", body, headers: { "content-type": contentType } });
  return { status: response.status, body: await response.text(), etag: response.headers.get("etag") };
}

describe("presigned PUT", () => {
  it("accepts a browser-style upload with the signed content type and length", async () => {
    const body = randomBytes(50_000);
    const response = await put(await presignPut("pre/ok.jpg", body.length), body);
    assert.equal(response.status, 200, response.body);
    assert.ok(response.etag);
    const stored = await f.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "pre/ok.jpg" }));
    assert.equal(stored.ContentType, "image/jpeg");
    assert.ok(Buffer.from(await stored.Body!.transformToByteArray()).equals(body));
  });

  it("stores metadata the presigner hoisted into the query string, as Unicode", async () => {
    const body = Buffer.from("meta");
    const url = await presignPut("pre/meta.jpg", body.length, { metadata: { title: "café ☕" } });
    assert.equal((await put(url, body)).status, 200);
    const head = await f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "pre/meta.jpg" }));
    assert.equal(head.Metadata?.title, `=?UTF-8?B?${Buffer.from("café ☕").toString("base64")}?=`);
  });

  it("refuses a URL whose signature was tampered with", async () => {
    const url = new URL(await presignPut("pre/tampered.jpg", 4));
    const signature = url.searchParams.get("X-Amz-Signature")!;
    url.searchParams.set(
      "X-Amz-Signature",
      `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`,
    );
    const response = await put(url.toString(), Buffer.from("abcd"));
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
  });

  it("refuses an expired URL", async () => {
    const url = await presignPut("pre/expired.jpg", 4, { signingDate: new Date(Date.now() - 3_600_000) });
    const response = await put(url, Buffer.from("abcd"));
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "AccessDenied");
    assert.match(response.body, /expired/i);
  });

  it("refuses a URL signed with the wrong secret", async () => {
    const wrong = f.makeClient({
      requestChecksumCalculation: "WHEN_REQUIRED",
      credentials: { accessKeyId: "AKIDSHOEBOXTEST", secretAccessKey: "wrong" },
    });
    const response = await put(await presignPut("pre/wrong.jpg", 4, { client: wrong }), Buffer.from("abcd"));
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
  });

  it("refuses a URL used for another key", async () => {
    const url = new URL(await presignPut("pre/mine.jpg", 4));
    url.pathname = `/${BUCKET}/pre/someone-elses.jpg`;
    const response = await put(url.toString(), Buffer.from("abcd"));
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
  });

  it("refuses a content type other than the signed one", async () => {
    const response = await put(await presignPut("pre/type.jpg", 4), Buffer.from("abcd"), "text/html");
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
  });

  it("refuses a body larger than the signed content length and stores nothing", async () => {
    const response = await put(await presignPut("pre/big.jpg", 4), Buffer.from("abcdefgh"));
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
    const head = await f.client
      .send(new HeadObjectCommand({ Bucket: BUCKET, Key: "pre/big.jpg" }))
      .catch((e: Error) => e);
    assert.ok(head instanceof Error && head.name === "NotFound");
  });
});

describe("presigned GET", () => {
  it("serves the object to anyone holding the URL, with response-* overrides", async () => {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "pre/read.txt", Body: "readable" }));
    const url = await getSignedUrl(
      presigner,
      new GetObjectCommand({ Bucket: BUCKET, Key: "pre/read.txt", ResponseContentDisposition: "attachment" }),
      { expiresIn: 60 },
    );
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "readable");
    assert.equal(response.headers.get("content-disposition"), "attachment");
  });

  it("refuses the URL once tampered with", async () => {
    const url = new URL(
      await getSignedUrl(presigner, new GetObjectCommand({ Bucket: BUCKET, Key: "pre/read.txt" }), {
        expiresIn: 60,
      }),
    );
    url.searchParams.set("X-Amz-Expires", "600");
    const response = await fetch(url);
    assert.equal(response.status, 403);
  });
});
