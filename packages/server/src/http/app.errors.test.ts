import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";
import { RateLimitedError } from "../domain/errors.js";
import type { EventService } from "../services/events/event.service.js";
import type { UploadService } from "../services/uploads/upload.service.js";

describe("HTTP app: cross-cutting behaviour", () => {
  it("refuses a protected route without a token with 401 and a Bearer challenge", async () => {
    const { call } = createAppHarness();
    const res = await call("GET", "/api/events");
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("www-authenticate"), "Bearer");
    assert.equal(res.body.error.code, "UNAUTHENTICATED");
  });

  it("refuses an invalid token with 401 invalid_token", async () => {
    const { call } = createAppHarness();
    const res = await call("GET", "/api/me", { headers: { authorization: "Bearer nonsense!" } });
    assert.equal(res.status, 401);
    assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer/);
    assert.equal(res.body.error.code, "UNAUTHENTICATED");
    const basic = await call("GET", "/api/me", { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    assert.equal(basic.status, 401);
  });

  it("answers every protected route with 401 when no token is sent", async () => {
    const { call } = createAppHarness();
    const routes: [string, string][] = [
      ["GET", "/api/me"],
      ["POST", "/api/events"],
      ["GET", "/api/events"],
      ["GET", "/api/events/e1"],
      ["POST", "/api/events/e1/invitations"],
      ["GET", "/api/invitations"],
      ["POST", "/api/events/e1/invite-code"],
      ["POST", "/api/events/join"],
      ["POST", "/api/events/e1/join"],
      ["GET", "/api/events/e1/attendees"],
      ["DELETE", "/api/events/e1/attendees/u1"],
      ["POST", "/api/events/e1/photos/initiate-upload"],
      ["POST", "/api/photos/initiate-upload"],
      ["POST", "/api/photos"],
      ["GET", "/api/events/e1/photos"],
      ["GET", "/api/photos"],
      ["GET", "/api/photos/p1"],
      ["DELETE", "/api/photos/p1"],
    ];
    for (const [method, path] of routes) {
      const res = await call(method, path, method === "GET" ? {} : { json: {} });
      assert.equal(res.status, 401, `${method} ${path}`);
    }
  });

  it("answers an unknown route with 404 NOT_FOUND in the error shape", async () => {
    const { call } = createAppHarness();
    const res = await call("GET", "/api/nowhere", { as: "alice" });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, "NOT_FOUND");
  });

  it("answers a known path with the wrong method with 405 and Allow", async () => {
    const { call } = createAppHarness();
    const res = await call("PUT", "/api/events", { as: "alice", json: {} });
    assert.equal(res.status, 405);
    assert.equal(res.body.error.code, "METHOD_NOT_ALLOWED");
    assert.match(res.headers.get("allow") ?? "", /GET/);
    assert.match(res.headers.get("allow") ?? "", /POST/);
  });

  it("answers malformed JSON with 400 INVALID_JSON", async () => {
    const { call } = createAppHarness();
    const res = await call("POST", "/api/events", {
      as: "alice",
      body: '{"name": ',
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "INVALID_JSON");
  });

  it("answers a missing field with 400 VALIDATION_FAILED naming the field", async () => {
    const { call } = createAppHarness();
    const res = await call("POST", "/api/events", { as: "alice", json: { description: "no name" } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "VALIDATION_FAILED");
    assert.match(res.body.error.message, /^name: /);
  });

  it("answers a JSON route sent as text with 415", async () => {
    const { call } = createAppHarness();
    const res = await call("POST", "/api/events", {
      as: "alice",
      body: "name=x",
      headers: { "content-type": "text/plain" },
    });
    assert.equal(res.status, 415);
    assert.equal(res.body.error.code, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses a JSON body over the limit with 413", async () => {
    const { call } = createAppHarness();
    const res = await call("POST", "/api/events", {
      as: "alice",
      json: { name: "x", description: "y".repeat(5000) },
    });
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, "PAYLOAD_TOO_LARGE");
  });

  it("answers an unexpected failure with a generic 500 and logs it with its stack and request id", async () => {
    const failing = {
      listMine: async () => {
        throw new Error("database exploded at /var/lib/secret.db");
      },
    } as unknown as EventService;
    const { call, logger } = createAppHarness({ events: failing });
    const res = await call("GET", "/api/events", { as: "alice", headers: { "x-request-id": "req-123" } });
    assert.equal(res.status, 500);
    assert.deepEqual(res.body, {
      error: {
        code: "INTERNAL",
        message: "Something went wrong on our side; quote the request id if you report it",
        requestId: "req-123",
      },
    });
    assert.doesNotMatch(JSON.stringify(res.body), /exploded|secret|at /);
    const logged = logger.lines.find((line) => line.message === "unhandled error");
    assert.ok(logged, "the error is logged");
    assert.equal(logged.level, "error");
    assert.equal(logged.fields.requestId, "req-123");
    assert.match(String((logged.fields.error as Error).stack), /database exploded/);
  });

  it("answers a rate-limited request with 429 and Retry-After", async () => {
    // A route that declares 429 (the response check refuses undeclared statuses).
    const limited = {
      initiate: async () => {
        throw new RateLimitedError(30);
      },
    } as unknown as UploadService;
    const { call } = createAppHarness({ uploads: limited });
    const res = await call("POST", "/api/photos/initiate-upload", {
      as: "alice",
      json: { filename: "a.jpg", contentType: "image/jpeg", size: 10 },
    });
    assert.equal(res.status, 429);
    assert.equal(res.headers.get("retry-after"), "30");
    assert.equal(res.body.error.code, "RATE_LIMITED");
  });

  it("echoes a request id, or makes one, and logs one line per request without the query", async () => {
    const { call, logger } = createAppHarness();
    const given = await call("GET", "/api/events?limit=5&sig=secret", {
      as: "alice",
      headers: { "x-request-id": "abc-1" },
    });
    assert.equal(given.headers.get("x-request-id"), "abc-1");
    const made = await call("GET", "/api/nowhere");
    assert.match(made.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    const forged = await call("GET", "/api/nowhere", { headers: { "x-request-id": '"} {"level":"fake' } });
    assert.match(forged.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);

    const requests = logger.lines.filter((line) => line.message === "request");
    assert.equal(requests.length, 3);
    const first = requests[0]!.fields;
    assert.equal(first.method, "GET");
    assert.equal(first.path, "/api/events");
    assert.equal(first.status, 200);
    assert.equal(first.requestId, "abc-1");
    assert.equal(first.userId, "user-alice");
    assert.equal(typeof first.durationMs, "number");
    assert.doesNotMatch(JSON.stringify(requests), /secret/);
  });

  it("serves CORS preflights for the configured origins only", async () => {
    const { app } = createAppHarness({ corsOrigins: ["http://localhost:5173"] });
    const preflight = (origin: string) =>
      app.request("/api/events", {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization",
        },
      });
    const allowed = await preflight("http://localhost:5173");
    assert.equal(allowed.headers.get("access-control-allow-origin"), "http://localhost:5173");
    const other = await preflight("https://evil.example");
    assert.equal(other.headers.get("access-control-allow-origin"), null);
  });
});
