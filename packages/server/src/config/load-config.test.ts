import assert from "node:assert/strict";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "./load-config.js";

function failureOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail("expected loadConfig to throw");
}

describe("loadConfig", () => {
  it("reads the SMTP URL and sender, and names the public domain in the default sender", () => {
    const config = loadConfig({
      SHOEBOX_SMTP_URL: "smtps://user:secret@mail.example.org:465",
      SHOEBOX_PUBLIC_URL: "https://photos.example.org",
    });
    assert.deepEqual(config.mail, {
      smtpUrl: "smtps://user:secret@mail.example.org:465",
      from: "Shoebox <noreply@photos.example.org>",
    });
    assert.equal(loadConfig({ SHOEBOX_MAIL_FROM: "Us <us@example.org>" }).mail.from, "Us <us@example.org>");
    assert.throws(() => loadConfig({ SHOEBOX_SMTP_URL: "http://mail.example.org" }), /SHOEBOX_SMTP_URL/);
  });

  it("starts the embedded host with nothing set", () => {
    const config = loadConfig({});
    assert.deepEqual(config, {
      hostKind: "embedded",
      http: {
        host: "127.0.0.1",
        port: 8080,
        publicUrl: "http://127.0.0.1:8080",
        corsOrigins: ["http://127.0.0.1:8080"],
      },
      storage: {
        dataDir: resolve("./data"),
        bucket: "shoebox-photos",
        region: "us-east-1",
        s3Port: 9000,
        s3PublicUrl: "http://127.0.0.1:9000",
      },
      uploads: {
        maxUploadBytes: 52428800,
        maxDirectUploadBytes: 10485760,
        ticketTtlSeconds: 600,
        viewUrlTtlSeconds: 300,
      },
      pipeline: {
        labeling: true,
        minLabelConfidence: 0.4,
        moderationThreshold: 0.7,
        decodePixelBudget: 100_000_000,
      },
      auth: { kind: "embedded", issuer: "http://127.0.0.1:8080/api", clientId: "shoebox-web" },
      rateLimits: {
        trustProxy: false,
        signInPerMinute: 10,
        signUpPerMinute: 10,
        ticketsPerMinute: 600,
        linkPasswordPerMinute: 10,
        invitePreviewPerMinute: 30,
      },
      sharing: { imageUrlTtlSeconds: 300 },
      mail: { from: "Shoebox <noreply@localhost>" },
      log: { level: "info" },
    });
  });

  it("coerces numbers and derives public URLs from host and ports", () => {
    const config = loadConfig({ SHOEBOX_HOST: "0.0.0.0", SHOEBOX_PORT: "3000", SHOEBOX_S3_PORT: "3001" });
    assert.equal(config.http.port, 3000);
    assert.equal(config.http.publicUrl, "http://0.0.0.0:3000");
    assert.equal(config.storage.s3PublicUrl, "http://0.0.0.0:3001");
  });

  it("uses an explicit public URL, without its trailing slash, for the issuer and CORS default", () => {
    const config = loadConfig({ SHOEBOX_PUBLIC_URL: "https://photos.example.org/" });
    assert.equal(config.http.publicUrl, "https://photos.example.org");
    assert.deepEqual(config.http.corsOrigins, ["https://photos.example.org"]);
    assert.equal(config.auth.issuer, "https://photos.example.org/api");
  });

  it("splits a comma list of CORS origins", () => {
    const config = loadConfig({ SHOEBOX_CORS_ORIGINS: "http://localhost:5173, https://a.example" });
    assert.deepEqual(config.http.corsOrigins, ["http://localhost:5173", "https://a.example"]);
  });

  it("rejects an empty string instead of silently using the default", () => {
    assert.match(failureOf({ SHOEBOX_BUCKET: "" }), /SHOEBOX_BUCKET: must not be empty/);
  });

  it("names the variable of a non-numeric port", () => {
    assert.match(failureOf({ SHOEBOX_PORT: "eighty" }), /SHOEBOX_PORT: must be an integer from 0 to 65535/);
  });

  it("refuses an upload ticket lifetime outside 300-900 seconds", () => {
    assert.match(failureOf({ SHOEBOX_UPLOAD_TICKET_TTL_SECONDS: "60" }), /SHOEBOX_UPLOAD_TICKET_TTL_SECONDS/);
    assert.match(
      failureOf({ SHOEBOX_UPLOAD_TICKET_TTL_SECONDS: "901" }),
      /SHOEBOX_UPLOAD_TICKET_TTL_SECONDS/,
    );
    assert.equal(loadConfig({ SHOEBOX_UPLOAD_TICKET_TTL_SECONDS: "900" }).uploads.ticketTtlSeconds, 900);
  });

  it("switches labeling off and reads the thresholds as fractions", () => {
    const config = loadConfig({
      SHOEBOX_LABELING: "off",
      SHOEBOX_LABEL_MIN_CONFIDENCE: "0.55",
      SHOEBOX_MODERATION_THRESHOLD: "0.9",
      SHOEBOX_DECODE_PIXEL_BUDGET: "250000000",
    });
    assert.deepEqual(config.pipeline, {
      labeling: false,
      minLabelConfidence: 0.55,
      moderationThreshold: 0.9,
      decodePixelBudget: 250_000_000,
    });
    assert.throws(() => loadConfig({ SHOEBOX_LABELING: "maybe" }), /SHOEBOX_LABELING/);
    assert.throws(() => loadConfig({ SHOEBOX_DECODE_PIXEL_BUDGET: "0" }), /SHOEBOX_DECODE_PIXEL_BUDGET/);
    assert.throws(() => loadConfig({ SHOEBOX_MODERATION_THRESHOLD: "1.5" }), /SHOEBOX_MODERATION_THRESHOLD/);
  });

  it("reports every bad variable at once", () => {
    const message = failureOf({
      SHOEBOX_LOG_LEVEL: "loud",
      SHOEBOX_PUBLIC_URL: "ftp://x",
      SHOEBOX_CORS_ORIGINS: "nope",
    });
    assert.match(message, /SHOEBOX_LOG_LEVEL: must be one of debug, info, warn, error/);
    assert.match(message, /SHOEBOX_PUBLIC_URL: must be an http\(s\) URL/);
    assert.match(message, /SHOEBOX_CORS_ORIGINS: "nope" is not an origin/);
  });

  it("refuses a direct-upload limit above the upload limit", () => {
    assert.match(
      failureOf({ SHOEBOX_MAX_UPLOAD_BYTES: "1000", SHOEBOX_MAX_DIRECT_UPLOAD_BYTES: "2000" }),
      /SHOEBOX_MAX_DIRECT_UPLOAD_BYTES: must not exceed/,
    );
  });

  it("requires the table, user pool and client on the AWS host", () => {
    const message = failureOf({ SHOEBOX_HOST_KIND: "aws" });
    assert.match(message, /SHOEBOX_TABLE_NAME: is required/);
    assert.match(message, /SHOEBOX_COGNITO_USER_POOL_ID: is required/);
    assert.match(message, /SHOEBOX_COGNITO_CLIENT_ID: is required/);
  });

  it("derives the Cognito issuer and JWKS URL from the user pool id", () => {
    const config = loadConfig({
      SHOEBOX_HOST_KIND: "aws",
      SHOEBOX_TABLE_NAME: "shoebox",
      SHOEBOX_COGNITO_USER_POOL_ID: "eu-west-1_AbC123",
      SHOEBOX_COGNITO_CLIENT_ID: "client123",
    });
    assert.deepEqual(config.auth, {
      kind: "cognito",
      issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
      clientId: "client123",
      jwksUrl: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
      userPoolId: "eu-west-1_AbC123",
    });
    assert.equal(config.storage.tableName, "shoebox");
  });

  it("reads the pipeline queue, its receive limit, the CloudFront signer and the grant secret parameter on the AWS host only", () => {
    const aws = {
      SHOEBOX_HOST_KIND: "aws",
      SHOEBOX_TABLE_NAME: "shoebox",
      SHOEBOX_COGNITO_USER_POOL_ID: "eu-west-1_AbC123",
      SHOEBOX_COGNITO_CLIENT_ID: "client123",
    };
    assert.deepEqual(loadConfig(aws).aws, { maxReceiveCount: 5 });
    const config = loadConfig({
      ...aws,
      SHOEBOX_PIPELINE_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/123456789012/pipeline",
      SHOEBOX_PIPELINE_MAX_RECEIVE_COUNT: "3",
      SHOEBOX_CDN_URL: "https://d111111abcdef8.cloudfront.net/",
      SHOEBOX_CDN_KEY_PAIR_ID: "K2JCJMDEHXQW5F",
      SHOEBOX_CDN_PRIVATE_KEY_PARAMETER: "/shoebox/cdn/private-key",
      SHOEBOX_SHARE_GRANT_SECRET_PARAMETER: "/shoebox/sharing/grant-secret",
    });
    assert.deepEqual(config.aws, {
      pipelineQueueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/pipeline",
      maxReceiveCount: 3,
      cdn: {
        url: "https://d111111abcdef8.cloudfront.net",
        keyPairId: "K2JCJMDEHXQW5F",
        privateKeyParameter: "/shoebox/cdn/private-key",
      },
      shareGrantSecretParameter: "/shoebox/sharing/grant-secret",
    });
    assert.equal(loadConfig({ SHOEBOX_CDN_URL: "https://cdn.example" }).aws, undefined);
  });

  it("refuses some of the CloudFront settings without the others", () => {
    const message = failureOf({
      SHOEBOX_HOST_KIND: "aws",
      SHOEBOX_TABLE_NAME: "shoebox",
      SHOEBOX_COGNITO_USER_POOL_ID: "eu-west-1_AbC123",
      SHOEBOX_COGNITO_CLIENT_ID: "client123",
      SHOEBOX_CDN_URL: "https://d111111abcdef8.cloudfront.net",
    });
    assert.match(
      message,
      /SHOEBOX_CDN_KEY_PAIR_ID, SHOEBOX_CDN_PRIVATE_KEY_PARAMETER: required with the other SHOEBOX_CDN_\* settings/,
    );
  });

  it("reads the rate limits and the share image URL lifetime, with defaults that need nothing set", () => {
    const defaults = loadConfig({});
    assert.deepEqual(defaults.rateLimits, {
      trustProxy: false,
      signInPerMinute: 10,
      signUpPerMinute: 10,
      ticketsPerMinute: 600,
      linkPasswordPerMinute: 10,
      invitePreviewPerMinute: 30,
    });
    assert.equal(defaults.sharing.imageUrlTtlSeconds, 300);
    const set = loadConfig({
      SHOEBOX_TRUST_PROXY: "on",
      SHOEBOX_RATE_LIMIT_SIGN_IN_PER_MINUTE: "5",
      SHOEBOX_RATE_LIMIT_TICKETS_PER_MINUTE: "100000",
      SHOEBOX_SHARE_IMAGE_URL_TTL_SECONDS: "120",
      SHOEBOX_RATE_LIMIT_INVITE_PREVIEW_PER_MINUTE: "7",
    });
    assert.equal(set.rateLimits.invitePreviewPerMinute, 7);
    assert.equal(set.rateLimits.trustProxy, true);
    assert.equal(set.rateLimits.signInPerMinute, 5);
    assert.equal(set.rateLimits.ticketsPerMinute, 100_000);
    assert.equal(set.sharing.imageUrlTtlSeconds, 120);
    assert.throws(() => loadConfig({ SHOEBOX_RATE_LIMIT_SIGN_IN_PER_MINUTE: "0" }), /SIGN_IN_PER_MINUTE/);
    assert.throws(() => loadConfig({ SHOEBOX_SHARE_IMAGE_URL_TTL_SECONDS: "86400" }), /SHARE_IMAGE_URL_TTL/);
  });
});
