import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SQSEvent } from "aws-lambda";
import { capturingLogger } from "../../../../test/support/app-harness.js";
import { eventDeletionMessageBody } from "../../../adapters/sqs/event-deletion-messages.js";
import type { EventDeletionJob } from "../../../ports/event-deletion-trigger.js";
import { createPipelineHandler, type PipelineHandlerDeps } from "./pipeline-handler.js";

function batchOf(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m${i}`,
      body,
      attributes: { ApproximateReceiveCount: "1" },
    })),
  } as unknown as SQSEvent;
}

describe("the pipeline Lambda and event deletions on its queue", () => {
  const pipeline: PipelineHandlerDeps["pipeline"] = {
    handleJob: async () => {
      throw new Error("an event deletion is not a pipeline job");
    },
    markFailed: async () => false,
  };

  it("runs the deletion a message asks for, and never hands it to the photo pipeline", async () => {
    const runs: EventDeletionJob[] = [];
    const handler = createPipelineHandler({
      pipeline,
      eventDeletions: { run: async (job) => void runs.push(job) },
      logger: capturingLogger(),
      maxReceiveCount: 5,
    });
    const result = await handler(batchOf(eventDeletionMessageBody({ eventId: "e1" })));
    assert.deepEqual(result.batchItemFailures, []);
    assert.deepEqual(runs, [{ eventId: "e1" }]);
  });

  it("reports a failed deletion for redelivery (SQS retries it, then dead-letters it)", async () => {
    const handler = createPipelineHandler({
      pipeline,
      eventDeletions: {
        run: async () => {
          throw new Error("DynamoDB throttled");
        },
      },
      logger: capturingLogger(),
      maxReceiveCount: 5,
    });
    const result = await handler(batchOf(eventDeletionMessageBody({ eventId: "e1" })));
    assert.deepEqual(result.batchItemFailures, [{ itemIdentifier: "m0" }]);
  });
});
