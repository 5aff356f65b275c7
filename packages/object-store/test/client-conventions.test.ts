import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { rawRequest } from "./support/raw-request.js";
import { rejection } from "./support/s3-rejection.js";
import { ACCESS_KEY_ID, BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
before(async () => {
  f = await startFixture();
  await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "owned/a.txt", Body: "a" }));
});
after(() => f.close());

describe("what S3 clients expect by default", () => {
  it("lists each object's Owner in ListObjects v1, and in v2 with fetch-owner", async () => {
    const v1 = await f.client.send(new ListObjectsCommand({ Bucket: BUCKET, Prefix: "owned/" }));
    assert.deepEqual(v1.Contents?.[0]?.Owner, { ID: ACCESS_KEY_ID, DisplayName: ACCESS_KEY_ID });
    const v2 = await f.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "owned/", FetchOwner: true }),
    );
    assert.deepEqual(v2.Contents?.[0]?.Owner, { ID: ACCESS_KEY_ID, DisplayName: ACCESS_KEY_ID });
    const plain = await f.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "owned/" }));
    assert.equal(plain.Contents?.[0]?.Owner, undefined);
  });

  it("answers CreateBucket on a configured bucket with 200, as S3 does in us-east-1 for your own bucket", async () => {
    const created = await f.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    assert.equal(created.$metadata.httpStatusCode, 200);
    assert.equal(created.Location, `/${BUCKET}`);
  });

  it("refuses a public canned ACL on CreateBucket instead of ignoring it", async () => {
    const error = await rejection(
      f.client.send(new CreateBucketCommand({ Bucket: BUCKET, ACL: "public-read" })),
    );
    assert.equal(error.name, "InvalidBucketAclWithObjectOwnership");
    assert.equal(error.$metadata.httpStatusCode, 400);
  });

  it("refuses objects written with an ACL beyond the owner's, and accepts private", async () => {
    for (const ACL of ["public-read", "authenticated-read"] as const) {
      const error = await rejection(
        f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "owned/public.txt", Body: "x", ACL })),
      );
      assert.equal(error.name, "AccessControlListNotSupported");
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
    const grant = await rawRequest(f.store.endpoint, {
      method: "PUT",
      path: `/${BUCKET}/owned/granted.txt`,
      body: "x",
      headers: { "x-amz-grant-read": 'uri="http://acs.amazonaws.com/groups/global/AllUsers"' },
    });
    assert.equal(grant.status, 400);
    assert.match(grant.body, /AccessControlListNotSupported/);
    const multipart = await rejection(
      f.client.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "owned/mp.txt", ACL: "public-read" }),
      ),
    );
    assert.equal(multipart.name, "AccessControlListNotSupported");
    const missing = await rejection(
      f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "owned/public.txt" })),
    );
    assert.equal(missing.$metadata.httpStatusCode, 404);
    await f.client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: "owned/private.txt", Body: "x", ACL: "private" }),
    );
  });

  it("sends x-amz-mp-parts-count only for a request by partNumber, so not on a plain HEAD", async () => {
    const key = "owned/multipart.bin";
    const { UploadId } = await f.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const part = await f.client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: "only part" }),
    );
    await f.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    const head = await rawRequest(f.store.endpoint, { method: "HEAD", path: `/${BUCKET}/${key}` });
    assert.equal(head.status, 200);
    assert.equal(head.headers["x-amz-mp-parts-count"], undefined);
    assert.match(String(head.headers.etag), /-1"$/);
  });
});
