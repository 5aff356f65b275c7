import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { HostHarness } from "./support/embedded-host-harness.js";
import { makeJpeg } from "./support/photos.js";

/** A valid PNG header claiming `width`×`height` pixels, with almost no data: a decompression bomb's shape. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Hostile files through the real store and pipeline: each is rejected with its reason, and work goes on. */
describe("embedded host: hostile uploads", () => {
  const harness = new HostHarness();
  let user: ApiClient;

  before(async () => {
    await harness.start();
    user = await ApiClient.signUp(harness, "Mal");
  });
  after(() => harness.stop());

  async function uploadAs(bytes: Buffer, contentType: string) {
    const ticket = await user.call("POST", "/api/photos/initiate-upload", {
      filename: "x",
      contentType,
      size: bytes.length,
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal((await uploadWithTicket(ticket.body, bytes, contentType)).status, 204);
    return user.waitForPhoto(ticket.body.photoId);
  }

  it("rejects a PNG that claims 20,000 × 20,000 pixels without decoding it", async () => {
    const photo = await uploadAs(pngClaiming(20_000, 20_000), "image/png");
    assert.equal(photo.status, "rejected");
    assert.match(photo.statusReason, /20000×20000 pixels/);
  });

  it("rejects a truncated JPEG", async () => {
    const whole = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 3,
        background: "#888",
        noise: { type: "gaussian", mean: 128, sigma: 30 },
      },
    })
      .jpeg()
      .toBuffer();
    const photo = await uploadAs(whole.subarray(0, Math.floor(whole.length / 2)), "image/jpeg");
    assert.equal(photo.status, "rejected");
    assert.match(photo.statusReason, /damaged or truncated/);
  });

  it("refuses an empty file before it is stored: no ticket, and no one-step upload", async () => {
    const ticket = await user.call("POST", "/api/photos/initiate-upload", {
      filename: "empty.jpg",
      contentType: "image/jpeg",
      size: 0,
    });
    assert.equal(ticket.status, 400);
    const direct = await fetch(`${harness.host.url}/api/photos`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, "content-type": "image/jpeg" },
      body: new Uint8Array(0),
    });
    assert.equal(direct.status, 400);
  });

  it("keeps working after all of them: the next real photo becomes ready", async () => {
    const photo = await uploadAs(await makeJpeg(640, 480, "#4a4"), "image/jpeg");
    assert.equal(photo.status, "ready");
  });
});
