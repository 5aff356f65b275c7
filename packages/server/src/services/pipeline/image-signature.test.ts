import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { isDeclarableAs, sniffImageKind } from "./image-signature.js";

const pixel = () => sharp({ create: { width: 4, height: 4, channels: 3, background: "#c33" } });

describe("sniffImageKind", () => {
  it("recognises the formats sharp writes from their magic bytes", async () => {
    assert.equal(sniffImageKind(await pixel().jpeg().toBuffer()), "jpeg");
    assert.equal(sniffImageKind(await pixel().png().toBuffer()), "png");
    assert.equal(sniffImageKind(await pixel().webp().toBuffer()), "webp");
    assert.equal(sniffImageKind(await pixel().gif().toBuffer()), "gif");
    assert.equal(sniffImageKind(await pixel().tiff().toBuffer()), "tiff");
    assert.equal(sniffImageKind(await pixel().avif().toBuffer()), "avif");
  });

  it("recognises a HEIC container by its ftyp brand", () => {
    const head = Buffer.alloc(32);
    head.writeUInt32BE(24, 0);
    head.write("ftypheic", 4, "latin1");
    head.write("mif1heic", 16, "latin1");
    assert.equal(sniffImageKind(head), "heif");
  });

  it("returns undefined for text, empty input and truncated signatures", () => {
    assert.equal(sniffImageKind(Buffer.from("hello, I am not a photo")), undefined);
    assert.equal(sniffImageKind(Buffer.alloc(0)), undefined);
    assert.equal(sniffImageKind(Buffer.from([0xff, 0xd8])), undefined);
    assert.equal(sniffImageKind(Buffer.from("RIFF\0\0\0\0WAVE")), undefined);
  });
});

describe("isDeclarableAs", () => {
  it("accepts the declared type of the same family, case-insensitively", () => {
    assert.equal(isDeclarableAs("jpeg", "image/jpeg"), true);
    assert.equal(isDeclarableAs("heif", "image/HEIC"), true);
    assert.equal(isDeclarableAs("heif", "image/heif"), true);
  });

  it("refuses a declared type of another format", () => {
    assert.equal(isDeclarableAs("png", "image/jpeg"), false);
    assert.equal(isDeclarableAs("jpeg", "text/plain"), false);
  });
});
