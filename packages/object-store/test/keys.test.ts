import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { canonicalObjectPath, errorCode, rawRequest } from "./support/raw-request.js";
import { BUCKET, listFiles, type StoreFixture, startFixture } from "./support/store-fixture.js";

let root: string;
let f: StoreFixture;
before(async () => {
  root = mkdtempSync(join(tmpdir(), "shoebox-s3-keys-"));
  f = await startFixture({ dataDir: join(root, "data") });
});
after(async () => {
  await f.close();
  rmSync(root, { recursive: true, force: true });
});

/** Raw request paths that would escape a naive key-to-file mapping, and the key S3 makes of each. */
const HOSTILE: [path: string, key: string][] = [
  [`/${BUCKET}/../../etc/passwd`, "../../etc/passwd"],
  [`/${BUCKET}/%2e%2e%2f%2e%2e%2fescape.txt`, "../../escape.txt"],
  [`/${BUCKET}/..%2F..%2F..%2Ftmp%2Fescape2.txt`, "../../../tmp/escape2.txt"],
  [`/${BUCKET}//etc/absolute.txt`, "/etc/absolute.txt"],
  [`/${BUCKET}/..%5c..%5cwindows.txt`, "..\\..\\windows.txt"],
];

describe("object keys", () => {
  it("stores keys that look like paths as plain keys, never as files outside the data directory", async () => {
    for (const [path, key] of HOSTILE) {
      const response = await rawRequest(f.store.endpoint, {
        method: "PUT",
        path,
        signedPath: canonicalObjectPath(BUCKET, key),
        body: `body of ${path}`,
      });
      assert.equal(response.status, 200, `${path}: ${response.body}`);
    }
    const files = listFiles(root);
    for (const file of files) {
      assert.match(file, /^data\/(catalog\.sqlite(-wal|-shm)?|blobs\/[0-9a-f]{2}\/[0-9a-f]{32})$/, file);
    }
    assert.equal(files.filter((file) => file.startsWith("data/blobs/")).length, HOSTILE.length);
    const listed = await f.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    assert.deepEqual(listed.Contents?.map((c) => c.Key).sort(), HOSTILE.map(([, key]) => key).sort());
  });

  it("reads such a key back by the same path", async () => {
    const response = await rawRequest(f.store.endpoint, {
      method: "GET",
      path: `/${BUCKET}/../../etc/passwd`,
    });
    assert.equal(response.status, 200);
    assert.equal(response.body, `body of /${BUCKET}/../../etc/passwd`);
  });

  it("refuses a key containing NUL", async () => {
    const response = await rawRequest(f.store.endpoint, {
      method: "PUT",
      path: `/${BUCKET}/a%00b`,
      body: "x",
    });
    assert.equal(response.status, 400);
    assert.equal(errorCode(response.body), "InvalidArgument");
  });

  it("refuses a key that is not valid UTF-8", async () => {
    const response = await rawRequest(f.store.endpoint, {
      method: "PUT",
      path: `/${BUCKET}/bad%ff`,
      body: "x",
    });
    assert.equal(response.status, 400);
    assert.equal(errorCode(response.body), "InvalidURI");
  });
});
