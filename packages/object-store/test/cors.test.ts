import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { rawRequest } from "./support/raw-request.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

const APP = "https://app.example.com";
let f: StoreFixture;
let presigner: S3Client;
before(async () => {
  f = await startFixture({
    buckets: [
      {
        name: BUCKET,
        cors: [
          {
            allowedOrigins: [APP, "https://*.preview.example.com"],
            allowedMethods: ["PUT", "POST", "GET"],
            allowedHeaders: ["content-type", "x-amz-*"],
            exposeHeaders: ["ETag"],
            maxAgeSeconds: 600,
          },
        ],
      },
      { name: "no-cors" },
    ],
  });
  presigner = f.makeClient({ requestChecksumCalculation: "WHEN_REQUIRED" });
});
after(() => f.close());

function preflight(bucket: string, origin: string, method: string, headers?: string) {
  return rawRequest(f.store.endpoint, {
    method: "OPTIONS",
    path: `/${bucket}/some/key.jpg`,
    sign: false,
    headers: {
      origin,
      "access-control-request-method": method,
      ...(headers ? { "access-control-request-headers": headers } : {}),
    },
  });
}

describe("CORS", () => {
  it("answers an allowed preflight with the origin echoed, methods, headers, max-age and Vary", async () => {
    const response = await preflight(BUCKET, APP, "PUT", "Content-Type, x-amz-meta-title");
    assert.equal(response.status, 200);
    assert.equal(response.headers["access-control-allow-origin"], APP);
    assert.match(String(response.headers["access-control-allow-methods"]), /PUT/);
    assert.equal(response.headers["access-control-allow-headers"], "content-type, x-amz-meta-title");
    assert.equal(response.headers["access-control-max-age"], "600");
    assert.equal(response.headers["access-control-expose-headers"], "ETag");
    assert.match(String(response.headers.vary), /Origin/);
  });

  it("matches wildcard origins", async () => {
    const response = await preflight(BUCKET, "https://pr-7.preview.example.com", "POST");
    assert.equal(response.status, 200);
    assert.equal(response.headers["access-control-allow-origin"], "https://pr-7.preview.example.com");
  });

  it("refuses a preflight from an unknown origin, for a method or a header no rule allows", async () => {
    for (const response of [
      await preflight(BUCKET, "https://evil.example.com", "PUT"),
      await preflight(BUCKET, APP, "DELETE"),
      await preflight(BUCKET, APP, "PUT", "authorization"),
    ]) {
      assert.equal(response.status, 403);
      assert.match(response.body, /<Code>CORSResponse<\/Code>/);
      assert.equal(response.headers["access-control-allow-origin"], undefined);
    }
  });

  it("answers an OPTIONS without Origin or requested method with 400 BadRequest, as S3 does", async () => {
    const withoutOrigin = await rawRequest(f.store.endpoint, {
      method: "OPTIONS",
      path: `/${BUCKET}/some/key.jpg`,
      sign: false,
    });
    assert.equal(withoutOrigin.status, 400);
    assert.match(withoutOrigin.body, /<Code>BadRequest<\/Code>/);
    const withoutMethod = await rawRequest(f.store.endpoint, {
      method: "OPTIONS",
      path: `/${BUCKET}/some/key.jpg`,
      sign: false,
      headers: { origin: APP },
    });
    assert.equal(withoutMethod.status, 400);
    assert.match(withoutMethod.body, /<Code>BadRequest<\/Code>/);
  });

  it("refuses preflights on a bucket without CORS rules", async () => {
    const response = await preflight("no-cors", APP, "PUT");
    assert.equal(response.status, 403);
    assert.match(response.body, /CORS is not enabled/);
  });

  it("adds CORS headers to actual responses, errors included, when the origin is allowed", async () => {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "cors.txt", Body: "x" }));
    const url = await getSignedUrl(presigner, new PutObjectCommand({ Bucket: BUCKET, Key: "cors.txt" }), {
      expiresIn: 60,
    });
    const ok = await fetch(url, { method: "PUT", body: "y", headers: { origin: APP } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("access-control-allow-origin"), APP);
    assert.equal(ok.headers.get("access-control-expose-headers"), "ETag");

    const denied = await fetch(`${url}0`, { method: "PUT", body: "y", headers: { origin: APP } });
    assert.equal(denied.status, 403);
    assert.equal(denied.headers.get("access-control-allow-origin"), APP, "a browser can read the error");

    const foreign = await fetch(url, {
      method: "PUT",
      body: "y",
      headers: { origin: "https://evil.example.com" },
    });
    assert.equal(foreign.headers.get("access-control-allow-origin"), null);
  });

  it("adds CORS headers to browser POST upload responses", async () => {
    const post = await createPresignedPost(presigner, { Bucket: BUCKET, Key: "cors-post.txt" });
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append("file", new Blob(["z"]), "z.txt");
    const response = await fetch(post.url, { method: "POST", body: form, headers: { origin: APP } });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), APP);
  });
});
