import { describe, expect, it } from "vitest";
import type { UploadState } from "./upload-queue.js";
import { summarizeUploads, uploadHeaderText } from "./upload-summary.js";

const rows = (...states: UploadState[]) => states.map((state) => ({ state }));

describe("uploadHeaderText", () => {
  it("never counts a failed upload as done", () => {
    expect(uploadHeaderText(summarizeUploads(rows("ready", "error")))).toBe("1 done · 1 failed");
    expect(uploadHeaderText(summarizeUploads(rows("failed", "rejected", "refused")))).toBe(
      "0 done · 3 failed",
    );
  });

  it("says how many were already there, apart from the ones done", () => {
    expect(uploadHeaderText(summarizeUploads(rows("sent", "duplicate", "hidden")))).toBe(
      "2 done · 1 already there",
    );
  });

  it("counts rows still moving, offline ones included, until every row is finished", () => {
    expect(uploadHeaderText(summarizeUploads(rows("ready", "processing", "offline", "error")))).toBe(
      "2 of 4 still moving",
    );
  });
});
