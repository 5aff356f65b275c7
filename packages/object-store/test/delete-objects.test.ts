import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { crc32 } from "node:zlib";
import {
  DeleteObjectsCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { eventCollector, isCreationOf } from "./support/event-collector.js";
import { errorCode, rawRequest } from "./support/raw-request.js";
import { rejection } from "./support/s3-rejection.js";
import { BUCKET, listFiles, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
const events = eventCollector();
before(async () => {
  f = await startFixture({
    buckets: [
      {
        name: BUCKET,
        notifications: [
          { id: "created", events: ["s3:ObjectCreated:*"] },
          { id: "removed", events: ["s3:ObjectRemoved:*"] },
        ],
      },
    ],
  });
  f.store.subscribe(events.subscriber);
});
after(() => f.close());

async function put(key: string, body = `body of ${key}`): Promise<void> {
  await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

async function exists(key: string): Promise<boolean> {
  try {
    await f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (error) {
    assert.ok(error instanceof S3ServiceException);
    assert.equal(error.$metadata.httpStatusCode, 404);
    return false;
  }
}

/** Writes a marker and waits for its event: every event journaled before it has been delivered by then. */
async function drainEvents(): Promise<void> {
  const marker = `markers/${Math.random().toString(36).slice(2)}`;
  await put(marker);
  await events.until(isCreationOf(marker));
}

function removalsOf(prefix: string): string[] {
  return events.records
    .filter((r) => r.eventName === "ObjectRemoved:Delete")
    .map((r) => decodeURIComponent(r.s3.object.key.replaceAll("+", " ")))
    .filter((key) => key.startsWith(prefix));
}

/** Sends a DeleteObjects document over raw HTTP, SigV4-signed, with the given integrity headers. */
function rawDelete(body: string, headers: Record<string, string>, extra: { contentSha256?: string } = {}) {
  return rawRequest(f.store.endpoint, {
    method: "POST",
    path: `/${BUCKET}`,
    query: { delete: "" },
    headers: { "content-type": "application/xml", ...headers },
    body,
    ...extra,
  });
}

const md5Base64 = (body: string) => createHash("md5").update(body).digest("base64");
function crc32Base64(body: string): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(Buffer.from(body)) >>> 0);
  return out.toString("base64");
}
const deleteDocument = (...keys: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${keys
    .map((k) => `<Object><Key>${k}</Key></Object>`)
    .join("")}</Delete>`;

describe("DeleteObjects", () => {
  it("deletes every listed key, counts a missing key as deleted and journals one ObjectRemoved:Delete per object removed", async () => {
    await put("batch/a.jpg");
    await put("batch/b.jpg");
    await put("batch/kept.jpg");
    const blobsBefore = listFiles(join(f.dataDir, "blobs")).length;

    const out = await f.client.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Objects: [{ Key: "batch/a.jpg" }, { Key: "batch/missing.jpg" }, { Key: "batch/b.jpg" }] },
      }),
    );
    assert.deepEqual(
      out.Deleted?.map((d) => d.Key),
      ["batch/a.jpg", "batch/missing.jpg", "batch/b.jpg"],
    );
    assert.equal(out.Errors, undefined);
    assert.equal(await exists("batch/a.jpg"), false);
    assert.equal(await exists("batch/b.jpg"), false);
    assert.equal(await exists("batch/kept.jpg"), true);

    await drainEvents();
    assert.deepEqual(removalsOf("batch/"), ["batch/a.jpg", "batch/b.jpg"], "no event for the missing key");
    const removals = events.records.filter((r) => r.eventName === "ObjectRemoved:Delete");
    assert.ok(removals.every((r) => r.s3.configurationId === "removed" && r.s3.object.size === undefined));
    // The removed objects' blobs go once the response is out; the marker added one.
    assert.equal(listFiles(join(f.dataDir, "blobs")).length, blobsBefore - 2 + 1);
  });

  it("answers only errors in quiet mode and still deletes the other keys", async () => {
    await put("quiet/a.txt");
    await put("quiet/versioned.txt");
    const tooLong = `quiet/${"k".repeat(1100)}`;
    const out = await f.client.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: {
          Quiet: true,
          Objects: [
            { Key: "quiet/a.txt" },
            { Key: tooLong },
            { Key: "quiet/versioned.txt", VersionId: "v1" },
          ],
        },
      }),
    );
    assert.equal(out.Deleted, undefined);
    assert.deepEqual(
      out.Errors?.map((e) => [e.Key, e.Code]),
      [
        [tooLong, "KeyTooLongError"],
        ["quiet/versioned.txt", "NotImplemented"],
      ],
    );
    assert.equal(await exists("quiet/a.txt"), false);
    assert.equal(await exists("quiet/versioned.txt"), true, "an entry reported as an error is left alone");
  });

  it("deletes keys with XML-special, non-ASCII and surrounding-space characters exactly as named", async () => {
    const odd = [
      "odd/a & b <c> \"q\" 'x'.txt",
      "odd/ü 写真.jpg",
      "odd/ spaced ",
      "odd/line\nbreak",
      "odd/carriage\r\nreturn",
    ];
    for (const key of [...odd, "odd/spaced"]) await put(key);
    const out = await f.client.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: odd.map((Key) => ({ Key })) } }),
    );
    assert.deepEqual(out.Deleted?.map((d) => d.Key).sort(), [...odd].sort());
    for (const key of odd) assert.equal(await exists(key), false, key);
    assert.equal(await exists("odd/spaced"), true, "the key without spaces is another object");
  });

  it("refuses more than 1,000 keys as MalformedXML and deletes none of them", async () => {
    await put("many/0");
    const objects = Array.from({ length: 1001 }, (_, i) => ({ Key: `many/${i}` }));
    const error = await rejection(
      f.client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: objects } })),
    );
    assert.equal(error.name, "MalformedXML");
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(await exists("many/0"), true);
  });

  it("refuses documents that are not well-formed or not a Delete as MalformedXML", async () => {
    await put("malformed/a");
    const documents = [
      "<Delete><Object><Key>malformed/a</Key></Delete>",
      "<Delete><Object><Key>malformed/a</Key></Object>",
      "<Delete><Object><Key>malformed/a & b</Key></Object></Delete>",
      "<Delete><Object><Key>malformed/a&#0;</Key></Object></Delete>",
      '<!DOCTYPE d [<!ENTITY k "malformed/a">]><Delete><Object><Key>&k;</Key></Object></Delete>',
      "<Delete><Object><Key>malformed/a</Key></Object></Delete><Delete/>",
      "<Remove><Object><Key>malformed/a</Key></Object></Remove>",
      "<Delete><Object><Name>malformed/a</Name></Object></Delete>",
      "<Delete><Quiet>yes</Quiet><Object><Key>malformed/a</Key></Object></Delete>",
      "<Delete></Delete>",
      "",
    ];
    for (const body of documents) {
      const response = await rawDelete(body, { "content-md5": md5Base64(body) });
      assert.equal(response.status, 400, body);
      assert.equal(errorCode(response.body), "MalformedXML", body);
    }
    assert.equal(await exists("malformed/a"), true);
  });

  it("refuses a list whose checksum or Content-MD5 does not match with BadDigest and deletes nothing", async () => {
    await put("tampered/a");
    await put("tampered/b");
    const signedFor = deleteDocument("tampered/a");
    const sent = deleteDocument("tampered/b");
    // UNSIGNED-PAYLOAD: the signature does not cover the body, so only the checksum can catch the change.
    const viaCrc = await rawDelete(
      sent,
      { "x-amz-checksum-crc32": crc32Base64(signedFor), "x-amz-sdk-checksum-algorithm": "CRC32" },
      { contentSha256: "UNSIGNED-PAYLOAD" },
    );
    assert.equal(viaCrc.status, 400);
    assert.equal(errorCode(viaCrc.body), "BadDigest");
    const viaMd5 = await rawDelete(
      sent,
      { "content-md5": md5Base64(signedFor) },
      { contentSha256: "UNSIGNED-PAYLOAD" },
    );
    assert.equal(viaMd5.status, 400);
    assert.equal(errorCode(viaMd5.body), "BadDigest");
    assert.equal(await exists("tampered/a"), true);
    assert.equal(await exists("tampered/b"), true);

    const intact = await rawDelete(
      sent,
      { "content-md5": md5Base64(sent) },
      { contentSha256: "UNSIGNED-PAYLOAD" },
    );
    assert.equal(intact.status, 200, intact.body);
    assert.equal(await exists("tampered/b"), false);
  });

  it("requires Content-MD5 or an x-amz-checksum-* header, as S3 does", async () => {
    await put("unchecked/a");
    const response = await rawDelete(deleteDocument("unchecked/a"), {});
    assert.equal(response.status, 400);
    assert.equal(errorCode(response.body), "InvalidRequest");
    assert.equal(await exists("unchecked/a"), true);
  });

  it("refuses a request signed with the wrong secret", async () => {
    await put("forged/a");
    const body = deleteDocument("forged/a");
    const response = await rawRequest(f.store.endpoint, {
      method: "POST",
      path: `/${BUCKET}`,
      query: { delete: "" },
      headers: { "content-md5": md5Base64(body) },
      body,
      secretAccessKey: "not-the-secret",
    });
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
    assert.equal(await exists("forged/a"), true);
  });

  it("refuses a document larger than its cap as MalformedXML without reading it all", async () => {
    const body = `<Delete><Object><Key>big</Key></Object>${" ".repeat(5 * 1024 * 1024)}</Delete>`;
    const response = await rawDelete(body, { "content-md5": md5Base64(body) });
    assert.equal(response.status, 400);
    assert.equal(errorCode(response.body), "MalformedXML");
  });
});
