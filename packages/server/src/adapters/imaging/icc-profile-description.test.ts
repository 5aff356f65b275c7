import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import sharp from "sharp";
import { fixture } from "../../../test/support/test-images.js";
import { iccProfileDescription } from "./icc-profile-description.js";

async function embeddedProfile(image: Buffer): Promise<Buffer> {
  const { icc } = await sharp(image).metadata();
  assert.ok(icc, "the image carries an ICC profile");
  return icc;
}

describe("iccProfileDescription", () => {
  it("reads an ICC v2 textDescription (real JPEG) and a v4 multi-localised one (libvips sRGB)", async () => {
    assert.equal(
      iccProfileDescription(await embeddedProfile(fixture("corrupt-exif-loop.jpg"))),
      "sRGB IEC61966-2.1",
    );
    const tagged = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } })
      .withIccProfile("srgb")
      .png()
      .toBuffer();
    assert.equal(iccProfileDescription(await embeddedProfile(tagged)), "sRGB");
  });

  it("returns undefined for truncated, empty and random profiles without throwing", async () => {
    // This profile's desc tag spans bytes 388–496; every cut below lands before its end.
    const profile = await embeddedProfile(fixture("corrupt-exif-loop.jpg"));
    for (const length of [0, 100, 140, 200, 400]) {
      assert.equal(iccProfileDescription(profile.subarray(0, length)), undefined, `cut at ${length}`);
    }
    for (let round = 0; round < 200; round++) {
      const noise = randomBytes(600);
      noise.writeUInt32BE(3, 128);
      assert.doesNotThrow(() => iccProfileDescription(noise));
    }
  });
});
