import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { errorCode, type RawResponse, readRawResponse, requestHeaders } from "./support/raw-request.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

/**
 * A PUT as botocore (boto3, aws-cli) sends it: the metadata value goes on the wire as UTF-8 bytes and the
 * signature covers those bytes. node:http writes header strings as latin1, so the UTF-8 bytes are passed
 * as one latin1 character each. `sentValue` lets a test put other bytes on the wire than were signed.
 */
async function putWithUtf8Metadata(
  key: string,
  signedValue: string,
  sentValue = signedValue,
): Promise<RawResponse> {
  const url = new URL(f.store.endpoint);
  const path = `/${BUCKET}/${key}`;
  const headers = await requestHeaders(f.store.endpoint, {
    method: "PUT",
    path,
    headers: { "x-amz-meta-greeting": signedValue },
    body: "bar",
  });
  headers["x-amz-meta-greeting"] = Buffer.from(sentValue, "utf8").toString("latin1");
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: Number(url.port), method: "PUT", path, headers },
      (res) => readRawResponse(res).then(resolve, reject),
    );
    req.on("error", reject);
    // A Buffer body: with a string body, node:http writes the header block in the body's encoding (UTF-8).
    req.end(Buffer.from("bar"));
  });
}

describe("non-ASCII header values, sent as UTF-8 (s3-tests test_object_set_get_unicode_metadata)", () => {
  it("accepts a signature over the UTF-8 bytes and stores the text they spell", async () => {
    const res = await putWithUtf8Metadata("unicode-meta", "Hello World\u00e9");
    assert.equal(res.status, 200, res.body);
    const head = await f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "unicode-meta" }));
    // S3 returns non-ASCII metadata as an RFC 2047 encoded word of the UTF-8 text.
    const encoded = `=?UTF-8?B?${Buffer.from("Hello World\u00e9", "utf8").toString("base64")}?=`;
    assert.equal(head.Metadata?.greeting, encoded);
  });

  it("still refuses bytes other than the ones signed", async () => {
    const res = await putWithUtf8Metadata("unicode-meta-tampered", "Hello World\u00e8", "Hello World\u00e9");
    assert.equal(res.status, 403);
    assert.equal(errorCode(res.body), "SignatureDoesNotMatch");
  });
});
