import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { checkPostPolicy, keyForUpload, parsePostPolicy, verifyPostSignature } from "./index.js";
import { assertS3Error } from "./test-support/assertions.js";
import { authOptions, presigningClient, SECRET, sdkSigner } from "./test-support/sdk-signing.js";

// biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal placeholder, not a template.
const FILENAME = "${filename}";
const SIGNED_AT = new Date("2026-03-14T15:09:26Z");
const options = authOptions(new Date(SIGNED_AT.getTime() + 5_000));
const NOW = new Date(SIGNED_AT.getTime() + 60_000);

type Conditions = Parameters<typeof createPresignedPost>[1]["Conditions"];

/** A POST ticket from the SDK's createPresignedPost, as the form fields a browser sends (names lower-cased). */
async function postTicket(
  init: { key?: string; conditions?: Conditions; fields?: Record<string, string>; expires?: number } = {},
): Promise<Map<string, string>> {
  const client = presigningClient();
  const realNow = Date.now;
  // createPresignedPost reads the clock itself; pin it so the ticket is deterministic.
  Date.now = () => SIGNED_AT.getTime();
  try {
    const { fields } = await createPresignedPost(client, {
      Bucket: "photos",
      Key: init.key ?? "uploads/photo-1.jpg",
      Conditions: init.conditions ?? [
        ["content-length-range", 1, 10_000_000],
        ["starts-with", "$Content-Type", "image/"],
        { "x-amz-meta-owner": "user-42" },
      ],
      Fields: init.fields ?? { "Content-Type": "image/jpeg", "x-amz-meta-owner": "user-42" },
      Expires: init.expires ?? 600,
    });
    return new Map(Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]));
  } finally {
    Date.now = realNow;
    client.destroy();
  }
}

function check(fields: Map<string, string>, overrides: { key?: string; bucket?: string; now?: Date } = {}) {
  const { policy } = verifyPostSignature(fields, options);
  return checkPostPolicy(policy, {
    bucket: overrides.bucket ?? "photos",
    key: overrides.key ?? fields.get("key") ?? "",
    fields,
    now: overrides.now ?? NOW,
  });
}

function withField(
  fields: Map<string, string>,
  name: string,
  value: string | undefined,
): Map<string, string> {
  const copy = new Map(fields);
  if (value === undefined) copy.delete(name);
  else copy.set(name, value);
  return copy;
}

describe("verifyPostSignature and checkPostPolicy", () => {
  it("accept a form made by createPresignedPost and return the length range to enforce", async () => {
    const fields = await postTicket();
    const { accessKeyId, policy } = verifyPostSignature(fields, options);
    assert.equal(accessKeyId, "AKIASHOEBOXTEST0001");
    assert.deepEqual(policy.expiration, new Date(SIGNED_AT.getTime() + 600_000));
    assert.deepEqual(check(fields), { contentLengthRange: { min: 1, max: 10_000_000 } });
  });

  it("refuse a form whose policy or signature was altered, or signed with another secret", async () => {
    const fields = await postTicket();
    const policy = JSON.parse(Buffer.from(fields.get("policy")!, "base64").toString());
    policy.conditions[0] = ["content-length-range", 1, 5_000_000_000];
    const altered = withField(fields, "policy", Buffer.from(JSON.stringify(policy)).toString("base64"));
    assertS3Error(() => verifyPostSignature(altered, options), "SignatureDoesNotMatch");
    const signature = fields.get("x-amz-signature")!;
    const flipped = withField(
      fields,
      "x-amz-signature",
      `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`,
    );
    assertS3Error(() => verifyPostSignature(flipped, options), "SignatureDoesNotMatch");
    assertS3Error(
      () => verifyPostSignature(fields, { ...options, secretFor: () => "other-secret" }),
      "SignatureDoesNotMatch",
    );
  });

  it("refuse unknown keys and credentials for another region", async () => {
    const fields = await postTicket();
    assertS3Error(
      () => verifyPostSignature(fields, { ...options, secretFor: () => undefined }),
      "InvalidAccessKeyId",
    );
    assertS3Error(
      () => verifyPostSignature(fields, { ...options, region: "eu-west-1" }),
      "InvalidArgument",
      /region/,
    );
  });

  it("refuse anonymous forms and forms missing a signing field", async () => {
    assertS3Error(() => verifyPostSignature(new Map([["key", "a.jpg"]]), options), "AccessDenied");
    const fields = await postTicket();
    for (const name of ["policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature"]) {
      assertS3Error(
        () => verifyPostSignature(withField(fields, name, undefined), options),
        "InvalidArgument",
        new RegExp(name),
      );
    }
  });

  it("refuse an expired policy", async () => {
    const fields = await postTicket({ expires: 60 });
    assert.ok(check(fields, { now: new Date(SIGNED_AT.getTime() + 60_000) }));
    assertS3Error(
      () => check(fields, { now: new Date(SIGNED_AT.getTime() + 61_000) }),
      "AccessDenied",
      /^Invalid according to Policy: Policy expired\.$/,
    );
  });

  it("check exact-match conditions in both forms, against the URL's bucket", async () => {
    const fields = await postTicket({
      conditions: [{ acl: "private" }, ["eq", "$x-amz-meta-event", "summer"]],
      fields: { acl: "private", "x-amz-meta-event": "summer" },
    });
    assert.deepEqual(check(fields), {});
    assertS3Error(
      () => check(withField(fields, "acl", "public-read")),
      "AccessDenied",
      /Policy Condition failed: \["eq", "\$acl", "private"\]/,
    );
    assertS3Error(
      () => check(withField(fields, "x-amz-meta-event", "winter")),
      "AccessDenied",
      /x-amz-meta-event/,
    );
    assertS3Error(
      () => check(withField(fields, "x-amz-meta-event", undefined)),
      "AccessDenied",
      /Policy Condition failed/,
    );
    assertS3Error(() => check(fields, { bucket: "other-bucket" }), "AccessDenied", /\$bucket/);
  });

  it("check the key after the filename placeholder is substituted", async () => {
    const fields = await postTicket({ key: `uploads/${FILENAME}`, conditions: [], fields: {} });
    assert.equal(fields.get("key"), `uploads/${FILENAME}`);
    assert.deepEqual(check(fields, { key: keyForUpload(fields.get("key")!, "cat.jpg") }), {});
    assertS3Error(
      () => check(withField(fields, "key", "private/x.jpg"), { key: "private/x.jpg" }),
      "AccessDenied",
      /\$key/,
    );
  });

  it("check the exact key of a ticket pinned to one key", async () => {
    const fields = await postTicket({ key: "uploads/photo-1.jpg" });
    assertS3Error(
      () => check(fields, { key: "uploads/photo-2.jpg" }),
      "AccessDenied",
      /\["eq", "\$key", "uploads\/photo-1.jpg"\]/,
    );
  });

  it("check starts-with, including an empty prefix that allows any value", async () => {
    const ticket = await postTicket({
      conditions: [
        ["starts-with", "$Content-Type", "image/"],
        ["starts-with", "$x-amz-meta-caption", ""],
      ],
      fields: {},
    });
    // createPresignedPost pins every field it is given as an exact match; these are the browser's own.
    const fields = withField(
      withField(ticket, "content-type", "image/png"),
      "x-amz-meta-caption",
      "anything at all",
    );
    assert.deepEqual(check(fields), {});
    assert.deepEqual(check(withField(fields, "x-amz-meta-caption", "")), {});
    assertS3Error(
      () => check(withField(fields, "content-type", "text/html")),
      "AccessDenied",
      /starts-with", "\$content-type", "image\/"/,
    );
    assertS3Error(() => check(withField(fields, "content-type", "image/png, text/html")), "AccessDenied");
    assert.deepEqual(check(withField(fields, "content-type", "image/png, image/webp")), {});
  });

  it("intersect several content-length ranges", async () => {
    const fields = await postTicket({
      conditions: [
        ["content-length-range", 10, 1000],
        ["content-length-range", 100, 5000],
      ],
      fields: {},
    });
    assert.deepEqual(check(fields), { contentLengthRange: { min: 100, max: 1000 } });
  });

  it("refuse fields no condition covers, except the exempt ones and x-ignore-*", async () => {
    const fields = await postTicket();
    assertS3Error(
      () => check(withField(fields, "success_action_status", "201")),
      "AccessDenied",
      /^Invalid according to Policy: Extra input fields: success_action_status$/,
    );
    assertS3Error(
      () => check(withField(fields, "x-amz-meta-unplanned", "1")),
      "AccessDenied",
      /Extra input fields/,
    );
    const exempt = withField(withField(fields, "x-ignore-tracking", "abc"), "file", "cat.jpg");
    assert.ok(check(exempt));
  });

  it("compare field names case-insensitively", async () => {
    const fields = await postTicket({
      conditions: [["eq", "$Cache-Control", "no-store"]],
      fields: { "Cache-Control": "no-store" },
    });
    assert.equal(fields.get("cache-control"), "no-store");
    assert.deepEqual(check(fields), {});
  });

  it("refuse malformed policy documents even when correctly signed", async () => {
    const fields = await postTicket();
    const signer = sdkSigner(SECRET);
    for (const document of [
      "not json",
      "[]",
      '{"conditions":[]}',
      '{"expiration":"soon","conditions":[]}',
      '{"expiration":"2030-01-01T00:00:00Z","conditions":[["between","$key","a"]]}',
    ]) {
      const policy = Buffer.from(document).toString("base64");
      const signature = await signer.sign(policy, { signingDate: SIGNED_AT });
      const form = withField(withField(fields, "policy", policy), "x-amz-signature", signature);
      assertS3Error(() => verifyPostSignature(form, options), "InvalidArgument", /Invalid Policy/);
    }
    assertS3Error(() => parsePostPolicy("%%%"), "InvalidArgument");
  });
});
