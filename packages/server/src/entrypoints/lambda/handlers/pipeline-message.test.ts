import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { retryMessageBody } from "../../../adapters/sqs/pipeline-messages.js";
import { pipelineJobsOf } from "./pipeline-message.js";

function s3Record(eventName: string, key: string) {
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    eventName,
    s3: { bucket: { name: "photos" }, object: { key, size: 10, eTag: "e1", sequencer: "01" } },
  };
}

describe("pipelineJobsOf", () => {
  it("makes one job per ObjectCreated record, with the key URL-decoded as S3 encodes it", () => {
    const body = JSON.stringify({
      Records: [
        s3Record("ObjectCreated:Post", "uploads/p1/my+photo%C3%A9.jpg"),
        s3Record("ObjectRemoved:Delete", "uploads/p2/original"),
      ],
    });
    assert.deepEqual(pipelineJobsOf(body), [{ key: "uploads/p1/my photoé.jpg", size: 10, etag: "e1" }]);
  });

  it("ignores the test event S3 sends when the notification is configured", () => {
    const body = JSON.stringify({
      Service: "Amazon S3",
      Event: "s3:TestEvent",
      Time: "2026-11-21T08:00:00.000Z",
      Bucket: "photos",
    });
    assert.deepEqual(pipelineJobsOf(body), []);
  });

  it("reads back a retry as its job", () => {
    assert.deepEqual(pipelineJobsOf(retryMessageBody({ key: "uploads/p3/original" })), [
      { key: "uploads/p3/original" },
    ]);
  });

  it("refuses a body that is not JSON, or not a message the queue carries, so it is dead-lettered", () => {
    assert.throws(() => pipelineJobsOf("{not json"), { name: "UnreadableMessageError" });
    assert.throws(() => pipelineJobsOf(JSON.stringify({ hello: "world" })), {
      name: "UnreadableMessageError",
    });
    assert.throws(() => pipelineJobsOf(JSON.stringify({ Records: [{ eventName: "ObjectCreated:Put" }] })), {
      name: "UnreadableMessageError",
    });
  });
});
