import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { SqsPipelineTrigger } from "../../src/adapters/sqs/sqs-pipeline-trigger.js";
import { pipelineJobsOf } from "../../src/entrypoints/lambda/handlers/pipeline-message.js";
import { type AwsJsonStandIn, startAwsJsonStandIn } from "../support/aws/aws-json-stand-in.js";

const region = "eu-west-1";
const credentials = {
  accessKeyId: "AKIDSTANDIN",
  secretAccessKey: "stand-in-secret",
  sessionToken: "session",
};
const queueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/shoebox-pipeline";

describe("SqsPipelineTrigger (against a local SQS stand-in that checks SigV4)", () => {
  let standIn: AwsJsonStandIn;

  before(async () => {
    standIn = await startAwsJsonStandIn({
      service: "sqs",
      region,
      credentials,
      operations: {
        SendMessage: ({ QueueUrl, MessageBody }) =>
          QueueUrl === queueUrl
            ? { json: { MessageId: "m-1", MD5OfMessageBody: md5(MessageBody) } }
            : { status: 400, errorType: "com.amazonaws.sqs#QueueDoesNotExist", message: "no such queue" },
      },
    });
  });
  after(() => standIn.close());

  it("sends a retry to the pipeline queue as a message its handler reads back as the same job", async () => {
    const trigger = new SqsPipelineTrigger({ queueUrl, region, credentials, endpoint: standIn.endpoint });
    await trigger.enqueue({ key: "uploads/p1/original", etag: "abc" });
    const call = standIn.calls.at(-1)!;
    assert.equal(call.operation, "SendMessage");
    assert.equal(call.headers["content-type"], "application/x-amz-json-1.0");
    assert.equal(call.headers["x-amz-security-token"], "session");
    assert.equal(call.body.QueueUrl, queueUrl);
    assert.deepEqual(pipelineJobsOf(call.body.MessageBody), [{ key: "uploads/p1/original", etag: "abc" }]);
  });

  it("throws SQS's error code when the queue refuses", async () => {
    const trigger = new SqsPipelineTrigger({
      queueUrl: `${queueUrl}-gone`,
      region,
      credentials,
      endpoint: standIn.endpoint,
    });
    await assert.rejects(trigger.enqueue({ key: "uploads/p1/original" }), {
      name: "SqsSendError",
      code: "QueueDoesNotExist",
    });
  });

  it("is refused when signed with other credentials", async () => {
    const trigger = new SqsPipelineTrigger({
      queueUrl,
      region,
      credentials: { accessKeyId: "AKIDOTHER", secretAccessKey: "nope" },
      endpoint: standIn.endpoint,
    });
    await assert.rejects(trigger.enqueue({ key: "uploads/p1/original" }), {
      code: "InvalidSignatureException",
    });
  });
});

/** SQS answers with the MD5 of the body it stored, and the SDK checks it. */
function md5(text: unknown): string {
  return createHash("md5").update(String(text)).digest("hex");
}
