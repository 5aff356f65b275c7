import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createApiHandler } from "../../src/entrypoints/lambda/handlers/api-handler.js";
import { createPipelineHandler } from "../../src/entrypoints/lambda/handlers/pipeline-handler.js";
import { uploadWithTicket } from "../support/api-client.js";
import { apiCaller } from "../support/aws/api-caller.js";
import { AwsHostHarness, MAX_RECEIVE_COUNT } from "../support/aws/aws-host-harness.js";
import { sqsEvent } from "../support/aws/lambda-events.js";
import { silentLogger } from "../support/aws/silent-logger.js";
import { makeJpeg } from "../support/photos.js";

/**
 * Who added what on the AWS host, through the Lambda handlers against DynamoDB Local and the S3 endpoint:
 * attribution and the uploader filter, a guest's duplicate given back to the link's cap, a guest deleting
 * their own upload by its key, and the original presigned as a download.
 */
describe("AWS host: attribution, guest duplicates and delete keys through the Lambda handlers", () => {
  const harness = new AwsHostHarness();
  let call: ReturnType<typeof apiCaller>;
  let pipeline: ReturnType<typeof createPipelineHandler>;
  let organizer: string;
  let eventId: string;

  async function uploadAndProcess(ticket: Parameters<typeof uploadWithTicket>[0], bytes: Buffer) {
    assert.equal((await uploadWithTicket(ticket, bytes, "image/jpeg")).status, 204);
    const key = ticket.fields?.key;
    assert.ok(key);
    const message = await harness.s3MessageFor(key);
    assert.deepEqual(await pipeline(sqsEvent([{ body: JSON.stringify(message) }])), {
      batchItemFailures: [],
    });
  }

  before(async () => {
    const host = await harness.start();
    call = apiCaller(createApiHandler(host.app));
    pipeline = createPipelineHandler({
      pipeline: host.pipeline,
      logger: silentLogger,
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    organizer = await harness.signIn("Olga");
    const created = await call({
      method: "POST",
      path: "/api/events",
      token: organizer,
      body: { name: "Fair" },
    });
    eventId = created.body.id;
  });
  after(() => harness.stop());

  it("attributes, filters, refunds a guest's duplicate and lets the guest delete with their key", async () => {
    const mine = await makeJpeg(64, 48, "#135");
    const own = await call({
      method: "POST",
      path: `/api/events/${eventId}/photos/initiate-upload`,
      token: organizer,
      body: { filename: "own.jpg", contentType: "image/jpeg", size: mine.length },
    });
    await uploadAndProcess(own.body, mine);

    const link = await call({
      method: "POST",
      path: `/api/events/${eventId}/guest-links`,
      token: organizer,
      body: { maxUploads: 2 },
    });
    const token = link.body.token;
    const guestJpeg = await makeJpeg(64, 48, "#531");
    const tickets = [];
    for (let i = 0; i < 2; i++) {
      const ticket = await call({
        method: "POST",
        path: `/api/guest/${token}/initiate-upload`,
        body: { filename: `g${i}.jpg`, contentType: "image/jpeg", size: guestJpeg.length, guestName: "May" },
      });
      assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
      await uploadAndProcess(ticket.body, guestJpeg);
      tickets.push(ticket.body);
    }
    const status = (ticket: { photoId: string; deleteKey: string }) =>
      call({
        method: "GET",
        path: `/api/guest/${token}/photos/${ticket.photoId}`,
        headers: { "x-guest-key": ticket.deleteKey },
      });
    const duplicate = await status(tickets[1]);
    assert.equal(duplicate.body.status, "duplicate");
    assert.equal(duplicate.body.uploadsLeft, 1, "the duplicate gave its slot back (DynamoDB counters)");

    const seen = await call({ method: "GET", path: `/api/photos/${tickets[0].photoId}`, token: organizer });
    assert.equal(seen.body.uploaderName, "May");
    const mineOnly = await call({
      method: "GET",
      path: `/api/events/${eventId}/photos?uploader=mine`,
      token: organizer,
    });
    assert.deepEqual(
      mineOnly.body.items.map((p: { id: string }) => p.id),
      [own.body.photoId],
    );
    const uploaders = await call({
      method: "GET",
      path: `/api/events/${eventId}/uploaders`,
      token: organizer,
    });
    // cognito-local's id token carries no `name` claim here, so the account is "Someone" (never its email).
    assert.deepEqual(
      uploaders.body.items.map((u: { name: string; isCaller: boolean }) => [u.name, u.isCaller]).sort(),
      [
        ["May", false],
        ["Someone", true],
      ],
    );

    const wrong = await call({
      method: "DELETE",
      path: `/api/guest/${token}/photos/${tickets[0].photoId}`,
      headers: { "x-guest-key": tickets[1].deleteKey },
    });
    assert.equal(wrong.status, 404);
    const deleted = await call({
      method: "DELETE",
      path: `/api/guest/${token}/photos/${tickets[0].photoId}`,
      headers: { "x-guest-key": tickets[0].deleteKey },
    });
    assert.equal(deleted.status, 204);
    assert.equal(
      (await call({ method: "GET", path: `/api/photos/${tickets[0].photoId}`, token: organizer })).status,
      404,
    );
  });

  it("presigns the original as a download with a readable name (S3 presign)", async () => {
    const page = await call({
      method: "GET",
      path: `/api/events/${eventId}/photos?uploader=mine`,
      token: organizer,
    });
    const [photo] = page.body.items;
    const res = await fetch(photo.urls.original);
    assert.equal(res.status, 200);
    assert.match(
      res.headers.get("content-disposition") ?? "",
      /^attachment; filename="fair-\d{4}-\d{2}-\d{2}-[a-z0-9]{1,6}\.jpg"; filename\*=UTF-8''fair-/,
    );
    await res.arrayBuffer();
  });
});
