import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import type { S3EventMessage, S3EventRecord } from "../src/events/event-types.js";
import { BUCKET, startFixture } from "./support/store-fixture.js";

const NOTIFIED = [
  {
    name: BUCKET,
    notifications: [
      { id: "uploads", events: ["s3:ObjectCreated:*"], prefix: "uploads/", suffix: ".jpg" },
      { id: "removals", events: ["s3:ObjectRemoved:*"] },
    ],
  },
];

/** Collects delivered records; `waitFor(n)` resolves once n have arrived. */
function collector() {
  const records: S3EventRecord[] = [];
  let waiting: { count: number; resolve: () => void } | undefined;
  return {
    records,
    subscriber: async (message: S3EventMessage) => {
      records.push(...message.Records);
      if (waiting && records.length >= waiting.count) waiting.resolve();
    },
    waitFor(count: number): Promise<void> {
      if (records.length >= count) return Promise.resolve();
      return new Promise((resolve) => {
        waiting = { count, resolve };
      });
    },
  };
}

describe("event notifications", () => {
  it("delivers ObjectCreated/ObjectRemoved in the AWS S3 event shape, filtered by prefix, suffix and type", async () => {
    const f = await startFixture({ buckets: NOTIFIED, region: "eu-west-1" });
    const client = f.makeClient({ region: "eu-west-1" });
    try {
      const c = collector();
      f.store.subscribe(c.subscriber);
      const put = await client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/my photo.jpg", Body: "12345" }),
      );
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/notes.txt", Body: "x" }));
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "elsewhere/a.jpg", Body: "x" }));
      const post = await createPresignedPost(client, { Bucket: BUCKET, Key: "uploads/posted.jpg" });
      const form = new FormData();
      for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
      form.append("file", new Blob(["posted"]), "p.jpg");
      assert.equal((await fetch(post.url, { method: "POST", body: form })).status, 204);
      await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: "uploads/my photo.jpg" }));
      await c.waitFor(3);

      assert.deepEqual(
        c.records.map((r) => [r.eventName, r.s3.object.key, r.s3.configurationId]),
        [
          ["ObjectCreated:Put", "uploads/my+photo.jpg", "uploads"],
          ["ObjectCreated:Post", "uploads/posted.jpg", "uploads"],
          ["ObjectRemoved:Delete", "uploads/my+photo.jpg", "removals"],
        ],
      );
      const [first, second, third] = c.records as [S3EventRecord, S3EventRecord, S3EventRecord];
      assert.equal(first.eventVersion, "2.1");
      assert.equal(first.eventSource, "aws:s3");
      assert.equal(first.awsRegion, "eu-west-1");
      assert.equal(first.s3.s3SchemaVersion, "1.0");
      assert.equal(first.s3.bucket.name, BUCKET);
      assert.equal(first.s3.bucket.arn, `arn:aws:s3:::${BUCKET}`);
      assert.equal(first.s3.object.size, 5);
      assert.equal(first.s3.object.eTag, put.ETag!.replaceAll('"', ""));
      assert.ok(!Number.isNaN(Date.parse(first.eventTime)));
      assert.ok(first.requestParameters.sourceIPAddress);
      assert.ok(first.s3.object.sequencer < second.s3.object.sequencer);
      assert.ok(second.s3.object.sequencer < third.s3.object.sequencer);
      assert.equal(third.s3.object.size, undefined, "removal events carry no size");
    } finally {
      await f.close();
    }
  });

  it("redelivers an event the subscriber refused, in order, until it is accepted", async () => {
    const f = await startFixture({ buckets: NOTIFIED });
    try {
      const seen: string[] = [];
      let failures = 2;
      let done: () => void = () => {};
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      f.store.subscribe(async (message) => {
        const key = message.Records[0]!.s3.object.key;
        seen.push(key);
        if (key === "uploads/a.jpg" && failures-- > 0) throw new Error("pipeline busy");
        if (key === "uploads/b.jpg") done();
      });
      await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/a.jpg", Body: "a" }));
      await f.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/b.jpg", Body: "b" }));
      await finished;
      assert.deepEqual(seen, ["uploads/a.jpg", "uploads/a.jpg", "uploads/a.jpg", "uploads/b.jpg"]);
    } finally {
      await f.close();
    }
  });

  it("keeps events journaled without a subscriber across a restart and delivers them afterwards", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "shoebox-s3-journal-"));
    try {
      const first = await startFixture({ buckets: NOTIFIED, dataDir });
      await first.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/1.jpg", Body: "1" }));
      await first.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/2.jpg", Body: "2" }));
      await first.close();

      const second = await startFixture({ buckets: NOTIFIED, dataDir });
      try {
        const c = collector();
        second.store.subscribe(c.subscriber);
        await c.waitFor(2);
        assert.deepEqual(
          c.records.map((r) => r.s3.object.key),
          ["uploads/1.jpg", "uploads/2.jpg"],
        );
      } finally {
        await second.close();
      }

      const third = await startFixture({ buckets: NOTIFIED, dataDir });
      try {
        const c = collector();
        third.store.subscribe(c.subscriber);
        await third.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/3.jpg", Body: "3" }));
        await c.waitFor(1);
        assert.deepEqual(
          c.records.map((r) => r.s3.object.key),
          ["uploads/3.jpg"],
          "delivered events were removed from the journal",
        );
      } finally {
        await third.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
