import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { SSMClient } from "@aws-sdk/client-ssm";
import { cachedSecureParameter } from "../../src/adapters/ssm/secure-parameter.js";
import {
  type AwsJsonStandIn,
  type StandInReply,
  startAwsJsonStandIn,
} from "../support/aws/aws-json-stand-in.js";

const region = "eu-west-1";
const credentials = { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in-secret" };

describe("cachedSecureParameter (against a local SSM stand-in, driven by the real SDK client)", () => {
  const parameters = new Map<string, string>();
  let outage = false;
  let standIn: AwsJsonStandIn;
  let ssm: SSMClient;

  before(async () => {
    standIn = await startAwsJsonStandIn({
      service: "ssm",
      region,
      credentials,
      operations: {
        GetParameter: ({ Name, WithDecryption }): StandInReply => {
          if (outage) return { status: 400, errorType: "AccessDeniedException", message: "not today" };
          const value = parameters.get(Name);
          if (value === undefined) return { status: 400, errorType: "ParameterNotFound", message: Name };
          // A SecureString read without decryption comes back as ciphertext.
          const Value = WithDecryption ? value : Buffer.from(`kms:${value}`).toString("base64");
          return { json: { Parameter: { Name, Type: "SecureString", Value, Version: 1 } } };
        },
      },
    });
    ssm = new SSMClient({ region, endpoint: standIn.endpoint, credentials, maxAttempts: 1 });
  });
  beforeEach(() => {
    standIn.calls.length = 0;
    outage = false;
  });
  after(async () => {
    ssm.destroy();
    await standIn.close();
  });

  it("reads the decrypted value once, however many callers ask", async () => {
    parameters.set("/shoebox/cdn/private-key", "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----");
    const privateKey = cachedSecureParameter(ssm, "/shoebox/cdn/private-key");
    const values = await Promise.all([privateKey(), privateKey(), privateKey()]);
    assert.equal(await privateKey(), values[0]);
    assert.deepEqual(new Set(values), new Set([parameters.get("/shoebox/cdn/private-key")]));
    assert.equal(standIn.calls.length, 1);
    assert.deepEqual(standIn.calls[0]!.body, { Name: "/shoebox/cdn/private-key", WithDecryption: true });
  });

  it("forgets a failed read, so the next caller tries again instead of failing for the container's life", async () => {
    parameters.set("/shoebox/key", "secret");
    const read = cachedSecureParameter(ssm, "/shoebox/key");
    outage = true;
    await assert.rejects(read(), { name: "AccessDeniedException" });
    outage = false;
    assert.equal(await read(), "secret");
    assert.equal(await read(), "secret");
    assert.equal(standIn.calls.length, 2);
  });

  it("names a missing parameter in its error", async () => {
    await assert.rejects(cachedSecureParameter(ssm, "/shoebox/missing")(), {
      name: "ParameterNotFound",
      message: "/shoebox/missing",
    });
  });
});
