import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ListObjectsCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
before(async () => {
  f = await startFixture();
  for (const Key of ["a/1.txt", "a/2.txt", "b.txt", "c/1.txt", "c/2.txt"]) {
    await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: Key }));
  }
});
after(() => f.close());

describe("listing markers that name a common prefix", () => {
  it("pages ListObjects (v1) by NextMarker with a delimiter, each common prefix once", async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 10; page++) {
      const out = await f.client.send(
        new ListObjectsCommand({ Bucket: BUCKET, Delimiter: "/", MaxKeys: 1, Marker: marker }),
      );
      seen.push(
        ...(out.Contents ?? []).map((c) => c.Key!),
        ...(out.CommonPrefixes ?? []).map((p) => p.Prefix!),
      );
      if (!out.IsTruncated) break;
      marker = out.NextMarker;
    }
    assert.deepEqual(seen, ["a/", "b.txt", "c/"]);
  });

  it("starts ListObjectsV2 after a common prefix given as start-after", async () => {
    const out = await f.client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: "/", StartAfter: "a/" }),
    );
    assert.deepEqual(
      out.Contents?.map((c) => c.Key),
      ["b.txt"],
    );
    assert.deepEqual(
      out.CommonPrefixes?.map((p) => p.Prefix),
      ["c/"],
    );
  });
});
