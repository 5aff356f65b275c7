import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { decodeJwt } from "jose";
import { createApiHandler } from "../../src/entrypoints/lambda/handlers/api-handler.js";
import { apiCaller } from "../support/aws/api-caller.js";
import { AwsHostHarness } from "../support/aws/aws-host-harness.js";

/**
 * Invitations by email on the AWS host: the API's Lambda handler reads Cognito's `email_verified` claim
 * (tokens from cognito-local, a Cognito-compatible server) and admits only a verified owner of the invited
 * address. Invite codes need no verified email.
 */
describe("AWS host: accepting an email invitation needs Cognito's email_verified", () => {
  const harness = new AwsHostHarness();
  let call: ReturnType<typeof apiCaller>;
  let organizer: string;
  let event: { id: string; inviteCode: string };

  before(async () => {
    const host = await harness.start();
    call = apiCaller(createApiHandler(host.app));
    organizer = await harness.signIn("Olga");
    const created = await call({
      method: "POST",
      path: "/api/events",
      token: organizer,
      body: { name: "Gala" },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    event = created.body;
  });
  after(() => harness.stop());

  async function invite(email: string) {
    const res = await call({
      method: "POST",
      path: `/api/events/${event.id}/invitations`,
      token: organizer,
      body: { emails: [email] },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }

  it("refuses a Cognito user whose email is not verified (403), and lists them no invitations", async () => {
    const email = `una-${Date.now()}@example.test`;
    await invite(email);
    const token = await harness.signIn("Una", { email, emailVerified: false });
    assert.equal(decodeJwt(token).email_verified, false, "cognito-local's claim for an unverified email");

    const join = await call({ method: "POST", path: `/api/events/${event.id}/join`, token });
    assert.equal(join.status, 403);
    assert.equal(join.body.error.code, "EMAIL_NOT_VERIFIED");
    const mine = await call({ method: "GET", path: "/api/invitations", token });
    assert.deepEqual(mine.body.items, []);

    // The invite code still works without a verified email.
    const byCode = await call({
      method: "POST",
      path: "/api/events/join",
      token,
      body: { inviteCode: event.inviteCode },
    });
    assert.equal(byCode.status, 200, JSON.stringify(byCode.body));
  });

  it("admits a Cognito user whose email is verified", async () => {
    const email = `vera-${Date.now()}@example.test`;
    await invite(email);
    const token = await harness.signIn("Vera", { email, emailVerified: true });
    assert.equal(decodeJwt(token).email_verified, true);

    const mine = await call({ method: "GET", path: "/api/invitations", token });
    assert.deepEqual(
      mine.body.items.map((item: { event: { id: string } }) => item.event.id),
      [event.id],
    );
    const join = await call({ method: "POST", path: `/api/events/${event.id}/join`, token });
    assert.equal(join.status, 200, JSON.stringify(join.body));
    assert.equal(join.body.role, "attendee");
  });
});
