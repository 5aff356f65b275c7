import { describe, expect, it } from "vitest";
import type { Photo } from "../../api/api-types.js";
import { galleryRows, insertionIndex, timelineDay } from "./timeline-days.js";

const photo = (id: string, takenAt: string | null, takenAtOffset: string | null = null) =>
  ({ id, takenAt, takenAtOffset, createdAt: "2026-06-01T12:00:00.000Z" }) as Photo;

describe("timelineDay", () => {
  it("is the day where the photo was taken when the camera wrote its offset", () => {
    expect(timelineDay(photo("a", "2026-05-31T23:30:00.000Z", "+02:00"))).toBe("2026-06-01");
    expect(timelineDay(photo("b", "2026-06-01T01:30:00.000Z", "-05:00"))).toBe("2026-05-31");
  });

  it("is the camera clock's date without an offset", () => {
    expect(timelineDay(photo("c", "2026-05-31T23:30:00.000Z"))).toBe("2026-05-31");
  });
});

describe("galleryRows", () => {
  const photos = [
    photo("a", "2026-06-02T10:00:00.000Z"),
    photo("b", "2026-06-02T09:00:00.000Z"),
    photo("c", "2026-06-02T08:00:00.000Z"),
    photo("d", "2026-06-01T08:00:00.000Z"),
  ];

  it("puts a header before each day and splits days into rows of the column count", () => {
    const rows = galleryRows(photos, 2, true);
    expect(
      rows.map((row) =>
        row.kind === "day" ? `${row.day}:${row.count}` : row.photos.map((p) => p.id).join(""),
      ),
    ).toEqual(["2026-06-02:3", "ab", "c", "2026-06-01:1", "d"]);
  });

  it("makes plain rows without grouping", () => {
    const rows = galleryRows(photos, 3, false);
    expect(rows.map((row) => (row.kind === "photos" ? row.firstIndex : -1))).toEqual([0, 3]);
  });
});

describe("insertionIndex", () => {
  const photos = [photo("a", "2026-06-02T10:00:00.000Z"), photo("b", "2026-06-01T10:00:00.000Z")];

  it("places an arriving photo by its capture time on the timeline, first in upload order", () => {
    const arriving = photo("n", "2026-06-01T12:00:00.000Z");
    expect(insertionIndex(photos, arriving, "captured")).toBe(1);
    expect(insertionIndex(photos, arriving, "added")).toBe(0);
  });
});
