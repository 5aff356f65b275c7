import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { SignedUrlVerifier } from "../../src/adapters/cloudfront/signed-url-verifier.js";
import { DynamoPhotoRepository } from "../../src/adapters/dynamodb/dynamo-photo.repository.js";
import { createApiHandler } from "../../src/entrypoints/lambda/handlers/api-handler.js";
import { createPipelineHandler } from "../../src/entrypoints/lambda/handlers/pipeline-handler.js";
import { createReconcileHandler } from "../../src/entrypoints/lambda/handlers/reconcile-handler.js";
import { systemClock } from "../../src/ports/clock.js";
import { uploadWithTicket } from "../support/api-client.js";
import {
  AwsHostHarness,
  CDN_KEY_PAIR_ID,
  CDN_KEY_PARAMETER,
  CDN_URL,
  MAX_RECEIVE_COUNT,
  QUEUE_URL,
} from "../support/aws/aws-host-harness.js";
import { httpApiEvent, lambdaContext, sqsEvent } from "../support/aws/lambda-events.js";
import { silentLogger } from "../support/aws/silent-logger.js";
import { ManualClock } from "../support/fakes/manual-clock.js";
import { makeJpeg } from "../support/photos.js";

/**
 * The AWS host's Lambda handlers invoked in-process, the way Lambda calls them, against real stand-ins:
 * DynamoDB Local, the embedded S3 endpoint (whose S3 notification messages become the SQS batches), cognito-local
 * for sign-in, and small Rekognition / SSM / SQS stand-ins. One upload is walked end to end.
 */
describe("AWS host: Lambda handlers over DynamoDB Local, the embedded S3 endpoint and cognito-local", () => {
  const harness = new AwsHostHarness();
  let api: ReturnType<typeof createApiHandler>;
  let pipeline: ReturnType<typeof createPipelineHandler>;
  let photos: DynamoPhotoRepository;
  let documents: DynamoDBDocumentClient;
  let organizerToken: string;
  let eventId: string;

  async function call(method: string, path: string, token: string | undefined, body?: unknown, headers = {}) {
    const result = await api(
      httpApiEvent({
        method,
        path,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body,
      }),
      lambdaContext("shoebox-api"),
    );
    assert.ok(typeof result === "object", "an HTTP API result object");
    const text = result.isBase64Encoded ? Buffer.from(result.body ?? "", "base64").toString() : result.body;
    return { status: result.statusCode, body: text ? JSON.parse(text) : undefined, headers: result.headers };
  }

  async function uploadThroughTicket(bytes: Buffer): Promise<{ photoId: string; key: string }> {
    const ticket = await call("POST", `/api/events/${eventId}/photos/initiate-upload`, organizerToken, {
      filename: "IMG_0001.jpg",
      contentType: "image/jpeg",
      size: bytes.length,
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    const upload = await uploadWithTicket(ticket.body, bytes, "image/jpeg");
    assert.equal(upload.status, 204, await upload.text());
    return { photoId: ticket.body.photoId, key: ticket.body.fields.key };
  }

  before(async () => {
    const host = await harness.start();
    api = createApiHandler(host.app);
    pipeline = createPipelineHandler({
      pipeline: host.pipeline,
      eventDeletions: host.eventDeletions,
      logger: silentLogger,
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: "eu-west-1",
        endpoint: harness.dynamodb.endpoint,
        credentials: harness.endpoints.credentials!,
      }),
    );
    photos = DynamoPhotoRepository.create({
      client: documents,
      tableName: harness.config.storage.tableName!,
    });
    organizerToken = await harness.signIn("Olga");
    const created = await call("POST", "/api/events", organizerToken, { name: "Spring meetup" });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    eventId = created.body.id;
  });
  after(async () => {
    documents?.destroy();
    await harness.stop();
  });

  it("walks one upload: ticket → presigned POST → S3 notification in SQS → pipeline → ready in DynamoDB → signed URL", async () => {
    Object.assign(harness.rekognitionAnswers, {
      labels: [{ Name: "Cat", Confidence: 97 }],
      moderation: [],
      failWith: undefined,
    });
    const jpeg = await makeJpeg(800, 600, "#a52");
    const { photoId, key } = await uploadThroughTicket(jpeg);
    assert.equal(
      (await photos.get(photoId))?.status,
      "pending",
      "the record exists before the bytes are processed",
    );

    const message = await harness.s3MessageFor(key);
    const batch = await pipeline(sqsEvent([{ body: JSON.stringify(message) }]));
    assert.deepEqual(batch, { batchItemFailures: [] });

    const record = await photos.get(photoId);
    assert.equal(record?.status, "ready");
    assert.equal(record?.size, jpeg.length);
    assert.deepEqual(record?.labels, [{ name: "cat", confidence: 0.97 }]);

    const seen = await call("GET", `/api/photos/${photoId}`, organizerToken);
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal(seen.body.status, "ready");
    const web = new URL(seen.body.urls.web);
    assert.equal(`${web.origin}${web.pathname.slice(0, 5)}`, `${CDN_URL}/cdn/`);
    const verifier = new SignedUrlVerifier({
      baseUrl: `${CDN_URL}/cdn`,
      publicKeys: new Map([[CDN_KEY_PAIR_ID, harness.cdnPublicKey]]),
      clock: systemClock,
    });
    assert.equal(verifier.verify(web.pathname.slice("/cdn/".length), web.search.slice(1)).ok, true);
    const variant = harness.store.openObject("shoebox-photos", web.pathname.slice("/cdn/".length));
    assert.equal(
      variant?.contentType,
      "image/webp",
      "the signed URL names the web variant the pipeline wrote",
    );
    variant?.body.destroy();

    await call("GET", `/api/photos/${photoId}`, organizerToken);
    assert.equal(
      harness.ssmReadsOf(CDN_KEY_PARAMETER),
      1,
      "the CloudFront private key is read once per cold start",
    );
  });

  it("takes the one-step upload through API Gateway: a base64 body with lower-cased headers arrives intact", async () => {
    const jpeg = await makeJpeg(320, 240, "#27c");
    const created = await call(
      "POST",
      `/api/photos?eventId=${eventId}&filename=direct.jpg`,
      organizerToken,
      jpeg,
      {
        "Content-Type": "image/jpeg",
      },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, "pending");
    const record = await photos.get(created.body.id);
    assert.ok(record);
    const stored = harness.store.openObject("shoebox-photos", record.objectKey);
    assert.ok(stored, "the object is in the bucket");
    const chunks: Buffer[] = [];
    for await (const chunk of stored.body) chunks.push(chunk as Buffer);
    assert.ok(Buffer.concat(chunks).equals(jpeg), "the stored bytes are the uploaded bytes");

    // Its S3 notification travels with a broken message and S3's test event: only the broken one is retried.
    const message = await harness.s3MessageFor(record.objectKey);
    const event = sqsEvent([
      { body: JSON.stringify(message) },
      { body: "{ this is not an S3 notification" },
      { body: JSON.stringify({ Service: "Amazon S3", Event: "s3:TestEvent", Bucket: "shoebox-photos" }) },
    ]);
    const batch = await pipeline(event);
    assert.deepEqual(batch, { batchItemFailures: [{ itemIdentifier: event.Records[1]!.messageId }] });
    assert.equal((await photos.get(created.body.id))?.status, "ready");
  });

  it("parses a multipart one-step upload from an API Gateway event, and refuses one of many tiny parts (400)", async () => {
    const jpeg = await makeJpeg(64, 48, "#c72");
    const boundary = "----shoebox-lambda";
    const part = (headers: string, body: Buffer | string) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
        Buffer.from(body),
        Buffer.from("\r\n"),
      ]);
    const form = Buffer.concat([
      part('Content-Disposition: form-data; name="eventId"', eventId),
      part(
        'Content-Disposition: form-data; name="file"; filename="form.jpg"\r\nContent-Type: image/jpeg',
        jpeg,
      ),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const headers = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
    const created = await call("POST", "/api/photos", organizerToken, form, headers);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.filename, "form.jpg");
    assert.equal(created.body.eventId, eventId);

    const tiny = Buffer.concat([
      ...Array.from({ length: 2000 }, (_, i) => part(`Content-Disposition: form-data; name="f${i}"`, "x")),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const refused = await call("POST", "/api/photos", organizerToken, tiny, headers);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, "VALIDATION_FAILED");
  });

  it("marks a photo failed on the last receive, and its owner's retry goes back through the queue", async () => {
    const { photoId, key } = await uploadThroughTicket(await makeJpeg(400, 300, "#3c9"));
    const body = JSON.stringify(await harness.s3MessageFor(key));
    harness.rekognitionAnswers.failWith = "InvalidParameterException";

    const first = sqsEvent([{ body, receiveCount: 1 }]);
    assert.deepEqual(await pipeline(first), {
      batchItemFailures: [{ itemIdentifier: first.Records[0]!.messageId }],
    });
    assert.equal(
      (await photos.get(photoId))?.status,
      "pending",
      "an earlier receive leaves it to SQS to retry",
    );

    const last = sqsEvent([{ body, receiveCount: MAX_RECEIVE_COUNT }]);
    assert.deepEqual(await pipeline(last), {
      batchItemFailures: [{ itemIdentifier: last.Records[0]!.messageId }],
    });
    const failed = await photos.get(photoId);
    assert.equal(failed?.status, "failed");
    assert.equal(failed?.failedStep, "labels");

    harness.rekognitionAnswers.failWith = undefined;
    const retried = await call("POST", `/api/photos/${photoId}/retry`, organizerToken);
    assert.equal(retried.status, 202, JSON.stringify(retried.body));
    const sent = harness.sqs.calls.at(-1);
    assert.equal(sent?.body.QueueUrl, QUEUE_URL);
    assert.deepEqual(await pipeline(sqsEvent([{ body: sent.body.MessageBody }])), { batchItemFailures: [] });
    assert.equal((await photos.get(photoId))?.status, "ready");
  });

  it("deletes an event: 202, a message on the pipeline queue, and the pipeline handler leaves nothing in S3 or DynamoDB", async () => {
    const created = await call("POST", "/api/events", organizerToken, { name: "Short-lived" });
    const doomed = created.body.id as string;
    const jpeg = await makeJpeg(320, 240, "#c93");
    const ticket = await call("POST", `/api/events/${doomed}/photos/initiate-upload`, organizerToken, {
      filename: "a.jpg",
      contentType: "image/jpeg",
      size: jpeg.length,
    });
    const photoId = ticket.body.photoId as string;
    const key = ticket.body.fields.key as string;
    assert.equal((await uploadWithTicket(ticket.body, jpeg, "image/jpeg")).status, 204);
    const s3 = new S3Client({
      region: "eu-west-1",
      endpoint: harness.endpoints.s3!.endpoint,
      forcePathStyle: true,
      credentials: harness.endpoints.credentials!,
    });
    const exists = (k: string) =>
      s3.send(new HeadObjectCommand({ Bucket: harness.config.storage.bucket, Key: k })).then(
        () => true,
        () => false,
      );
    assert.equal(await exists(key), true);
    assert.equal((await call("DELETE", `/api/events/${doomed}`, organizerToken)).status, 202);
    assert.equal((await call("GET", `/api/events/${doomed}`, organizerToken)).status, 404);
    const sent = harness.sqs.calls.at(-1);
    assert.equal(sent?.body.QueueUrl, QUEUE_URL);
    assert.match(sent?.body.MessageBody, /shoebox\.event-deletion/);
    assert.deepEqual(await pipeline(sqsEvent([{ body: sent.body.MessageBody }])), { batchItemFailures: [] });
    assert.equal(await photos.get(photoId), undefined);
    assert.equal(await exists(key), false, "the original is gone from the bucket");
    s3.destroy();
    const left = await documents.send(
      new QueryCommand({
        TableName: harness.config.storage.tableName!,
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": `EVENT#${doomed}` },
      }),
    );
    assert.equal(left.Count, 0, "no event item, attendance or invitation is left");
  });

  it("answers 401 to a request without a token from the user pool", async () => {
    assert.equal((await call("GET", "/api/me", undefined)).status, 401);
    assert.equal((await call("GET", "/api/me", "not.a.token")).status, 401);
    const me = await call("GET", "/api/me", organizerToken);
    assert.equal(me.status, 200, JSON.stringify(me.body));
  });

  it("the scheduled sweep expires a pending upload whose ticket ran out", async () => {
    const clock = new ManualClock(new Date());
    const host = await harness.createHost({ clock });
    const ticket = await createApiHandler(host.app)(
      httpApiEvent({
        method: "POST",
        path: `/api/events/${eventId}/photos/initiate-upload`,
        headers: { authorization: `Bearer ${organizerToken}` },
        body: { filename: "never.jpg", contentType: "image/jpeg", size: 1000 },
      }),
      lambdaContext("shoebox-api"),
    );
    assert.ok(typeof ticket === "object");
    assert.equal(ticket.statusCode, 201, ticket.body);
    const { photoId } = JSON.parse(ticket.body ?? "{}");

    clock.advance((harness.config.uploads.ticketTtlSeconds + 301) * 1000);
    const swept = await createReconcileHandler(host.reconciler)();
    assert.ok(swept.expired >= 1);
    assert.equal((await photos.get(photoId))?.status, "expired");
  });
});
