import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  cleanText,
  exifDateTime,
  exifOffset,
  gpsAltitude,
  gpsDegrees,
  positiveNumber,
} from "./exif-values.js";

describe("exifDateTime", () => {
  it("applies OffsetTimeOriginal to the camera's local time", () => {
    assert.deepEqual(exifDateTime("2024:05:06 07:08:09", "+02:00"), new Date("2024-05-06T05:08:09Z"));
    assert.deepEqual(exifDateTime("2024:05:06 07:08:09", "-05:30"), new Date("2024-05-06T12:38:09Z"));
  });

  it("reads the time as UTC when there is no usable offset", () => {
    assert.deepEqual(exifDateTime("2024:05:06 07:08:09", undefined), new Date("2024-05-06T07:08:09Z"));
    assert.deepEqual(exifDateTime("2024:05:06 07:08:09", "garbage"), new Date("2024-05-06T07:08:09Z"));
  });

  it("rejects the zero date of clockless cameras, impossible dates and non-strings", () => {
    for (const value of [
      "0000:00:00 00:00:00",
      "2024:13:45 10:00:00",
      "2024:02:30 10:00:00",
      "2024:05:06 25:00:00",
    ]) {
      assert.equal(exifDateTime(value, undefined), undefined, value);
    }
    assert.equal(exifDateTime("    :  :     :  :  ", undefined), undefined);
    assert.equal(exifDateTime(20240506, undefined), undefined);
  });
});

describe("gpsDegrees", () => {
  it("converts degrees/minutes/seconds with the hemisphere's sign", () => {
    assert.equal(gpsDegrees([33, 52, 0], "S", 90), -(33 + 52 / 60));
    assert.equal(gpsDegrees([151, 12, 30], "E", 180), 151 + 12 / 60 + 30 / 3600);
    assert.equal(gpsDegrees([0, 7, 30], "W", 180), -0.125);
  });

  it("refuses strings, wrong arity, NaN, negative parts and out-of-range values", () => {
    for (const value of [
      "52,00000,50,00000,34,01180",
      [52, 50],
      [52, Number.NaN, 1],
      [-1, 0, 0],
      [91, 0, 0],
      [10, 60, 0],
    ]) {
      assert.equal(gpsDegrees(value, "N", 90), undefined, String(value));
    }
  });

  it("reads altitude below sea level from its reference byte", () => {
    assert.equal(gpsAltitude(12, Uint8Array.of(1)), -12);
    assert.equal(gpsAltitude(12, Uint8Array.of(0)), 12);
    assert.equal(gpsAltitude("12", 0), undefined);
  });
});

describe("positiveNumber and cleanText", () => {
  it("takes the first ISO of an array and refuses zero, negatives and non-numbers", () => {
    assert.equal(positiveNumber([400, 0]), 400);
    assert.equal(positiveNumber(Uint16Array.of(800)), 800);
    for (const value of [0, -1, Number.POSITIVE_INFINITY, "100", undefined]) {
      assert.equal(positiveNumber(value), undefined);
    }
  });

  it("removes NUL padding and drops empty text", () => {
    assert.equal(cleanText("Canon\u0000\u0000  "), "Canon");
    assert.equal(cleanText("\u0000\u0000"), undefined);
    assert.equal(cleanText(42), undefined);
  });
});

describe("exifOffset", () => {
  it("keeps a valid OffsetTimeOriginal", () => {
    assert.equal(exifOffset("+02:00"), "+02:00");
    assert.equal(exifOffset(" -05:30 "), "-05:30");
  });

  it("refuses offsets no clock has, and anything that is not one", () => {
    assert.equal(exifOffset("+15:00"), undefined);
    assert.equal(exifOffset("02:00"), undefined);
    assert.equal(exifOffset(120), undefined);
    assert.equal(exifOffset(undefined), undefined);
  });
});
