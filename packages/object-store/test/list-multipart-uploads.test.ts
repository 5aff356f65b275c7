import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  type ListMultipartUploadsCommandInput,
  type ListMultipartUploadsCommandOutput,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import Database from "better-sqlite3";
import { errorCode, rawRequest } from "./support/raw-request.js";
import { ACCESS_KEY_ID, BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
// Every reading of the store's clock is a millisecond later than the one before, so uploads created one
// after another have distinct, increasing initiation times (the listing's order within a key).
let tick = 0;
before(async () => {
  f = await startFixture({ now: () => new Date(Date.now() + tick++) });
});
after(() => f.close());

async function create(key: string, extra: { ChecksumAlgorithm?: "SHA256" } = {}): Promise<string> {
  const out = await f.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ...extra }));
  return out.UploadId!;
}

function list(input: Omit<ListMultipartUploadsCommandInput, "Bucket"> = {}) {
  return f.client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, ...input }));
}

/** `key id` of every upload, and every common prefix, of one page. */
function entriesOf(page: ListMultipartUploadsCommandOutput): string[] {
  return [
    ...(page.Uploads ?? []).map((u) => `${u.Key} ${u.UploadId}`),
    ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!),
  ];
}

/** Follows NextKeyMarker/NextUploadIdMarker to the end; returns every page's entries. */
async function allPages(input: Omit<ListMultipartUploadsCommandInput, "Bucket">): Promise<string[][]> {
  const pages: string[][] = [];
  let markers: Pick<ListMultipartUploadsCommandInput, "KeyMarker" | "UploadIdMarker"> = {};
  for (;;) {
    const page = await list({ ...input, ...markers });
    pages.push(entriesOf(page));
    if (!page.IsTruncated) return pages;
    assert.ok(page.NextKeyMarker, "a truncated page names where to resume");
    markers = {
      KeyMarker: page.NextKeyMarker,
      ...(page.NextUploadIdMarker ? { UploadIdMarker: page.NextUploadIdMarker } : {}),
    };
    assert.ok(pages.length < 20, "paging ends");
  }
}

describe("ListMultipartUploads", () => {
  // Created in this order; listed by key, then initiation time.
  const ids: Record<string, string> = {};
  before(async () => {
    ids.a1 = await create("photos/2024/a.jpg");
    ids.clip = await create("videos/clip.mp4");
    ids.a2 = await create("photos/2024/a.jpg");
    ids.readme = await create("readme.txt");
    ids.b = await create("photos/2025/b.jpg");
    ids.a3 = await create("photos/2024/a.jpg");
  });
  const inOrder = () => [
    `photos/2024/a.jpg ${ids.a1}`,
    `photos/2024/a.jpg ${ids.a2}`,
    `photos/2024/a.jpg ${ids.a3}`,
    `photos/2025/b.jpg ${ids.b}`,
    `readme.txt ${ids.readme}`,
    `videos/clip.mp4 ${ids.clip}`,
  ];
  const scope = { Prefix: "" };

  it("lists uploads in progress by key, then initiation time, with initiator, owner and storage class", async () => {
    const page = await list(scope);
    assert.deepEqual(
      entriesOf(page).filter((e) => !e.startsWith("drain/") && !e.startsWith("x/")),
      inOrder(),
    );
    assert.equal(page.Bucket, BUCKET);
    assert.equal(page.MaxUploads, 1000);
    assert.equal(page.IsTruncated, false);
    const sameKey = page.Uploads!.filter((u) => u.Key === "photos/2024/a.jpg");
    const times = sameKey.map((u) => u.Initiated!.getTime());
    assert.deepEqual(
      times,
      [...times].sort((x, y) => x - y),
    );
    assert.ok(Math.abs(times[0]! - Date.now()) < 60_000, "Initiated is the creation time");
    for (const upload of page.Uploads!) {
      assert.equal(upload.StorageClass, "STANDARD");
      assert.equal(upload.Initiator?.ID, ACCESS_KEY_ID);
      assert.equal(upload.Owner?.ID, ACCESS_KEY_ID);
    }
  });

  it("rolls keys into CommonPrefixes with a delimiter, under a prefix or not", async () => {
    const top = await list({ Delimiter: "/", Prefix: "" });
    assert.deepEqual(
      top.Uploads?.map((u) => u.Key),
      ["readme.txt"],
    );
    assert.deepEqual(
      top.CommonPrefixes?.map((p) => p.Prefix).filter((p) => p !== "drain/" && p !== "x/"),
      ["photos/", "videos/"],
    );
    assert.equal(top.Delimiter, "/");

    const photos = await list({ Prefix: "photos/", Delimiter: "/" });
    assert.equal(photos.Uploads, undefined);
    assert.deepEqual(
      photos.CommonPrefixes?.map((p) => p.Prefix),
      ["photos/2024/", "photos/2025/"],
    );
    assert.equal(photos.Prefix, "photos/");

    const year = await list({ Prefix: "photos/2024/" });
    assert.deepEqual(entriesOf(year), inOrder().slice(0, 3));
  });

  it("pages with max-uploads through NextKeyMarker and NextUploadIdMarker, across uploads of one key", async () => {
    const pages = await allPages({ Prefix: "photos/", MaxUploads: 2 });
    assert.deepEqual(pages, [inOrder().slice(0, 2), inOrder().slice(2, 4)]);
    const last = await list({ Prefix: "photos/", MaxUploads: 2 });
    assert.equal(last.NextKeyMarker, "photos/2024/a.jpg");
    assert.equal(last.NextUploadIdMarker, ids.a2);
  });

  it("resumes after a common prefix that ended the previous page without listing it again", async () => {
    const pages = await allPages({ Delimiter: "/", MaxUploads: 1, Prefix: "" });
    const flat = pages.flat().filter((e) => e !== "drain/" && e !== "x/");
    assert.deepEqual(flat, ["photos/", `readme.txt ${ids.readme}`, "videos/"]);
  });

  it("starts after every upload of key-marker alone, and ignores upload-id-marker without key-marker", async () => {
    const afterKey = await list({ KeyMarker: "photos/2024/a.jpg", Prefix: "photos/" });
    assert.deepEqual(entriesOf(afterKey), [`photos/2025/b.jpg ${ids.b}`]);
    assert.equal(afterKey.KeyMarker, "photos/2024/a.jpg");

    const withinKey = await list({
      KeyMarker: "photos/2024/a.jpg",
      UploadIdMarker: ids.a1,
      Prefix: "photos/",
    });
    assert.deepEqual(entriesOf(withinKey), inOrder().slice(1, 4));
    assert.equal(withinKey.UploadIdMarker, ids.a1);

    const ignored = await list({ UploadIdMarker: ids.a2, Prefix: "photos/" });
    assert.deepEqual(entriesOf(ignored), inOrder().slice(0, 4));
  });

  it("resumes after a marker whose upload was aborted meanwhile (list a page, abort it, list the next)", async () => {
    const created: string[] = [];
    for (const key of ["drain/1", "drain/1", "drain/1", "drain/2", "drain/3"]) {
      created.push(`${key} ${await create(key)}`);
    }
    const seen: string[] = [];
    let markers: Pick<ListMultipartUploadsCommandInput, "KeyMarker" | "UploadIdMarker"> = {};
    for (let page = 0; page < 10; page++) {
      const out = await list({ Prefix: "drain/", MaxUploads: 2, ...markers });
      for (const upload of out.Uploads ?? []) {
        seen.push(`${upload.Key} ${upload.UploadId}`);
        await f.client.send(
          new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: upload.Key, UploadId: upload.UploadId }),
        );
      }
      if (!out.IsTruncated) break;
      markers = { KeyMarker: out.NextKeyMarker, UploadIdMarker: out.NextUploadIdMarker };
    }
    assert.deepEqual(seen, created);
    assert.equal((await list({ Prefix: "drain/" })).Uploads, undefined);
  });

  it("drops completed and aborted uploads from the listing and shows a declared checksum algorithm", async () => {
    const done = await create("x/done.bin");
    const dropped = await create("x/dropped.bin");
    const kept = await create("x/kept.bin", { ChecksumAlgorithm: "SHA256" });
    const part = await f.client.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: "x/done.bin",
        UploadId: done,
        PartNumber: 1,
        Body: "bytes",
      }),
    );
    await f.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: "x/done.bin",
        UploadId: done,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag! }] },
      }),
    );
    await f.client.send(
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "x/dropped.bin", UploadId: dropped }),
    );
    const page = await list({ Prefix: "x/" });
    assert.deepEqual(entriesOf(page), [`x/kept.bin ${kept}`]);
    assert.equal(page.Uploads![0]!.ChecksumAlgorithm, "SHA256");
    await f.client.send(
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "x/kept.bin", UploadId: kept }),
    );
  });

  it("caps max-uploads at 1,000 and refuses one that is not a number", async () => {
    assert.equal((await list({ MaxUploads: 5000, Prefix: "readme" })).MaxUploads, 1000);
    const empty = await list({ MaxUploads: 0 });
    assert.equal(empty.Uploads, undefined);
    assert.equal(empty.IsTruncated, false);
    const error = await list({ MaxUploads: -1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof S3ServiceException);
    assert.equal(error.name, "InvalidArgument");
  });
});

describe("ListMultipartUploads over raw HTTP", () => {
  it("URL-encodes keys, prefixes and markers with encoding-type=url", async () => {
    const id = await create("enc/a b+é.txt");
    const res = await rawRequest(f.store.endpoint, {
      method: "GET",
      path: `/${BUCKET}`,
      query: { uploads: "", prefix: "enc/", "encoding-type": "url", "key-marker": "enc/ " },
    });
    assert.equal(res.status, 200);
    assert.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListMultipartUploadsResult xmlns=/);
    assert.match(res.body, /<Key>enc\/a\+b%2B%C3%A9\.txt<\/Key>/);
    assert.match(res.body, /<KeyMarker>enc\/\+<\/KeyMarker>/);
    assert.match(res.body, /<NextKeyMarker>enc\/a\+b%2B%C3%A9\.txt<\/NextKeyMarker>/);
    assert.match(res.body, new RegExp(`<NextUploadIdMarker>${id}</NextUploadIdMarker>`));
    assert.match(res.body, /<EncodingType>url<\/EncodingType>/);
    await f.client.send(
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: "enc/a b+é.txt", UploadId: id }),
    );
  });

  it("refuses an unknown encoding-type and a max-uploads that is not an integer", async () => {
    const encoding = await rawRequest(f.store.endpoint, {
      method: "GET",
      path: `/${BUCKET}`,
      query: { uploads: "", "encoding-type": "base64" },
    });
    assert.equal(encoding.status, 400);
    assert.equal(errorCode(encoding.body), "InvalidArgument");
    const max = await rawRequest(f.store.endpoint, {
      method: "GET",
      path: `/${BUCKET}`,
      query: { uploads: "", "max-uploads": "ten" },
    });
    assert.equal(max.status, 400);
    assert.match(max.body, /<ArgumentName>max-uploads<\/ArgumentName>/);
  });
});

describe("ListMultipartUploads on a catalog from before initiators were recorded", () => {
  it("lists the old uploads with the requester as initiator", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "shoebox-s3-v1-"));
    try {
      const db = new Database(join(dataDir, "catalog.sqlite"));
      db.exec(`CREATE TABLE uploads (upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key TEXT NOT NULL,
        attributes TEXT NOT NULL, initiated INTEGER NOT NULL)`);
      db.prepare("INSERT INTO uploads VALUES ('legacy-id', ?, 'old.bin', '{\"metadata\":{}}', ?)").run(
        BUCKET,
        Date.UTC(2026, 0, 2),
      );
      db.pragma("user_version = 1");
      db.close();
      const old = await startFixture({ dataDir, abortIncompleteMultipartAfterDays: 0 });
      try {
        const page = await old.client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
        assert.equal(page.Uploads?.length, 1);
        assert.equal(page.Uploads![0]!.UploadId, "legacy-id");
        assert.equal(page.Uploads![0]!.Initiator?.ID, ACCESS_KEY_ID);
        assert.equal(page.Uploads![0]!.Initiated?.toISOString(), "2026-01-02T00:00:00.000Z");
      } finally {
        await old.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
