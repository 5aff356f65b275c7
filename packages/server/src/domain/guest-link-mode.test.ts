import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "./errors.js";
import { guestGalleryAccess, parseGuestLinkVisibility } from "./guest-link-mode.js";

const t = (iso: string) => new Date(iso);

describe("guestGalleryAccess", () => {
  it("opens the gallery to upload_and_view guests at any time", () => {
    assert.deepEqual(guestGalleryAccess({ mode: "upload_and_view" }, t("2026-01-01T00:00:00Z")), {
      open: true,
    });
  });

  it("never opens it to upload_only guests", () => {
    assert.deepEqual(guestGalleryAccess({ mode: "upload_only" }, t("2099-01-01T00:00:00Z")), {
      open: false,
      reason: "upload_only",
    });
  });

  it("opens it to view_after_reveal guests exactly from revealAt on", () => {
    const link = { mode: "view_after_reveal" as const, revealAt: t("2026-06-01T20:00:00Z") };
    assert.deepEqual(guestGalleryAccess(link, t("2026-06-01T19:59:59.999Z")), {
      open: false,
      reason: "not_revealed_yet",
      revealAt: link.revealAt,
    });
    assert.deepEqual(guestGalleryAccess(link, t("2026-06-01T20:00:00Z")), { open: true });
  });

  it("keeps a view_after_reveal link without revealAt closed", () => {
    assert.equal(guestGalleryAccess({ mode: "view_after_reveal" }, t("2099-01-01T00:00:00Z")).open, false);
  });
});

describe("parseGuestLinkVisibility", () => {
  it("defaults to upload_and_view", () => {
    assert.deepEqual(parseGuestLinkVisibility({}), { mode: "upload_and_view" });
  });

  it("requires revealAt with view_after_reveal and keeps it", () => {
    const revealAt = t("2026-06-01T20:00:00Z");
    assert.deepEqual(parseGuestLinkVisibility({ mode: "view_after_reveal", revealAt }), {
      mode: "view_after_reveal",
      revealAt,
    });
    assert.throws(() => parseGuestLinkVisibility({ mode: "view_after_reveal" }), ValidationError);
  });

  it("refuses revealAt with other modes, unknown modes and invalid dates", () => {
    const revealAt = t("2026-06-01T20:00:00Z");
    assert.throws(() => parseGuestLinkVisibility({ mode: "upload_only", revealAt }), ValidationError);
    assert.throws(() => parseGuestLinkVisibility({ mode: "everything" }), ValidationError);
    assert.throws(
      () => parseGuestLinkVisibility({ mode: "view_after_reveal", revealAt: new Date("nope") }),
      ValidationError,
    );
  });
});
