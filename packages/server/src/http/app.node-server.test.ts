import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import { createAppHarness } from "./test-support/app-harness.js";

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
