import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
// The package keeps S3's own name for the message; here it is a notification, as everywhere in the server.
import type { S3EventMessage as S3NotificationMessage } from "@shoebox/object-store";
import { DynamoPhotoRepository } from "../../src/adapters/dynamodb/dynamo-photo.repository.js";
import { createApiHandler } from "../../src/entrypoints/lambda/handlers/api-handler.js";
import { createPipelineHandler } from "../../src/entrypoints/lambda/handlers/pipeline-handler.js";
import { uploadWithTicket } from "../support/api-client.js";
import { AwsHostHarness, MAX_RECEIVE_COUNT } from "../support/aws/aws-host-harness.js";
import { httpApiEvent, lambdaContext, sqsEvent } from "../support/aws/lambda-events.js";
import { silentLogger } from "../support/aws/silent-logger.js";
import { makeJpeg } from "../support/photos.js";

/**
 * Upload tickets on the AWS host: the Lambda handlers in-process against DynamoDB Local and the embedded
 * S3 endpoint. The pipeline asks again whether the uploader may upload, and a second write on a ticket
 * never changes a photo that has bytes.
 */
describe("AWS host: upload tickets follow revocation and never change a photo twice", () => {
  const harness = new AwsHostHarness();
  let api: ReturnType<typeof createApiHandler>;
  let pipeline: ReturnType<typeof createPipelineHandler>;
  let photos: DynamoPhotoRepository;
  let organizerToken: string;
  let eventId: string;
  let inviteCode: string;

  async function call(method: string, path: string, token: string, body?: unknown) {
    const result = await api(
      httpApiEvent({ method, path, headers: { authorization: `Bearer ${token}` }, body }),
      lambdaContext("shoebox-api"),
    );
    assert.ok(typeof result === "object", "an HTTP API result object");
    const text = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64").toString() : result.body;
    return { status: result.statusCode, body: text ? JSON.parse(text) : undefined };
  }

  async function ticketFor(token: string, bytes: Buffer) {
    const ticket = await call("POST", `/api/events/${eventId}/photos/initiate-upload`, token, {
      filename: "IMG.jpg",
      contentType: "image/jpeg",
      size: bytes.length,
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    return ticket.body;
  }

  /** The S3 notification messages about `key` so far, oldest first (S3 → SQS delivers each). */
  const messagesFor = (key: string): S3NotificationMessage[] =>
    harness.s3Messages.filter((message) =>
      message.Records.some((record) => decodeURIComponent(record.s3.object.key) === key),
    );

  async function deliverLatest(key: string, count: number) {
    for (let attempt = 0; messagesFor(key).length < count; attempt++) {
      assert.ok(attempt < 200, `no S3 notification message number ${count} for ${key}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const message = messagesFor(key)[count - 1];
    assert.deepEqual(await pipeline(sqsEvent([{ body: JSON.stringify(message) }])), {
      batchItemFailures: [],
    });
  }

  before(async () => {
    const host = await harness.start();
    api = createApiHandler(host.app);
    pipeline = createPipelineHandler({
      pipeline: host.pipeline,
      logger: silentLogger,
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    photos = DynamoPhotoRepository.create({
      client: harness.dynamodbDocuments(),
      tableName: harness.config.storage.tableName!,
    });
    organizerToken = await harness.signIn("Olga");
    const created = await call("POST", "/api/events", organizerToken, { name: "Spring meetup" });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    eventId = created.body.id;
    inviteCode = created.body.inviteCode;
  });
  after(() => harness.stop());

  it("rejects and deletes the upload of an attendee removed between ticket and bytes", async () => {
    const token = await harness.signIn("Lea");
    assert.equal((await call("POST", "/api/events/join", token, { inviteCode })).status, 200);
    const jpeg = await makeJpeg(320, 240, "#2a6");
    const ticket = await ticketFor(token, jpeg);
    const me = await call("GET", "/api/me", token);
    const removed = await call(
      "DELETE",
      `/api/events/${eventId}/attendees/${me.body.userId}`,
      organizerToken,
    );
    assert.equal(removed.status, 204, JSON.stringify(removed.body));

    assert.equal((await uploadWithTicket(ticket, jpeg, "image/jpeg")).status, 204);
    await deliverLatest(ticket.fields.key, 1);
    const photo = await photos.get(ticket.photoId);
    assert.equal(photo?.status, "rejected");
    assert.match(photo?.statusReason ?? "", /no longer attends the event/);
    assert.equal(harness.store.openObject("shoebox-photos", ticket.fields.key), undefined, "deleted");
    const seen = await call("GET", `/api/photos/${ticket.photoId}`, token);
    assert.equal(seen.body.statusReason, photo?.statusReason, "its uploader sees why");
  });

  it("neither reprocesses nor rejects a ready photo when a replayed POST lands (embedded S3 without versioning stands in for the bucket; the version undo is tested at the port level)", async () => {
    const jpeg = await makeJpeg(320, 240, "#a26");
    const ticket = await ticketFor(organizerToken, jpeg);
    assert.equal((await uploadWithTicket(ticket, jpeg, "image/jpeg")).status, 204);
    await deliverLatest(ticket.fields.key, 1);
    const ready = await photos.get(ticket.photoId);
    assert.equal(ready?.status, "ready");

    // This endpoint is configured like S3 here: no create-only prefix, so the replay is stored.
    const replay = await uploadWithTicket(ticket, Buffer.from("x".repeat(500)), "image/jpeg");
    assert.equal(replay.status, 204);
    await deliverLatest(ticket.fields.key, 2);
    assert.deepEqual(await photos.get(ticket.photoId), ready, "the photo is exactly as it was");
  });
});
