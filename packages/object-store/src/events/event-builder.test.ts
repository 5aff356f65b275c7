import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildEventMessages, encodeEventKey, ruleMatches } from "./event-builder.js";
import type { S3EventMessage } from "./event-types.js";

const facts = {
  eventName: "ObjectCreated:Put" as const,
  region: "us-east-1",
  bucket: "photos",
  key: "uploads/a b+c.jpg",
  size: 3,
  etag: '"abc"',
  eventTime: new Date("2026-01-02T03:04:05.678Z"),
  principalId: "AKID",
  sourceIp: "127.0.0.1",
  requestId: "REQ",
  hostId: "HOST",
};

describe("S3 event messages", () => {
  it("encodes keys as S3 does: spaces as '+', '+' escaped, '/' kept", () => {
    assert.equal(encodeEventKey("uploads/a b+c.jpg"), "uploads/a+b%2Bc.jpg");
    assert.equal(encodeEventKey("é/ü"), "%C3%A9/%C3%BC");
  });

  it("matches rules by exact name or family wildcard, prefix and suffix", () => {
    const rule = { events: ["s3:ObjectCreated:*"], prefix: "uploads/", suffix: ".jpg" };
    assert.equal(ruleMatches(rule, "ObjectCreated:Post", "uploads/x.jpg"), true);
    assert.equal(ruleMatches(rule, "ObjectRemoved:Delete", "uploads/x.jpg"), false);
    assert.equal(ruleMatches(rule, "ObjectCreated:Put", "other/x.jpg"), false);
    assert.equal(ruleMatches(rule, "ObjectCreated:Put", "uploads/x.png"), false);
    assert.equal(ruleMatches({ events: ["s3:ObjectCreated:Put"] }, "ObjectCreated:Post", "a"), false);
  });

  it("builds one message per matching rule with the unquoted ETag and the sequencer", () => {
    const messages = buildEventMessages(
      [
        { id: "one", events: ["s3:ObjectCreated:*"] },
        { events: ["s3:ObjectCreated:Put"] },
        { events: ["s3:ObjectRemoved:*"] },
      ],
      facts,
      "00000000000000A1",
    ).map((m) => JSON.parse(m) as S3EventMessage);
    assert.deepEqual(
      messages.map((m) => m.Records[0]!.s3.configurationId),
      ["one", "notification-2"],
    );
    const record = messages[0]!.Records[0]!;
    assert.equal(record.eventTime, "2026-01-02T03:04:05.678Z");
    assert.deepEqual(record.s3.object, {
      key: "uploads/a+b%2Bc.jpg",
      size: 3,
      eTag: "abc",
      sequencer: "00000000000000A1",
    });
  });
});
