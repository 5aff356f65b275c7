import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { authenticateRequest } from "./index.js";
import { assertS3Error } from "./test-support/assertions.js";
import {
  ACCESS_KEY_ID,
  authOptions,
  type CapturedRequest,
  clientFor,
  ENDPOINT_HOST,
  objectPath,
  REGION,
  SECRET,
  sdkSigner,
  startCaptureServer,
  wireRequest,
} from "./test-support/sdk-signing.js";
import type { RequestToAuthenticate } from "./types.js";

const SIGNED_AT = new Date("2026-03-14T15:09:26Z");
const options = authOptions(SIGNED_AT);
const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");

/** A request signed in its Authorization header by the SDK's SignatureV4, as the server receives it. */
async function signedRequest(
  init: {
    method?: string;
    path?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: string;
  } = {},
  signer = sdkSigner(),
  signingDate = SIGNED_AT,
): Promise<RequestToAuthenticate> {
  const body = init.body ?? "";
  const signed = await signer.sign(
    {
      method: init.method ?? "PUT",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 9000,
      path: init.path ?? objectPath("photos", "uploads/cat.jpg"),
      query: init.query ?? {},
      headers: { host: ENDPOINT_HOST, "x-amz-content-sha256": sha256(body), ...init.headers },
      body,
    },
    { signingDate },
  );
  return wireRequest(signed as Parameters<typeof wireRequest>[0]);
}

function withHeaders(
  req: RequestToAuthenticate,
  headers: Record<string, string | undefined>,
): RequestToAuthenticate {
  return { ...req, headers: { ...req.headers, ...headers } };
}

describe("authenticateRequest with an Authorization header", () => {
  it("accepts a PUT signed by the SDK and asks for the body's sha256", async () => {
    const req = await signedRequest({ body: "jpeg bytes", headers: { "content-type": "image/jpeg" } });
    const auth = authenticateRequest(req, options);
    assert.equal(auth.accessKeyId, ACCESS_KEY_ID);
    assert.equal(auth.via, "header");
    assert.deepEqual(auth.payload, { kind: "sha256", hex: sha256("jpeg bytes") });
    assert.deepEqual(auth.signedHeaders, ["content-type", "host", "x-amz-content-sha256", "x-amz-date"]);
    assert.equal(auth.expiresAt, undefined);
  });

  it("accepts a GET whose query has spaces, slashes and valueless parameters", async () => {
    const req = await signedRequest({
      method: "GET",
      path: "/photos",
      query: { "list-type": "2", prefix: "events/summer party/", delimiter: "/", "start-after": "a+b=c&d" },
    });
    assert.equal(authenticateRequest(req, options).via, "header");
    const valueless = await signedRequest({ method: "GET", path: "/photos", query: { uploads: "" } });
    assert.equal(authenticateRequest({ ...valueless, rawQuery: "uploads" }, options).via, "header");
  });

  it("reads a + in the query as a space, as form encoding does", async () => {
    const req = await signedRequest({ method: "GET", path: "/photos", query: { prefix: "summer party" } });
    assert.equal(req.rawQuery, "prefix=summer%20party");
    assert.equal(authenticateRequest({ ...req, rawQuery: "prefix=summer+party" }, options).via, "header");
  });

  it("refuses a request whose path was changed after signing", async () => {
    const req = await signedRequest();
    assertS3Error(
      () => authenticateRequest({ ...req, rawPath: "/photos/uploads/dog.jpg" }, options),
      "SignatureDoesNotMatch",
    );
  });

  it("refuses a request whose query was changed or extended after signing", async () => {
    const req = await signedRequest({ method: "GET", path: "/photos", query: { prefix: "mine/" } });
    assertS3Error(
      () => authenticateRequest({ ...req, rawQuery: "prefix=theirs%2F" }, options),
      "SignatureDoesNotMatch",
    );
    assertS3Error(
      () => authenticateRequest({ ...req, rawQuery: `${req.rawQuery}&max-keys=1` }, options),
      "SignatureDoesNotMatch",
    );
  });

  it("refuses a request whose signed header was changed, and reports what it computed", async () => {
    const req = await signedRequest({ headers: { "content-type": "image/jpeg" } });
    const error = assertS3Error(
      () => authenticateRequest(withHeaders(req, { "content-type": "text/html" }), options),
      "SignatureDoesNotMatch",
    );
    assert.match(String(error.details.CanonicalRequest), /content-type:text\/html/);
    assert.equal(error.details.AWSAccessKeyId, ACCESS_KEY_ID);
  });

  it("refuses a request whose declared payload hash was changed", async () => {
    const req = await signedRequest({ body: "original" });
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { "x-amz-content-sha256": sha256("forged") }), options),
      "SignatureDoesNotMatch",
    );
  });

  it("accepts unsigned ordinary headers added on the way", async () => {
    const req = await signedRequest();
    const auth = authenticateRequest(
      withHeaders(req, {
        "user-agent": "curl/8",
        "x-forwarded-for": "10.0.0.1",
        "x-amzn-trace-id": "Root=1",
      }),
      options,
    );
    assert.equal(auth.accessKeyId, ACCESS_KEY_ID);
  });

  it("refuses unsigned x-amz-* headers, as S3 does", async () => {
    const req = await signedRequest();
    const error = assertS3Error(
      () =>
        authenticateRequest(
          withHeaders(req, { "x-amz-acl": "public-read", "x-amz-tagging": "a=b" }),
          options,
        ),
      "AccessDenied",
      /not signed/,
    );
    assert.equal(error.details.HeadersNotSigned, "x-amz-acl, x-amz-tagging");
  });

  it("refuses a signed header that is missing from the request", async () => {
    const req = await signedRequest({ headers: { "content-type": "image/jpeg" } });
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { "content-type": undefined }), options),
      "SignatureDoesNotMatch",
    );
  });

  it("refuses a signature made with another secret", async () => {
    const req = await signedRequest({}, sdkSigner("not-the-secret"));
    assertS3Error(() => authenticateRequest(req, options), "SignatureDoesNotMatch");
  });

  it("refuses an unknown access key", async () => {
    const req = await signedRequest();
    assertS3Error(
      () => authenticateRequest(req, { ...options, secretFor: () => undefined }),
      "InvalidAccessKeyId",
    );
  });

  it("refuses a credential scoped to another region and names the right one", async () => {
    const req = await signedRequest({}, sdkSigner(SECRET, "eu-west-1"));
    const error = assertS3Error(
      () => authenticateRequest(req, options),
      "AuthorizationHeaderMalformed",
      /eu-west-1/,
    );
    assert.equal(error.details.Region, REGION);
  });

  it("refuses a credential scoped to another service", async () => {
    const req = await signedRequest();
    const authorization = String(req.headers.authorization).replace("/s3/aws4_request", "/sqs/aws4_request");
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { authorization }), options),
      "AuthorizationHeaderMalformed",
    );
  });

  it("refuses a credential date that differs from x-amz-date", async () => {
    const req = await signedRequest();
    const authorization = String(req.headers.authorization).replace("/20260314/", "/20260313/");
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { authorization }), options),
      "AuthorizationHeaderMalformed",
    );
  });

  it("allows 15 minutes of clock skew either way and no more", async () => {
    const req = await signedRequest();
    const at = (minutes: number) => authOptions(new Date(SIGNED_AT.getTime() + minutes * 60_000));
    assert.equal(authenticateRequest(req, at(14.9)).accessKeyId, ACCESS_KEY_ID);
    assert.equal(authenticateRequest(req, at(-14.9)).accessKeyId, ACCESS_KEY_ID);
    const error = assertS3Error(() => authenticateRequest(req, at(15.1)), "RequestTimeTooSkewed");
    assert.equal(error.status, 403);
    assertS3Error(() => authenticateRequest(req, at(-15.1)), "RequestTimeTooSkewed");
    assertS3Error(
      () => authenticateRequest(req, { ...at(2), maxClockSkewSeconds: 60 }),
      "RequestTimeTooSkewed",
    );
  });

  it("refuses anonymous requests: buckets are private", () => {
    const error = assertS3Error(
      () =>
        authenticateRequest(
          { method: "GET", rawPath: "/photos/a.jpg", rawQuery: "", headers: { host: ENDPOINT_HOST } },
          options,
        ),
      "AccessDenied",
    );
    assert.equal(error.status, 403);
  });

  it("requires x-amz-content-sha256 and a valid date", async () => {
    const req = await signedRequest();
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { "x-amz-content-sha256": undefined }), options),
      "InvalidRequest",
    );
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { "x-amz-content-sha256": "abc" }), options),
      "InvalidArgument",
    );
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { "x-amz-date": "yesterday" }), options),
      "AccessDenied",
    );
  });

  it("requires the host header to be signed", async () => {
    const req = await signedRequest();
    const authorization = String(req.headers.authorization).replace("SignedHeaders=host;", "SignedHeaders=");
    const error = assertS3Error(
      () => authenticateRequest(withHeaders(req, { authorization }), options),
      "AccessDenied",
    );
    assert.equal(error.details.HeadersNotSigned, "host");
  });

  it("verifies header values after trimming and collapsing runs of spaces", async () => {
    const req = await signedRequest({ headers: { "x-amz-meta-caption": "a  sunny   day" } });
    const auth = authenticateRequest(withHeaders(req, { "x-amz-meta-caption": "  a sunny day " }), options);
    assert.equal(auth.accessKeyId, ACCESS_KEY_ID);
  });

  it("refuses session tokens, two auth mechanisms at once, SigV2 and malformed headers", async () => {
    const req = await signedRequest();
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { "x-amz-security-token": "t" }), options),
      "InvalidAccessKeyId",
    );
    assertS3Error(
      () => authenticateRequest({ ...req, rawQuery: "X-Amz-Algorithm=AWS4-HMAC-SHA256" }, options),
      "InvalidArgument",
    );
    assertS3Error(
      () => authenticateRequest(withHeaders(req, { authorization: "AWS AKID:c2ln" }), options),
      "InvalidRequest",
    );
    assertS3Error(
      () =>
        authenticateRequest(withHeaders(req, { authorization: "AWS4-HMAC-SHA256 Credential=x" }), options),
      "AuthorizationHeaderMalformed",
    );
  });
});

describe("authenticateRequest with requests sent by the real S3 client", () => {
  let capture: Awaited<ReturnType<typeof startCaptureServer>>;
  before(async () => {
    capture = await startCaptureServer();
  });
  after(() => capture.close());

  const awkwardKeys = [
    "uploads/a b.jpg",
    "uploads/ünïcødé/日本語.jpg",
    "uploads/1+1=2.jpg",
    "uploads/wow!*'().jpg",
    "uploads/100%.jpg",
    "uploads/../escape/./dots.jpg",
    "uploads/semi;colon,comma&amp@at$dollar#hash?q.jpg",
    "uploads//double//slash.jpg",
  ];

  for (const key of awkwardKeys) {
    it(`verifies a PutObject and a GetObject of "${key}" and refuses them once the key is altered`, async () => {
      const client = clientFor(capture.endpoint);
      capture.requests.length = 0;
      await client.send(
        new PutObjectCommand({ Bucket: "photos", Key: key, Body: "bytes", ContentType: "image/jpeg" }),
      );
      await client.send(new GetObjectCommand({ Bucket: "photos", Key: key }));
      client.destroy();
      assert.equal(capture.requests.length, 2);
      const [put, get] = capture.requests as [CapturedRequest, CapturedRequest];
      const now = authOptions(new Date());
      const putAuth = authenticateRequest(put, now);
      assert.deepEqual(putAuth.payload, { kind: "sha256", hex: sha256("bytes") });
      assert.equal(authenticateRequest(get, now).via, "header");
      assertS3Error(
        () => authenticateRequest({ ...put, rawPath: `${put.rawPath}x` }, now),
        "SignatureDoesNotMatch",
      );
    });
  }

  it("verifies a ListObjectsV2 with a prefix full of reserved characters", async () => {
    const client = clientFor(capture.endpoint);
    capture.requests.length = 0;
    await client
      .send(new ListObjectsV2Command({ Bucket: "photos", Prefix: "a b/+&=ü*", MaxKeys: 5 }))
      .catch(() => undefined);
    client.destroy();
    const [list] = capture.requests as [CapturedRequest];
    assert.match(list.rawQuery, /prefix=/);
    assert.equal(authenticateRequest(list, authOptions(new Date())).via, "header");
  });
});
