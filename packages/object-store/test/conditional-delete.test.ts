import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { rejection } from "./support/s3-rejection.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

describe("conditional DeleteObject (s3-tests test_delete_object_if_match*)", () => {
  const cases: [string, Partial<ConstructorParameters<typeof DeleteObjectCommand>[0]>][] = [
    ["If-Match", { IfMatch: '"not-its-etag"' }],
    ["x-amz-if-match-last-modified-time", { IfMatchLastModifiedTime: new Date("2015-01-01T00:00:00Z") }],
    ["x-amz-if-match-size", { IfMatchSize: 9999 }],
  ];
  for (const [header, condition] of cases) {
    it(`is refused with NotImplemented and keeps the object (${header})`, async () => {
      const key = `keep-${header}`;
      await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: "kept" }));
      const error = await rejection(
        f.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key, ...condition })),
      );
      assert.equal(error.name, "NotImplemented");
      assert.equal(error.$metadata.httpStatusCode, 501);
      const head = await f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      assert.equal(head.ContentLength, 4);
    });
  }
});
