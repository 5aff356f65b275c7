import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import { createAppHarness } from "../../test/support/app-harness.js";

describe("HTTP app served by @hono/node-server on a real socket", () => {
  let server: ReturnType<typeof serve>;
  let base: string;

  before(async () => {
    const { app } = createAppHarness();
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("creates an event over HTTP and echoes the request id", async () => {
    const res = await fetch(`${base}/api/events`, {
      method: "POST",
      headers: {
        authorization: "Bearer token-alice",
        "content-type": "application/json",
        "x-request-id": "sock-1",
      },
      body: JSON.stringify({ name: "Over the wire" }),
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("x-request-id"), "sock-1");
    assert.equal(((await res.json()) as { name: string }).name, "Over the wire");
  });

  it("answers 413 to a chunked direct upload that outgrows the limit, before it ends", async () => {
    let sent = 0;
    // 1 MiB offered in 1 KiB chunks against a 1 KiB limit; the answer must not wait for all of it.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= 1024 * 1024) return controller.close();
        sent += 1024;
        controller.enqueue(new Uint8Array(1024));
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    const res = await fetch(`${base}/api/photos`, {
      method: "POST",
      headers: { authorization: "Bearer token-alice", "content-type": "image/jpeg" },
      body,
      duplex: "half",
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "PAYLOAD_TOO_LARGE");
    assert.ok(sent < 1024 * 1024, `the client had sent ${sent} bytes when the answer came`);
  });
});

describe("JSON limits and CORS headers over a real socket", () => {
  let server: ReturnType<typeof serve>;
  let base: string;
  const allowedOrigin = "http://localhost:5173";

  before(async () => {
    const { app } = createAppHarness({
      corsOrigins: [allowedOrigin],
      limits: { maxJsonBytes: 256, maxDirectUploadBytes: 1024 },
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const createEvent = (
    body: string | ReadableStream<Uint8Array>,
    extraHeaders: Record<string, string> = {},
  ) =>
    fetch(`${base}/api/events`, {
      method: "POST",
      headers: { authorization: "Bearer token-alice", "content-type": "application/json", ...extraHeaders },
      body,
      duplex: "half",
    } as RequestInit);

  it("refuses a JSON body whose declared length is over the limit with 413", async () => {
    const res = await createEvent(JSON.stringify({ name: "x".repeat(300) }));
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "PAYLOAD_TOO_LARGE");
  });

  it("refuses a chunked JSON body (no declared length) that outgrows the limit with 413", async () => {
    const encoded = new TextEncoder().encode(JSON.stringify({ name: "y".repeat(300) }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoded.subarray(0, 100));
        controller.enqueue(encoded.subarray(100));
        controller.close();
      },
    });
    const res = await createEvent(body);
    assert.equal(res.status, 413);
  });

  it("accepts a chunked JSON body within the limit", async () => {
    const encoded = new TextEncoder().encode(JSON.stringify({ name: "Chunked" }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoded.subarray(0, 5));
        controller.enqueue(encoded.subarray(5));
        controller.close();
      },
    });
    const res = await createEvent(body);
    assert.equal(res.status, 201);
    assert.equal(((await res.json()) as { name: string }).name, "Chunked");
  });

  it("answers INVALID_JSON to a body that does not parse", async () => {
    const res = await createEvent('{"name": ');
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "INVALID_JSON");
  });

  it("adds CORS headers for an allowed origin, with the request id exposed", async () => {
    const res = await createEvent(JSON.stringify({ name: "From the web client" }), {
      origin: allowedOrigin,
      "x-request-id": "cors-1",
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("access-control-allow-origin"), allowedOrigin);
    assert.match(res.headers.get("access-control-expose-headers") ?? "", /X-Request-Id/);
    assert.equal(res.headers.get("vary"), "Origin");
    assert.equal(res.headers.get("x-request-id"), "cors-1");
  });

  it("adds no CORS grant for another origin, on success and on errors alike", async () => {
    const ok = await createEvent(JSON.stringify({ name: "Elsewhere" }), { origin: "https://evil.example" });
    assert.equal(ok.status, 201);
    assert.equal(ok.headers.get("access-control-allow-origin"), null);
    assert.equal(ok.headers.get("vary"), "Origin");
    const refused = await fetch(`${base}/api/events`, { headers: { origin: allowedOrigin } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get("access-control-allow-origin"), allowedOrigin);
    assert.ok(refused.headers.get("x-request-id"));
  });

  it("parses a multipart upload from the socket, and answers 400 to a body of many tiny parts before it ends", async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    const form = new FormData();
    form.set("title", "Over the socket");
    form.set("file", new Blob([jpeg], { type: "image/jpeg" }), "sock.jpg");
    const created = await fetch(`${base}/api/photos`, {
      method: "POST",
      headers: { authorization: "Bearer token-alice" },
      body: form,
    });
    assert.equal(created.status, 201);
    assert.equal(((await created.json()) as { title: string }).title, "Over the socket");

    let sent = 0;
    const part = new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n');
    // Parts offered for as long as the server reads; it must answer after the first few.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= 4096) return controller.close();
        sent++;
        controller.enqueue(part);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    const refused = await fetch(`${base}/api/photos`, {
      method: "POST",
      headers: { authorization: "Bearer token-alice", "content-type": "multipart/form-data; boundary=b" },
      body,
      duplex: "half",
    } as RequestInit);
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get("connection"), "close", "the rest of a large body is not read");
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "VALIDATION_FAILED");
    assert.ok(sent < 4096, `the answer waited for all ${sent} parts`);
  });
});
