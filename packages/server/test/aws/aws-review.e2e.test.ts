import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DynamoPhotoRepository } from "../../src/adapters/dynamodb/dynamo-photo.repository.js";
import { createApiHandler } from "../../src/entrypoints/lambda/handlers/api-handler.js";
import { apiCaller } from "../support/aws/api-caller.js";
import { AwsHostHarness } from "../support/aws/aws-host-harness.js";
import { processedFields } from "../support/fixtures.js";

/**
 * Co-hosts and approval on the AWS host: the API's Lambda handler over DynamoDB Local and Cognito tokens
 * (cognito-local). The pipeline's final write is made directly on the table (the pipeline has its own
 * tests on this host), so the journey stays on the API's rules.
 */
describe("AWS host: co-hosts review photos held by approval mode", () => {
  const harness = new AwsHostHarness();
  let call: ReturnType<typeof apiCaller>;
  let photos: DynamoPhotoRepository;
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};
  let eventId: string;

  before(async () => {
    const host = await harness.start();
    call = apiCaller(createApiHandler(host.app));
    photos = DynamoPhotoRepository.create({ client: harness.dynamodbDocuments(), tableName: "shoebox" });
    for (const name of ["Olga", "Cora", "Uma", "Vic"]) {
      token[name] = await harness.signIn(name);
      userId[name] = (await call({ method: "GET", path: "/api/me", token: token[name] })).body.userId;
    }
    const created = await call({
      method: "POST",
      path: "/api/events",
      token: token.Olga,
      body: { name: "Gala" },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    eventId = created.body.id;
    for (const name of ["Cora", "Uma", "Vic"]) {
      const joined = await call({
        method: "POST",
        path: "/api/events/join",
        token: token[name],
        body: { inviteCode: created.body.inviteCode },
      });
      assert.equal(joined.status, 200, JSON.stringify(joined.body));
    }
  });
  after(() => harness.stop());

  it("holds an attendee's photo until the co-host approves it; nobody else sees it meanwhile", async () => {
    const promote = await call({
      method: "PUT",
      path: `/api/events/${eventId}/attendees/${userId.Cora}/role`,
      token: token.Olga,
      body: { role: "cohost" },
    });
    assert.equal(promote.status, 200, JSON.stringify(promote.body));
    const byCohost = await call({
      method: "PUT",
      path: `/api/events/${eventId}/attendees/${userId.Olga}/role`,
      token: token.Cora,
      body: { role: "attendee" },
    });
    assert.equal(byCohost.status, 403, "a co-host cannot demote the organizer");
    const mode = await call({
      method: "PUT",
      path: `/api/events/${eventId}/approval-mode`,
      token: token.Olga,
      body: { mode: "everyone" },
    });
    assert.equal(mode.body.approvalMode, "everyone");

    const ticket = await call({
      method: "POST",
      path: `/api/events/${eventId}/photos/initiate-upload`,
      token: token.Uma,
      body: { filename: "cake.jpg", contentType: "image/jpeg", size: 1000 },
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    const photoId = ticket.body.photoId as string;
    // The pipeline's last step (its own tests run it on this host): ready, with variants.
    await photos.transition(photoId, ["pending"], {
      status: "ready",
      variants: processedFields(photoId).variants,
    });

    const gallery = async (name: string) =>
      (
        await call({ method: "GET", path: `/api/events/${eventId}/photos`, token: token[name] })
      ).body.items.map((p: { id: string }) => p.id);
    assert.deepEqual(await gallery("Uma"), [photoId]);
    assert.deepEqual(await gallery("Vic"), []);
    const queue = await call({ method: "GET", path: `/api/events/${eventId}/review`, token: token.Cora });
    assert.deepEqual(
      queue.body.items.map((p: { id: string; review: string }) => [p.id, p.review]),
      [[photoId, "waiting"]],
    );
    const refused = await call({ method: "GET", path: `/api/events/${eventId}/review`, token: token.Vic });
    assert.equal(refused.status, 403);

    const decided = await call({
      method: "POST",
      path: `/api/events/${eventId}/review`,
      token: token.Cora,
      body: { photoIds: [photoId], decision: "approve" },
    });
    assert.deepEqual(decided.body.items, [{ photoId, outcome: "approved" }]);
    assert.deepEqual(await gallery("Vic"), [photoId]);
    const after = await call({ method: "GET", path: `/api/events/${eventId}/review`, token: token.Cora });
    assert.deepEqual(after.body.items, []);
  });
});
