import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UnsupportedContentTypeError, UploadTooLargeError, ValidationError } from "./errors.js";
import { uploadObjectKey } from "./object-keys.js";
import {
  assertUploadSize,
  displayFilename,
  parseImageContentType,
  parsePhotoText,
  SUPPORTED_CONTENT_TYPES,
  uploadMetadata,
} from "./upload-rules.js";

describe("upload rules", () => {
  it("accepts the eight image types, each with its extension", () => {
    const extensions = SUPPORTED_CONTENT_TYPES.map((type) => parseImageContentType(type).extension);
    assert.deepEqual(extensions, ["jpg", "png", "webp", "gif", "avif", "heic", "heif", "tiff"]);
  });

  it("refuses other types, parameters and inherited property names", () => {
    for (const type of [
      "image/svg+xml",
      "text/html",
      "image/jpeg; charset=x",
      "constructor",
      "toString",
      "",
    ]) {
      assert.throws(() => parseImageContentType(type), UnsupportedContentTypeError, type);
    }
  });

  it("builds keys under the event, or the owner's library without one", () => {
    assert.equal(
      uploadObjectKey({ ownerId: "u1", eventId: "e1", photoId: "p1", extension: "jpg" }),
      "uploads/event_e1/p1.jpg",
    );
    assert.equal(
      uploadObjectKey({ ownerId: "u1", photoId: "p1", extension: "png" }),
      "uploads/user_u1/p1.png",
    );
  });

  it("reduces a client filename to its base name without control characters", () => {
    assert.equal(displayFilename("a/b\\c.jpg", "photo.jpg"), "c.jpg");
    assert.equal(displayFilename("C:\\Users\\me\\Pictures\\IMG 1.JPG", "photo.jpg"), "IMG 1.JPG");
    assert.equal(displayFilename("line\r\nbreak.jpg", "photo.jpg"), "linebreak.jpg");
    assert.equal(displayFilename("  ", "photo.jpg"), "photo.jpg");
    assert.equal(displayFilename(undefined, "photo.png"), "photo.png");
    assert.equal(displayFilename(`dir/${"x".repeat(255)}`, "photo.jpg").length, 255);
    assert.throws(() => displayFilename("x".repeat(256), "photo.jpg"), ValidationError);
  });

  it("bounds size: positive whole bytes up to the maximum", () => {
    assertUploadSize(10, 10);
    assert.throws(() => assertUploadSize(11, 10), UploadTooLargeError);
    for (const size of [0, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => assertUploadSize(size, 10), ValidationError, String(size));
    }
  });

  it("trims title and description, drops blanks, allows newlines only in the description", () => {
    assert.deepEqual(parsePhotoText({ title: " T ", description: " a\nb " }), {
      title: "T",
      description: "a\nb",
    });
    assert.deepEqual(parsePhotoText({ title: "  ", description: "" }), {});
    assert.throws(() => parsePhotoText({ title: "a\nb" }), ValidationError);
    assert.throws(() => parsePhotoText({ title: "x".repeat(201) }), ValidationError);
    assert.deepEqual(parsePhotoText({ title: "x".repeat(200) }).title?.length, 200);
  });

  it("puts only ids in the object metadata", () => {
    assert.deepEqual(uploadMetadata({ id: "p1", ownerId: "u1", eventId: "e1" }), {
      "photo-id": "p1",
      "owner-id": "u1",
      "event-id": "e1",
    });
    assert.deepEqual(uploadMetadata({ id: "p1", ownerId: "u1" }), { "photo-id": "p1", "owner-id": "u1" });
  });
});
