import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { retryMessageBody } from "../../src/adapters/sqs/pipeline-messages.js";
import { SqsDeadLetterSource } from "../../src/adapters/sqs/sqs-dead-letter-source.js";
import { pipelineJobsOf } from "../../src/entrypoints/lambda/handlers/pipeline-message.js";
import { STOPPED_SERVER_REASON } from "../../src/services/pipeline/mark-photo-failed.js";
import { DeadLetterReconciler } from "../../src/services/reconcile/dead-letter-reconciler.js";
import { type AwsJsonStandIn, startAwsJsonStandIn } from "../support/aws/aws-json-stand-in.js";
import { silentLogger } from "../support/aws/silent-logger.js";
import { InMemoryPhotoRepository } from "../support/fakes/in-memory-photo.repository.js";
import { ManualClock } from "../support/fakes/manual-clock.js";
import { makePhoto } from "../support/fixtures.js";

const region = "eu-west-1";
const credentials = { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in-secret" };
const dlqUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/shoebox-pipeline-dlq";

/** Messages in the stand-in DLQ: S3 sent them when the photos' objects arrived (after the records). */
const SENT_AT = Date.parse("2026-06-01T12:05:00Z");
const messages = [
  {
    MessageId: "m-crashed",
    Body: retryMessageBody({ key: "uploads/event_event-1/crashed.jpg", etag: "e1" }),
  },
  { MessageId: "m-retried", Body: retryMessageBody({ key: "uploads/event_event-1/retried.jpg" }) },
  { MessageId: "m-failed", Body: retryMessageBody({ key: "uploads/event_event-1/failed.jpg" }) },
  { MessageId: "m-garbage", Body: "not json" },
].map((message) => ({
  ...message,
  MD5OfBody: createHash("md5").update(message.Body).digest("hex"),
  Attributes: { SentTimestamp: String(SENT_AT) },
}));

describe("DeadLetterReconciler over SqsDeadLetterSource (SQS DLQ stand-in that checks SigV4; in-memory photos)", () => {
  let standIn: AwsJsonStandIn;

  before(async () => {
    standIn = await startAwsJsonStandIn({
      service: "sqs",
      region,
      credentials,
      operations: {
        // A standard queue samples: each read here returns at most two messages, in turn.
        ReceiveMessage: ({ QueueUrl }) => {
          if (QueueUrl !== dlqUrl) {
            return {
              status: 400,
              errorType: "com.amazonaws.sqs#QueueDoesNotExist",
              message: "no such queue",
            };
          }
          const read = standIn.calls.filter((call) => call.operation === "ReceiveMessage").length - 1;
          return {
            json: {
              Messages: messages.slice((read * 2) % messages.length, ((read * 2) % messages.length) + 2),
            },
          };
        },
      },
    });
  });
  after(() => standIn.close());

  it("marks failed a pending photo whose message died in the DLQ, and leaves the queue as it was", async () => {
    const photos = new InMemoryPhotoRepository();
    await photos.create(makePhoto({ id: "crashed", failedStep: "variants", statusReason: "out of memory" }));
    await photos.create(makePhoto({ id: "retried", updatedAt: new Date(SENT_AT + 60_000) }));
    await photos.create(makePhoto({ id: "failed", status: "failed", statusReason: "model crashed" }));
    const sut = new DeadLetterReconciler({
      deadLetters: new SqsDeadLetterSource({
        queueUrl: dlqUrl,
        region,
        credentials,
        endpoint: standIn.endpoint,
        jobsOf: pipelineJobsOf,
      }),
      photos,
      clock: new ManualClock(),
      logger: silentLogger,
    });

    assert.equal(await sut.sweep(), 1);

    const crashed = await photos.get("crashed");
    assert.deepEqual(
      [crashed?.status, crashed?.failedStep, crashed?.statusReason],
      ["failed", "variants", "out of memory"],
      "the step and reason the last recorded attempt left are kept",
    );
    assert.equal((await photos.get("retried"))?.status, "pending", "retried since: that run decides");
    assert.equal((await photos.get("failed"))?.statusReason, "model crashed");
    const calls = standIn.calls.map((call) => call.operation);
    assert.ok(
      calls.every((operation) => operation === "ReceiveMessage"),
      "nothing is deleted",
    );
    assert.ok(
      standIn.calls.every((call) => call.body.VisibilityTimeout === 0),
      "every message stays visible",
    );
    assert.equal(await sut.sweep(), 0, "a second sweep changes nothing");
  });

  it("says the photo stopped the pipeline when no attempt recorded why", async () => {
    const photos = new InMemoryPhotoRepository();
    await photos.create(makePhoto({ id: "crashed" }));
    const sut = new DeadLetterReconciler({
      deadLetters: new SqsDeadLetterSource({
        queueUrl: dlqUrl,
        region,
        credentials,
        endpoint: standIn.endpoint,
        jobsOf: pipelineJobsOf,
      }),
      photos,
      clock: new ManualClock(),
      logger: silentLogger,
    });
    await sut.sweep();
    const crashed = await photos.get("crashed");
    assert.deepEqual([crashed?.status, crashed?.statusReason], ["failed", STOPPED_SERVER_REASON]);
  });
});
