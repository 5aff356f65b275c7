import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, describe, it } from "node:test";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3Client,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { startObjectStore } from "../src/object-store.js";
import { type RawResponse, readRawResponse, requestHeaders } from "./support/raw-request.js";
import { clientSigningAt } from "./support/skewed-client.js";
import {
  ACCESS_KEY_ID,
  BUCKET,
  listFiles,
  SECRET_ACCESS_KEY,
  type StoreFixture,
  startFixture,
} from "./support/store-fixture.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const root = mkdtempSync(join(tmpdir(), "shoebox-s3-expiry-"));
after(() => rmSync(root, { recursive: true, force: true }));

const fixtures: StoreFixture[] = [];
afterEach(async () => {
  for (const fixture of fixtures.splice(0)) await fixture.close();
});

/**
 * A store whose clock can be moved: `at(-8)` makes it (and the client it returns) live 8 days in the past,
 * so uploads created then are 8 days old once the clock is back at `at(0)`.
 */
async function storeWithClock(
  options: { dataDir?: string; abortIncompleteMultipartAfterDays?: number } = {},
) {
  let offsetMs = 0;
  const f = await startFixture({ ...options, now: () => new Date(Date.now() + offsetMs) });
  fixtures.push(f);
  return {
    f,
    /** Moves the store's clock to `days` from now; returns a client that signs on that clock. */
    at(days: number): S3Client {
      offsetMs = days * DAY_MS;
      return days === 0 ? f.client : clientSigningAt(f, offsetMs);
    },
  };
}

async function createWithParts(client: S3Client, key: string, parts: Buffer[]) {
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
  const etags: string[] = [];
  for (const [index, Body] of parts.entries()) {
    const out = await client.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: index + 1, Body }),
    );
    etags.push(out.ETag!);
  }
  return { uploadId: UploadId!, etags };
}

function complete(client: S3Client, key: string, upload: { uploadId: string; etags: string[] }) {
  return client.send(
    new CompleteMultipartUploadCommand({
      Bucket: BUCKET,
      Key: key,
      UploadId: upload.uploadId,
      MultipartUpload: { Parts: upload.etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) },
    }),
  );
}

async function listedKeys(client: S3Client): Promise<string[]> {
  const out = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
  return (out.Uploads ?? []).map((u) => u.Key!);
}

function blobFiles(dataDir: string): number {
  return listFiles(join(dataDir, "blobs")).length;
}

async function errorName(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof S3ServiceException, `expected an S3 error, got ${String(error)}`);
  return error.name;
}

async function readObject(client: S3Client, key: string): Promise<Buffer> {
  const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

describe("expiry of abandoned multipart uploads", () => {
  it("aborts an upload initiated more than 7 days ago with its part files, and keeps a 6-day-old one", async () => {
    const { f, at } = await storeWithClock();
    const stale = await createWithParts(at(-8), "stale.bin", [randomBytes(1000), randomBytes(2000)]);
    const freshBytes = randomBytes(3000);
    const fresh = await createWithParts(at(-6), "fresh.bin", [freshBytes]);
    const client = at(0);
    assert.equal(blobFiles(f.dataDir), 3);

    assert.equal(await f.store.abortIncompleteMultipartUploads(), 1);

    assert.deepEqual(await listedKeys(client), ["fresh.bin"]);
    assert.equal(blobFiles(f.dataDir), 1, "the stale upload's two part files are deleted");
    assert.equal(
      await errorName(
        client.send(new ListPartsCommand({ Bucket: BUCKET, Key: "stale.bin", UploadId: stale.uploadId })),
      ),
      "NoSuchUpload",
    );
    assert.equal(
      await errorName(
        client.send(
          new UploadPartCommand({
            Bucket: BUCKET,
            Key: "stale.bin",
            UploadId: stale.uploadId,
            PartNumber: 3,
            Body: "late",
          }),
        ),
      ),
      "NoSuchUpload",
    );
    assert.equal(await errorName(complete(client, "stale.bin", stale)), "NoSuchUpload");
    assert.equal(blobFiles(f.dataDir), 1, "a part arriving after the sweep leaves no file behind");

    await complete(client, "fresh.bin", fresh);
    assert.ok((await readObject(client, "fresh.bin")).equals(freshBytes));
    assert.deepEqual(await listedKeys(client), []);
  });

  it("aborts every stale upload in one sweep, however many batches that takes", async () => {
    const { f, at } = await storeWithClock();
    const old = at(-10);
    const keys = Array.from({ length: 230 }, (_, i) => `many/${String(i).padStart(3, "0")}`);
    for (let i = 0; i < keys.length; i += 10) {
      await Promise.all(
        keys
          .slice(i, i + 10)
          .map((Key) => old.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }))),
      );
    }
    const client = at(0);
    await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "today.bin" }));
    assert.equal(await f.store.abortIncompleteMultipartUploads(), 230);
    assert.deepEqual(await listedKeys(client), ["today.bin"]);
  });

  it("aborts stale uploads at start, before the first request is served", async () => {
    const dataDir = join(root, "restart");
    const before = await storeWithClock({ dataDir });
    await createWithParts(before.at(-8), "left-behind.bin", [randomBytes(500)]);
    await before.f.close();
    fixtures.splice(fixtures.indexOf(before.f), 1);
    assert.equal(blobFiles(dataDir), 1);

    const after = await storeWithClock({ dataDir });
    assert.equal(blobFiles(dataDir), 0);
    assert.deepEqual(await listedKeys(after.f.client), []);
  });

  it("keeps every upload when the age is 0 (disabled) or larger than theirs", async () => {
    for (const { days, age } of [
      { days: 0, age: 400 },
      { days: 30, age: 8 },
    ]) {
      const { f, at } = await storeWithClock({
        dataDir: join(root, `keep-${days}`),
        abortIncompleteMultipartAfterDays: days,
      });
      const bytes = randomBytes(700);
      const upload = await createWithParts(at(-age), "kept.bin", [bytes]);
      const client = at(0);
      assert.equal(await f.store.abortIncompleteMultipartUploads(), 0);
      assert.deepEqual(await listedKeys(client), ["kept.bin"]);
      await complete(client, "kept.bin", upload);
      assert.ok((await readObject(client, "kept.bin")).equals(bytes));
    }
  });

  it("refuses an age that is not a whole number of days", async () => {
    await assert.rejects(
      startObjectStore({
        dataDir: join(root, "invalid"),
        port: 0,
        credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }],
        buckets: [{ name: BUCKET }],
        abortIncompleteMultipartAfterDays: 1.5,
      }),
      /whole number of days/,
    );
  });

  it("leaves a stale upload alone while it is being completed, and the completion succeeds", async () => {
    const { f, at } = await storeWithClock();
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1234)];
    const racing = await createWithParts(at(-8), "racing.bin", parts);
    const other = await createWithParts(at(-8), "other.bin", [randomBytes(10)]);
    const client = at(0);
    const body = `<CompleteMultipartUpload>${racing.etags
      .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`)
      .join("")}</CompleteMultipartUpload>`;

    let sweptMeanwhile: number | undefined;
    const response = await sendWhenContinued(
      f.store.endpoint,
      { method: "POST", path: `/${BUCKET}/racing.bin`, query: { uploadId: racing.uploadId }, body },
      async () => {
        // The server has begun CompleteMultipartUpload (it answered 100 Continue from inside the request
        // handler's first turn) and now waits for the part list: the sweep runs in between.
        sweptMeanwhile = await f.store.abortIncompleteMultipartUploads();
      },
    );

    assert.equal(sweptMeanwhile, 1, "the other stale upload was aborted by that sweep");
    assert.equal(response.status, 200, response.body);
    assert.ok((await readObject(client, "racing.bin")).equals(Buffer.concat(parts)));
    assert.deepEqual(await listedKeys(client), []);
    assert.equal(
      await errorName(
        client.send(
          new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "other.bin", UploadId: other.uploadId }),
        ),
      ),
      "NoSuchUpload",
    );
    assert.equal(blobFiles(f.dataDir), 1, "only the completed object's file remains");
  });
});

/**
 * Sends a signed request with `Expect: 100-continue`, runs `meanwhile` once the server has said
 * "100 Continue", then sends the body and resolves with the response.
 */
async function sendWhenContinued(
  endpoint: string,
  request: { method: string; path: string; query: Record<string, string>; body: string },
  meanwhile: () => Promise<void>,
): Promise<RawResponse> {
  const url = new URL(endpoint);
  const headers = await requestHeaders(endpoint, { ...request, headers: { expect: "100-continue" } });
  const path = `${request.path}?${new URLSearchParams(request.query).toString()}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: Number(url.port), method: request.method, path, headers },
      (res) => readRawResponse(res).then(resolve, reject),
    );
    req.on("error", reject);
    req.on("continue", () => {
      meanwhile().then(() => req.end(request.body), reject);
    });
    req.flushHeaders();
  });
}
