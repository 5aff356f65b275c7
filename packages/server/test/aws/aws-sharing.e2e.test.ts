import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SignedUrlVerifier } from "../../src/adapters/cloudfront/signed-url-verifier.js";
import { DynamoGuestLinkRepository } from "../../src/adapters/dynamodb/dynamo-guest-link.repository.js";
import { DynamoPhotoRepository } from "../../src/adapters/dynamodb/dynamo-photo.repository.js";
import { createAwsHost } from "../../src/composition/aws-host.js";
import { createApiHandler } from "../../src/entrypoints/lambda/handlers/api-handler.js";
import { createPipelineHandler } from "../../src/entrypoints/lambda/handlers/pipeline-handler.js";
import { systemClock } from "../../src/ports/clock.js";
import { uploadWithTicket } from "../support/api-client.js";
import { apiCaller } from "../support/aws/api-caller.js";
import {
  AwsHostHarness,
  CDN_KEY_PAIR_ID,
  CDN_URL,
  GRANT_SECRET_PARAMETER,
  MAX_RECEIVE_COUNT,
} from "../support/aws/aws-host-harness.js";
import { sqsEvent } from "../support/aws/lambda-events.js";
import { silentLogger } from "../support/aws/silent-logger.js";
import { makeJpeg } from "../support/photos.js";

const PASSWORD_ATTEMPTS = 3;

/**
 * Sharing on the AWS host, through the API's Lambda handler against DynamoDB Local, the embedded S3
 * endpoint and cognito-local: share links with passwords, CloudFront-signed image URLs and revocation;
 * guest links whose caps hold in DynamoDB; limits and grants that hold across Lambda instances.
 */
describe("AWS host: sharing and guest uploads through the Lambda handlers", () => {
  const harness = new AwsHostHarness();
  let call: ReturnType<typeof apiCaller>;
  /** A second API instance (another cold start), sharing only the table and the SSM secret. */
  let otherInstance: ReturnType<typeof apiCaller>;
  let pipeline: ReturnType<typeof createPipelineHandler>;
  let photos: DynamoPhotoRepository;
  let guestLinks: DynamoGuestLinkRepository;
  let organizer: string;
  let eventId: string;
  let photoId: string;

  /** Uploads `bytes` with a ticket answer and runs the pipeline on its S3 notification, as SQS would. */
  async function uploadAndProcess(ticket: Parameters<typeof uploadWithTicket>[0], bytes: Buffer) {
    assert.equal((await uploadWithTicket(ticket, bytes, "image/jpeg")).status, 204);
    const key = ticket.fields?.key;
    assert.ok(key, "a presigned POST ticket names its key");
    const message = await harness.s3MessageFor(key);
    assert.deepEqual(await pipeline(sqsEvent([{ body: JSON.stringify(message) }])), {
      batchItemFailures: [],
    });
  }

  before(async () => {
    const host = await harness.start({
      SHOEBOX_RATE_LIMIT_LINK_PASSWORD_PER_MINUTE: String(PASSWORD_ATTEMPTS),
    });
    call = apiCaller(createApiHandler(host.app));
    otherInstance = apiCaller(createApiHandler((await harness.createHost()).app));
    pipeline = createPipelineHandler({
      pipeline: host.pipeline,
      logger: silentLogger,
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    const tableOptions = {
      client: harness.dynamodbDocuments(),
      tableName: harness.config.storage.tableName!,
    };
    photos = DynamoPhotoRepository.create(tableOptions);
    guestLinks = DynamoGuestLinkRepository.create(tableOptions);
    organizer = await harness.signIn("Olga");
    const created = await call({
      method: "POST",
      path: "/api/events",
      token: organizer,
      body: { name: "Fair" },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    eventId = created.body.id;
    const jpeg = await makeJpeg(640, 480, "#5a3");
    const ticket = await call({
      method: "POST",
      path: `/api/events/${eventId}/photos/initiate-upload`,
      token: organizer,
      body: { filename: "IMG_0001.jpg", contentType: "image/jpeg", size: jpeg.length, title: "Ferris wheel" },
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    await uploadAndProcess(ticket.body, jpeg);
    photoId = ticket.body.photoId;
  });
  after(() => harness.stop());

  it("reads the grant secret from SSM once per cold start", () => {
    assert.equal(harness.ssmReadsOf(GRANT_SECRET_PARAMETER), 2, "two API instances, one read each");
  });

  it("fails the cold start when the grant secret cannot be read, rather than serving without it", async () => {
    const config = { ...harness.config, aws: { ...harness.config.aws!, shareGrantSecretParameter: "/nope" } };
    await assert.rejects(
      createAwsHost(config, { logger: silentLogger, endpoints: harness.endpoints }),
      (error: Error) => error.name === "ParameterNotFound",
    );
  });

  it("shares an event behind a password: unlocked on one instance, served with CloudFront-signed URLs on another, refused once revoked", async () => {
    const created = await call({
      method: "POST",
      path: "/api/shares",
      token: organizer,
      body: { eventId, password: "candy floss", allowDownload: true },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { id, token, url } = created.body;
    assert.equal(url, `${CDN_URL}/s/${token}`, "the page is served through CloudFront's /s/* behaviour");

    assert.equal((await call({ method: "GET", path: `/api/public/shares/${token}` })).status, 401);
    assert.equal((await call({ method: "GET", path: `/s/${token}` })).status, 401, "the page asks too");
    const unlocked = await call({
      method: "POST",
      path: `/api/public/shares/${token}/unlock`,
      body: { password: "candy floss" },
    });
    assert.equal(unlocked.status, 200, JSON.stringify(unlocked.body));
    const access = { "x-share-access": unlocked.body.accessToken };

    const shared = await otherInstance({
      method: "GET",
      path: `/api/public/shares/${token}`,
      headers: access,
    });
    assert.equal(shared.status, 200, "a grant from one instance opens the share on another");
    assert.equal(shared.body.title, "Fair");
    const [photo] = shared.body.photos;
    assert.equal(photo.id, photoId);
    const verifier = new SignedUrlVerifier({
      baseUrl: `${CDN_URL}/cdn`,
      publicKeys: new Map([[CDN_KEY_PAIR_ID, harness.cdnPublicKey]]),
      clock: systemClock,
    });
    for (const link of [photo.urls.thumb, photo.urls.web, photo.urls.download]) {
      const signed = new URL(link);
      assert.equal(`${signed.origin}/cdn/`, `${CDN_URL}/cdn/`);
      const key = signed.pathname.slice("/cdn/".length);
      assert.ok(key.startsWith(`variants/${photoId}/`), `only variants are shared, not ${key}`);
      assert.equal(
        verifier.verify(key, signed.search.slice(1)).ok,
        true,
        "verifies with the key group's key",
      );
    }

    assert.equal((await call({ method: "DELETE", path: `/api/shares/${id}`, token: organizer })).status, 204);
    for (const api of [call, otherInstance]) {
      const refused = await api({ method: "GET", path: `/api/public/shares/${token}`, headers: access });
      assert.equal(refused.status, 410);
      assert.equal(refused.body.error.code, "LINK_GONE");
    }
  });

  it("limits password guesses per link and per client address across instances, by the address API Gateway saw", async () => {
    const share = async () =>
      (
        await call({
          method: "POST",
          path: "/api/shares",
          token: organizer,
          body: { photoId, password: "open sesame" },
        })
      ).body.token as string;
    const guess = (api: typeof call, token: string, sourceIp: string) =>
      api({
        method: "POST",
        path: `/api/public/shares/${token}/unlock`,
        body: { password: "wrong" },
        sourceIp,
      });
    const first = await share();
    for (let i = 0; i < PASSWORD_ATTEMPTS; i++) {
      const api = i % 2 === 0 ? call : otherInstance;
      assert.equal((await guess(api, first, "198.51.100.7")).status, 401);
    }
    const limited = await guess(otherInstance, first, "198.51.100.7");
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers["retry-after"]) >= 1);

    const second = await share();
    assert.equal((await guess(call, second, "198.51.100.7")).status, 429, "the same address, another link");
    assert.equal((await guess(call, second, "192.0.2.44")).status, 401, "another address is not limited");
  });

  it("takes guest uploads through a link up to its cap, counted in DynamoDB across instances", async () => {
    const link = await call({
      method: "POST",
      path: `/api/events/${eventId}/guest-links`,
      token: organizer,
      body: { maxUploads: 2 },
    });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    assert.ok(link.body.url.startsWith(`${CDN_URL}/`), "guests open it through CloudFront");
    const info = await call({ method: "GET", path: `/api/guest/${link.body.token}` });
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(JSON.stringify(info.body).includes("Fair"), true, "the guest learns the event's name");

    const jpeg = await makeJpeg(320, 240, "#c33");
    const initiate = (api: typeof call) =>
      api({
        method: "POST",
        path: `/api/guest/${link.body.token}/initiate-upload`,
        body: { filename: "guest.jpg", contentType: "image/jpeg", size: jpeg.length, guestName: "Grandma" },
      });
    const first = await initiate(call);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    await uploadAndProcess(first.body, jpeg);
    const photo = await photos.get(first.body.photoId);
    assert.equal(photo?.status, "ready");
    assert.equal(photo?.ownerId, `guest_${link.body.id}`);
    assert.equal(photo?.eventId, eventId);

    // Two guests race for the last slot on two instances: exactly one ticket.
    const racing = await Promise.all([initiate(call), initiate(otherInstance)]);
    assert.deepEqual(racing.map((answer) => answer.status).sort(), [201, 403]);
    assert.equal((await initiate(otherInstance)).status, 403, "the cap was two photos");
    const stored = await guestLinks.get(link.body.id);
    assert.deepEqual([stored?.uploads, stored?.bytes], [2, 2 * jpeg.length]);

    assert.equal(
      (await call({ method: "DELETE", path: `/api/guest-links/${link.body.id}`, token: organizer })).status,
      204,
    );
    assert.equal((await initiate(otherInstance)).status, 410);
  });

  it("previews the event by invite code and keeps an upload-only link's gallery closed, over DynamoDB", async () => {
    const event = await call({ method: "GET", path: `/api/events/${eventId}`, token: organizer });
    const preview = await otherInstance({ method: "GET", path: `/api/invites/${event.body.inviteCode}` });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.eventName, "Fair");
    assert.match(
      preview.body.coverUrl,
      /\/variants\/[\w-]+\/thumb\.webp\?/,
      "a thumbnail variant, never an original",
    );

    const link = await call({
      method: "POST",
      path: `/api/events/${eventId}/guest-links`,
      token: organizer,
      body: { mode: "upload_only" },
    });
    assert.equal(link.status, 201, JSON.stringify(link.body));
    assert.equal((await guestLinks.get(link.body.id))?.mode, "upload_only");
    const gallery = await otherInstance({ method: "GET", path: `/api/guest/${link.body.token}/photos` });
    assert.equal(gallery.status, 403);
    const open = await call({
      method: "POST",
      path: `/api/events/${eventId}/guest-links`,
      token: organizer,
      body: {},
    });
    const seen = await otherInstance({ method: "GET", path: `/api/guest/${open.body.token}/photos` });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal(
      seen.body.items.some((photo: { id: string }) => photo.id === photoId),
      true,
    );
  });
});
