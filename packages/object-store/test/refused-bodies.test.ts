import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { errorCode, requestHeaders } from "./support/raw-request.js";
import { BUCKET, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
let presigner: S3Client;
before(async () => {
  f = await startFixture();
  presigner = f.makeClient({ requestChecksumCalculation: "WHEN_REQUIRED" });
});
after(() => f.close());

/** Sends with Node's global fetch (undici), which fails with EPIPE when a server resets it mid-body. */
async function send(url: string, init: RequestInit): Promise<{ status: number; body: string }> {
  const response = await fetch(url, init).catch((error: Error) => {
    throw new Error(`fetch failed: ${String(error.cause ?? error)}`);
  });
  return { status: response.status, body: await response.text() };
}

async function tamperedForm(file: Buffer, edit: (fields: Record<string, string>) => void): Promise<FormData> {
  const post = await createPresignedPost(presigner, {
    Bucket: BUCKET,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal POST key placeholder
    Key: "refused/${filename}",
    Conditions: [["content-length-range", 1, 64 * 1024 * 1024]],
    Expires: 300,
  });
  const fields = { ...post.fields };
  edit(fields);
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([file]), "photo.jpg");
  return form;
}

/** A body stream that yields `chunkBytes` every `delayMs`, like an upload on a slow link. */
function trickle(bytes: Uint8Array, chunkBytes: number, delayMs: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    async pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      controller.enqueue(bytes.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
}

const url = () => `${f.store.endpoint}/${BUCKET}`;

describe("refused requests whose body is still arriving", () => {
  for (const size of [512 * 1024, 24 * 1024 * 1024]) {
    const label = `${size / 1024} KiB`;

    it(`answers a POST form with a tampered signature (${label}) with its XML error, not a reset`, async () => {
      const form = await tamperedForm(randomBytes(size), (fields) => {
        fields["X-Amz-Signature"] = "0".repeat(64);
      });
      const response = await send(url(), { method: "POST", body: form });
      assert.equal(response.status, 403);
      assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
    });

    it(`answers a POST form whose key is outside the policy (${label}) with its XML error`, async () => {
      const form = await tamperedForm(randomBytes(size), (fields) => {
        fields.key = "elsewhere/photo.jpg";
      });
      const response = await send(url(), { method: "POST", body: form });
      assert.equal(response.status, 403);
      assert.equal(errorCode(response.body), "AccessDenied");
    });

    it(`answers a POST form with metadata outside the policy (${label}) with its XML error`, async () => {
      const form = await tamperedForm(randomBytes(size), (fields) => {
        fields["x-amz-meta-owner"] = "mallory";
      });
      const response = await send(url(), { method: "POST", body: form });
      assert.equal(response.status, 403);
      assert.equal(errorCode(response.body), "AccessDenied");
    });

    it(`answers a presigned PUT with a tampered signature (${label}) with its XML error`, async () => {
      const signed = await getSignedUrl(
        presigner,
        new PutObjectCommand({ Bucket: BUCKET, Key: "refused/put" }),
      );
      const tampered = signed.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${"0".repeat(64)}`);
      const response = await send(tampered, { method: "PUT", body: randomBytes(size) });
      assert.equal(response.status, 403);
      assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
    });
  }

  it("answers a form that is still being sent slowly, then closes without resetting", async () => {
    const form = await tamperedForm(randomBytes(4 * 1024 * 1024), (fields) => {
      fields["X-Amz-Signature"] = "0".repeat(64);
    });
    const request = new Request(url(), { method: "POST", body: form });
    const response = await send(url(), {
      method: "POST",
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      body: trickle(new Uint8Array(await request.arrayBuffer()), 64 * 1024, 2),
      duplex: "half",
    } as RequestInit);
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
  });

  it("reads on after answering a refused large body, so a client still sending is never reset", async () => {
    const endpoint = new URL(f.store.endpoint);
    const headers = await requestHeaders(f.store.endpoint, {
      method: "PUT",
      path: `/${BUCKET}/refused/raw`,
      headers: { "content-length": String(4 * 1024 * 1024) },
      contentSha256: "UNSIGNED-PAYLOAD",
      secretAccessKey: "not-the-secret",
    });
    const socket = connect(Number(endpoint.port), endpoint.hostname);
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    socket.write(`PUT /${BUCKET}/refused/raw HTTP/1.1\r\n${head}\r\n`);
    let received = "";
    let failure: Error | undefined;
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
    });
    socket.on("error", (error) => {
      failure = error;
    });
    // Keep sending past the drain bound and after the answer, as a slow uploader would: the store reads on
    // (a reset would fail the write or the read) and closes once the body ended.
    let ended = false;
    socket.on("end", () => {
      ended = true;
    });
    const chunk = Buffer.alloc(64 * 1024);
    for (let sent = 0; sent < 4 * 1024 * 1024 && !failure; sent += chunk.length) {
      socket.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    assert.equal(failure, undefined, `the connection was reset: ${String(failure)}`);
    assert.ok(ended, "the store did not close its side of the connection");
    assert.match(received, /^HTTP\/1\.1 403 /);
    assert.match(received, /connection: close/i);
    assert.equal(errorCode(received), "SignatureDoesNotMatch");
  });

  it("serves the next request after draining a small refused body", async () => {
    const signed = await getSignedUrl(
      presigner,
      new PutObjectCommand({ Bucket: BUCKET, Key: "refused/put" }),
    );
    const tampered = signed.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${"0".repeat(64)}`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await agentRequest(agent, tampered, "PUT", randomBytes(256 * 1024));
      assert.equal(first.status, 403);
      const second = await agentRequest(agent, signed, "PUT", Buffer.from("hello"));
      assert.equal(second.status, 200);
    } finally {
      agent.destroy();
    }
  });
});

/** One request through `agent`, which keeps (and reuses) its single connection. */
function agentRequest(
  agent: http.Agent,
  target: string,
  method: string,
  body: Buffer,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method, agent, headers: { "content-length": body.length } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
