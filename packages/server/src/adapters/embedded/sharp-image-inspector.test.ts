import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
import { ImageRejectedError } from "../../domain/errors.js";
import { SharpImageInspector } from "./sharp-image-inspector.js";

const inspector = new SharpImageInspector({ maxPixels: 4_000_000 });

function photo(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: "#2a6" } });
}

describe(SharpImageInspector.name, () => {
  it("reports format and dimensions of a real JPEG and PNG", async () => {
    assert.deepEqual(await inspector.inspect(await photo(320, 200).jpeg().toBuffer()), {
      format: "jpeg",
      width: 320,
      height: 200,
    });
    assert.deepEqual(await inspector.inspect(await photo(10, 30).png().toBuffer()), {
      format: "png",
      width: 10,
      height: 30,
    });
  });

  it("rejects a truncated JPEG", async () => {
    const whole = await photo(800, 600).jpeg({ quality: 90 }).toBuffer();
    await assert.rejects(
      inspector.inspect(whole.subarray(0, Math.floor(whole.length / 2))),
      ImageRejectedError,
    );
  });

  it("rejects bytes that are no image at all", async () => {
    await assert.rejects(inspector.inspect(Buffer.from("just text")), ImageRejectedError);
    await assert.rejects(inspector.inspect(Buffer.alloc(0)), ImageRejectedError);
  });

  it("rejects an image over the pixel limit without decoding it (decompression bomb)", async () => {
    // 3000×3000 of one colour compresses to a few KB of PNG but would be 9 MP decoded.
    const bomb = await photo(3000, 3000).png({ compressionLevel: 9 }).toBuffer();
    assert.ok(bomb.length < 100_000);
    await assert.rejects(inspector.inspect(bomb), (error: unknown) => {
      assert.ok(error instanceof ImageRejectedError);
      assert.match(error.message, /pixels/);
      return true;
    });
  });
});
