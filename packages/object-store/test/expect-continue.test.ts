import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { requestHeaders } from "./support/raw-request.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
before(async () => {
  f = await startFixture();
});
after(() => f.close());

const BODY = Buffer.from("hello, continue");

/**
 * Sends a PUT's head with `Expect: 100-continue` and resolves with the first status line the store
 * answers, and `all` (everything received, once a final answer came); after a 100 it sends the body.
 */
async function firstAnswer(
  headers: Record<string, string>,
  path: string,
): Promise<{ first: string; all: Promise<string> }> {
  const endpoint = new URL(f.store.endpoint);
  const socket = connect(Number(endpoint.port), endpoint.hostname);
  const head = Object.entries({ ...headers, expect: "100-continue" })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.write(`PUT ${path} HTTP/1.1\r\n${head}\r\n`);
  let received = "";
  let resolveAll: (text: string) => void = () => {};
  const all = new Promise<string>((resolve) => {
    resolveAll = resolve;
  });
  const first = await new Promise<string>((resolve, reject) => {
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n\r\n")) resolve(received.slice(0, received.indexOf("\r\n")));
      if (/\r\n\r\n[\s\S]*HTTP\/1\.1 [2-5]\d\d/.test(received) || /^HTTP\/1\.1 [2-5]/.test(received)) {
        if (received.includes("content-length: 0") || received.includes("</Error>")) resolveAll(received);
      }
    });
    socket.on("error", reject);
    setTimeout(() => reject(new Error(`no answer; received ${JSON.stringify(received)}`)), 5_000);
  });
  if (first.startsWith("HTTP/1.1 100")) socket.write(BODY);
  const timer = setTimeout(() => resolveAll(received), 5_000);
  return {
    first,
    all: all.finally(() => {
      clearTimeout(timer);
      socket.destroy();
    }),
  };
}

describe("Expect: 100-continue", () => {
  it("answers an unauthenticated request with its error, never with 100 Continue", async () => {
    const path = `/${BUCKET}/continue/anonymous.txt`;
    const { first, all } = await firstAnswer(
      { host: new URL(f.store.endpoint).host, "content-length": String(BODY.length) },
      path,
    );
    assert.match(first, /^HTTP\/1\.1 403 /);
    assert.match(await all, /<Code>AccessDenied<\/Code>|<Code>MissingSecurityHeader<\/Code>/);
  });

  it("answers a request with a wrong signature with its error, never with 100 Continue", async () => {
    const path = `/${BUCKET}/continue/forged.txt`;
    const headers = await requestHeaders(f.store.endpoint, {
      method: "PUT",
      path,
      body: BODY,
      secretAccessKey: "not-the-secret",
    });
    const { first, all } = await firstAnswer(headers, path);
    assert.match(first, /^HTTP\/1\.1 403 /);
    assert.match(await all, /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  it("tells an authenticated client to continue, then stores its body", async () => {
    const path = `/${BUCKET}/continue/signed.txt`;
    const headers = await requestHeaders(f.store.endpoint, { method: "PUT", path, body: BODY });
    const { first, all } = await firstAnswer(headers, path);
    assert.equal(first, "HTTP/1.1 100 Continue");
    assert.match(await all, /HTTP\/1\.1 200 OK/);
    const stored = await fetch(`${f.store.endpoint}${path}`, {
      headers: await requestHeaders(f.store.endpoint, { method: "GET", path }),
    });
    assert.equal(await stored.text(), BODY.toString());
  });
});
