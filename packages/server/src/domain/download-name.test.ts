import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attachmentDisposition, downloadNames } from "./download-name.js";

const photo = {
  id: "K3j9-Ab_xyz",
  objectKey: "uploads/event_e1/K3j9-Ab_xyz.jpg",
  createdAt: new Date("2026-06-02T10:00:00Z"),
};

describe("downloadNames", () => {
  it("names an original <event>-<date>-<n>.<ext> from the event's name, the upload day and the id", () => {
    assert.deepEqual(downloadNames("Summer Party!", photo), {
      ascii: "summer-party-2026-06-02-k3j9ab.jpg",
      unicode: "summer-party-2026-06-02-k3j9ab.jpg",
    });
  });

  it("prefers the day it was taken", () => {
    const taken = { ...photo, takenAt: new Date("2025-12-31T23:00:00Z") };
    assert.equal(downloadNames("Gala", taken).ascii, "gala-2025-12-31-k3j9ab.jpg");
  });

  it("folds accents for the ASCII name and keeps them for the UTF-8 one", () => {
    const names = downloadNames("Fête d'été à Zürich", photo);
    assert.equal(names.ascii, "fete-d-ete-a-zurich-2026-06-02-k3j9ab.jpg");
    assert.equal(names.unicode, "fête-d-été-à-zürich-2026-06-02-k3j9ab.jpg");
  });

  it("never lets quotes, slashes or control characters through", () => {
    const names = downloadNames('a"b/c\\d\r\ne;f', photo);
    assert.equal(names.ascii, "a-b-c-d-e-f-2026-06-02-k3j9ab.jpg");
    assert.match(names.unicode, /^[\p{L}\p{N}.-]+$/u);
  });

  it("falls back to 'library' without an event and to 'photo' for a name with no letters", () => {
    assert.equal(downloadNames(undefined, photo).ascii, "library-2026-06-02-k3j9ab.jpg");
    assert.equal(downloadNames("🎉🎉", photo).ascii, "photo-2026-06-02-k3j9ab.jpg");
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII filename and the RFC 5987 UTF-8 one", () => {
    assert.equal(
      attachmentDisposition(downloadNames("Fête", photo)),
      "attachment; filename=\"fete-2026-06-02-k3j9ab.jpg\"; filename*=UTF-8''f%C3%AAte-2026-06-02-k3j9ab.jpg",
    );
  });
});
