import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";

const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const BOUNDARY = "----shoebox-test-boundary";

/** `count` tiny text parts, then (optionally) a file part: the shape of the body that used to stall the host. */
function tinyParts(count: number, withFile = true): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`);
  }
  const file = withFile
    ? Buffer.concat([
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        jpegBytes,
        Buffer.from("\r\n"),
      ])
    : Buffer.alloc(0);
  return Buffer.concat([Buffer.from(parts.join("")), file, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

/** A body handed over in small chunks, counting how many the app pulls. */
function countedStream(body: Buffer, chunkBytes: number) {
  const pulled = { chunks: 0 };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      pulled.chunks++;
      controller.enqueue(body.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
  return { stream, pulled };
}

describe("HTTP app: multipart direct uploads are parsed as they stream, within limits", () => {
  const multipartHeaders = {
    authorization: "Bearer token-alice",
    "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
  };

  it("refuses a body of many tiny parts with 400 after reading its first chunks, not the whole body", async () => {
    // Limits sized so the size limit is not what stops it: 64 KiB of parts against a 1 KiB file limit plus
    // 64 KiB of overhead.
    const { app } = createAppHarness();
    const body = tinyParts(1500);
    const { stream, pulled } = countedStream(body, 256);
    const res = await app.request("/api/photos", {
      method: "POST",
      headers: multipartHeaders,
      body: stream,
      duplex: "half",
    } as RequestInit);
    assert.equal(res.status, 400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(json.error.code, "VALIDATION_FAILED");
    assert.match(json.error.message, /at most 8 fields/);
    const total = Math.ceil(body.length / 256);
    assert.ok(pulled.chunks < 10, `pulled ${pulled.chunks} of ${total} chunks before refusing`);
  });

  it("takes a form with the file after its text fields", async () => {
    const { call } = createAppHarness();
    const res = await call("POST", "/api/photos", {
      as: "alice",
      body: tinyParts(3),
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.filename, "a.jpg");
  });

  it("refuses a second file part, a file part with another name, and an over-long field with 400", async () => {
    const { call } = createAppHarness();
    const twoFiles = new FormData();
    twoFiles.append("file", new Blob([jpegBytes], { type: "image/jpeg" }), "a.jpg");
    twoFiles.append("file", new Blob([jpegBytes], { type: "image/jpeg" }), "b.jpg");
    const other = new FormData();
    other.append("photo", new Blob([jpegBytes], { type: "image/jpeg" }), "a.jpg");
    const longField = new FormData();
    longField.set("description", "d".repeat(9000));
    longField.set("file", new Blob([jpegBytes], { type: "image/jpeg" }), "a.jpg");
    for (const body of [twoFiles, other, longField]) {
      const res = await call("POST", "/api/photos", { as: "alice", body });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, "VALIDATION_FAILED");
    }
  });

  it("refuses a body with no boundary or a truncated body with 400", async () => {
    const { call } = createAppHarness();
    const noBoundary = await call("POST", "/api/photos", {
      as: "alice",
      body: "whatever",
      headers: { "content-type": "multipart/form-data" },
    });
    assert.equal(noBoundary.status, 400);
    const whole = tinyParts(1);
    const truncated = await call("POST", "/api/photos", {
      as: "alice",
      body: whole.subarray(0, whole.length - 20),
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    assert.equal(truncated.status, 400);
    assert.equal(truncated.body.error.code, "VALIDATION_FAILED");
  });

  it("refuses a file part over the limit with 413 while it streams", async () => {
    const { app } = createAppHarness();
    const form = Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      Buffer.alloc(60_000, 1),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    const { stream, pulled } = countedStream(form, 256);
    const res = await app.request("/api/photos", {
      method: "POST",
      headers: multipartHeaders,
      body: stream,
      duplex: "half",
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, "PAYLOAD_TOO_LARGE");
    assert.ok(pulled.chunks < 20, `pulled ${pulled.chunks} chunks of 256 bytes for a 1024-byte file limit`);
  });
});
