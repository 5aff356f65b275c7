import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { authenticateRequest } from "./index.js";
import { assertS3Error } from "./test-support/assertions.js";
import {
  ACCESS_KEY_ID,
  authOptions,
  ENDPOINT_HOST,
  objectPath,
  presigningClient,
  requestFromUrl,
  SECRET,
  sdkSigner,
  wireRequest,
} from "./test-support/sdk-signing.js";
import type { RequestToAuthenticate } from "./types.js";

const SIGNED_AT = new Date("2026-03-14T15:09:26Z");
const at = (seconds: number) => authOptions(new Date(SIGNED_AT.getTime() + seconds * 1000));
const options = at(30);

/** A presigned PutObject ticket as the Shoebox API issues it: content-type bound, metadata in the query. */
async function putTicket(key = "uploads/cat.jpg", expiresIn = 600): Promise<string> {
  const client = presigningClient();
  const url = await getSignedUrl(
    client,
    new PutObjectCommand({
      Bucket: "photos",
      Key: key,
      ContentType: "image/jpeg",
      ContentLength: 1234,
      Metadata: { owner: "user 42", event: "summer" },
    }),
    { expiresIn, signingDate: SIGNED_AT, signableHeaders: new Set(["content-type", "content-length"]) },
  );
  client.destroy();
  return url;
}

function browserPut(url: string, headers: Record<string, string> = {}): RequestToAuthenticate {
  return requestFromUrl(url, "PUT", { "content-type": "image/jpeg", "content-length": "1234", ...headers });
}

/** Replaces one query parameter's raw value. */
function withQuery(
  req: RequestToAuthenticate,
  name: string,
  rawValue: string | undefined,
): RequestToAuthenticate {
  const pairs = req.rawQuery.split("&").filter((pair) => !pair.startsWith(`${name}=`));
  if (rawValue !== undefined) pairs.push(`${name}=${rawValue}`);
  return { ...req, rawQuery: pairs.join("&") };
}

describe("authenticateRequest with a presigned URL", () => {
  it("accepts a presigned PUT from getSignedUrl with its signed content-type and length", async () => {
    const auth = authenticateRequest(browserPut(await putTicket()), options);
    assert.equal(auth.accessKeyId, ACCESS_KEY_ID);
    assert.equal(auth.via, "presigned");
    assert.deepEqual(auth.payload, { kind: "unsigned" });
    assert.deepEqual(auth.signedHeaders, ["content-length", "content-type", "host"]);
    assert.deepEqual(auth.expiresAt, new Date(SIGNED_AT.getTime() + 600_000));
  });

  it("refuses a presigned PUT whose content-type differs from the signed one", async () => {
    const url = await putTicket();
    assertS3Error(
      () => authenticateRequest(browserPut(url, { "content-type": "text/html" }), options),
      "SignatureDoesNotMatch",
    );
    const withoutType = browserPut(url);
    delete withoutType.headers["content-type"];
    assertS3Error(() => authenticateRequest(withoutType, options), "SignatureDoesNotMatch");
  });

  it("refuses a presigned PUT whose content-length differs from the signed one", async () => {
    const url = await putTicket();
    assertS3Error(
      () => authenticateRequest(browserPut(url, { "content-length": "99999999" }), options),
      "SignatureDoesNotMatch",
    );
  });

  it("refuses a presigned PUT whose x-amz-meta value in the query was changed or removed", async () => {
    const req = browserPut(await putTicket());
    assert.match(req.rawQuery, /x-amz-meta-owner=user%2042/);
    assertS3Error(
      () => authenticateRequest(withQuery(req, "x-amz-meta-owner", "user%2043"), options),
      "SignatureDoesNotMatch",
    );
    assertS3Error(
      () => authenticateRequest(withQuery(req, "x-amz-meta-owner", undefined), options),
      "SignatureDoesNotMatch",
    );
    assertS3Error(
      () => authenticateRequest(withQuery(req, "x-amz-meta-extra", "1"), options),
      "SignatureDoesNotMatch",
    );
  });

  it("refuses a presigned URL used for another key or method", async () => {
    const req = browserPut(await putTicket());
    assertS3Error(
      () => authenticateRequest({ ...req, rawPath: "/photos/uploads/dog.jpg" }, options),
      "SignatureDoesNotMatch",
    );
    assertS3Error(() => authenticateRequest({ ...req, method: "DELETE" }, options), "SignatureDoesNotMatch");
  });

  it("accepts unsigned ordinary headers a browser adds, but not unsigned x-amz-* headers", async () => {
    const url = await putTicket();
    const auth = authenticateRequest(
      browserPut(url, { origin: "https://shoebox.example", "user-agent": "Firefox" }),
      options,
    );
    assert.equal(auth.via, "presigned");
    const error = assertS3Error(
      () => authenticateRequest(browserPut(url, { "x-amz-acl": "public-read" }), options),
      "AccessDenied",
    );
    assert.equal(error.details.HeadersNotSigned, "x-amz-acl");
    assert.equal(
      authenticateRequest(browserPut(url, { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }), options).via,
      "presigned",
    );
  });

  it("refuses a URL once expired, with S3's message, and accepts it up to the last second", async () => {
    const req = browserPut(await putTicket("uploads/cat.jpg", 600));
    assert.equal(authenticateRequest(req, at(600)).via, "presigned");
    const error = assertS3Error(
      () => authenticateRequest(req, at(601)),
      "AccessDenied",
      /^Request has expired$/,
    );
    assert.equal(error.details["X-Amz-Expires"], 600);
  });

  it("refuses X-Amz-Expires beyond 7 days, zero or not a number", async () => {
    const client = presigningClient();
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: "photos", Key: "a.jpg" }), {
      expiresIn: 604_800,
      signingDate: SIGNED_AT,
    });
    client.destroy();
    const req = requestFromUrl(url, "GET");
    assert.equal(authenticateRequest(req, at(604_000)).via, "presigned");
    for (const bad of ["604801", "0", "ten", "-5"]) {
      assertS3Error(
        () => authenticateRequest(withQuery(req, "X-Amz-Expires", bad), options),
        "AuthorizationQueryParametersError",
      );
    }
    // S3's own words for a negative expiry (s3-tests test_object_raw_put_authenticated_expired).
    assertS3Error(
      () => authenticateRequest(withQuery(req, "X-Amz-Expires", "-1000"), options),
      "AuthorizationQueryParametersError",
      /^X-Amz-Expires must be non-negative$/,
    );
  });

  it("refuses a URL signed too far in the future", async () => {
    const req = browserPut(await putTicket());
    assert.equal(authenticateRequest(req, at(-14 * 60)).via, "presigned");
    assertS3Error(() => authenticateRequest(req, at(-16 * 60)), "RequestTimeTooSkewed");
  });

  it("refuses wrong secrets, unknown keys and other regions", async () => {
    const signer = sdkSigner("wrong-secret");
    const request = {
      method: "GET",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 9000,
      path: "/photos/a.jpg",
      query: {},
      headers: { host: ENDPOINT_HOST, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    };
    const wrongSecret = wireRequest(await signer.presign(request, { signingDate: SIGNED_AT, expiresIn: 60 }));
    assertS3Error(() => authenticateRequest(wrongSecret, options), "SignatureDoesNotMatch");
    assertS3Error(
      () => authenticateRequest(wrongSecret, { ...options, secretFor: () => undefined }),
      "InvalidAccessKeyId",
    );

    const otherRegion = wireRequest(
      await sdkSigner(SECRET, "eu-west-1").presign(request, { signingDate: SIGNED_AT, expiresIn: 60 }),
    );
    assertS3Error(
      () => authenticateRequest(otherRegion, options),
      "AuthorizationQueryParametersError",
      /eu-west-1/,
    );
  });

  it("refuses presigned URLs that carry a session token", async () => {
    const client = new S3Client({
      region: "us-east-1",
      endpoint: `http://${ENDPOINT_HOST}`,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, sessionToken: "temporary" },
    });
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: "photos", Key: "a.jpg" }), {
      signingDate: SIGNED_AT,
    });
    client.destroy();
    assert.match(url, /X-Amz-Security-Token=/);
    assertS3Error(() => authenticateRequest(requestFromUrl(url, "GET"), options), "InvalidAccessKeyId");
  });

  it("refuses a presigned URL missing one of its parameters, or with a malformed one", async () => {
    const req = browserPut(await putTicket());
    for (const name of [
      "X-Amz-Credential",
      "X-Amz-Date",
      "X-Amz-SignedHeaders",
      "X-Amz-Expires",
      "X-Amz-Signature",
    ]) {
      assertS3Error(
        () => authenticateRequest(withQuery(req, name, undefined), options),
        "AuthorizationQueryParametersError",
      );
    }
    assertS3Error(
      () => authenticateRequest(withQuery(req, "X-Amz-Date", "2026-03-14"), options),
      "AuthorizationQueryParametersError",
    );
    assertS3Error(
      () => authenticateRequest(withQuery(req, "X-Amz-Algorithm", "AWS4-HMAC-SHA1"), options),
      "AuthorizationQueryParametersError",
    );
    assertS3Error(
      () => authenticateRequest({ ...req, rawQuery: `${req.rawQuery}&X-Amz-Date=20260314T150926Z` }, options),
      "AuthorizationQueryParametersError",
    );
  });

  it("binds If-None-Match when it is signed, so a create-only ticket cannot overwrite", async () => {
    const client = presigningClient();
    const url = await getSignedUrl(
      client,
      new PutObjectCommand({ Bucket: "photos", Key: "uploads/new.jpg", IfNoneMatch: "*" }),
      { signingDate: SIGNED_AT, signableHeaders: new Set(["if-none-match"]) },
    );
    client.destroy();
    const req = requestFromUrl(url, "PUT", { "if-none-match": "*" });
    assert.ok(authenticateRequest(req, options).signedHeaders.includes("if-none-match"));
    const withoutCondition = requestFromUrl(url, "PUT");
    assertS3Error(() => authenticateRequest(withoutCondition, options), "SignatureDoesNotMatch");
  });

  for (const key of [
    "a b.jpg",
    "ünï/日本.jpg",
    "1+1.jpg",
    "x!*'().jpg",
    "100%.jpg",
    "../up/./dots.jpg",
    "~tilde_-.jpg",
  ]) {
    it(`verifies a presigned GET of "${key}" and refuses it for a neighbouring key`, async () => {
      const client = presigningClient();
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: "photos", Key: `uploads/${key}` }),
        {
          signingDate: SIGNED_AT,
        },
      );
      client.destroy();
      const req = requestFromUrl(url, "GET");
      assert.equal(req.rawPath, objectPath("photos", `uploads/${key}`));
      assert.equal(authenticateRequest(req, options).via, "presigned");
      assertS3Error(
        () => authenticateRequest({ ...req, rawPath: `${req.rawPath}.bak` }, options),
        "SignatureDoesNotMatch",
      );
    });
  }
});
