import type { Photo } from "../../api/api-types.js";

/** How a gallery is ordered: the timeline (capture time, else upload time) or upload order. */
export type GalleryOrder = "captured" | "added";

type TimelinePhoto = Pick<Photo, "takenAt" | "takenAtOffset" | "createdAt">;

/** Where the server places a photo on the timeline (its `timelineTime`): capture time, else upload time. */
export function timelineTime(photo: TimelinePhoto): number {
  const taken = photo.takenAt === null ? Number.NaN : Date.parse(photo.takenAt);
  return Number.isFinite(taken) && taken >= 0 ? taken : Date.parse(photo.createdAt);
}

const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * The calendar day a photo belongs to on the timeline, as "YYYY-MM-DD": the day where it was taken when
 * the camera recorded its UTC offset; the camera's own clock when it did not (the server reads that clock
 * as UTC, so its UTC date is the camera's date); the viewer's local day of the upload otherwise.
 *
 * @example timelineDay({ takenAt: "2026-05-31T23:30:00Z", takenAtOffset: "+02:00", createdAt }) // "2026-06-01"
 */
export function timelineDay(photo: TimelinePhoto): string {
  if (photo.takenAt !== null) {
    const taken = Date.parse(photo.takenAt);
    if (Number.isFinite(taken) && taken >= 0) {
      const match = photo.takenAtOffset ? OFFSET.exec(photo.takenAtOffset) : null;
      const minutes = match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
      return new Date(taken + minutes * 60_000).toISOString().slice(0, 10);
    }
  }
  const uploaded = new Date(photo.createdAt);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${uploaded.getFullYear()}-${pad(uploaded.getMonth() + 1)}-${pad(uploaded.getDate())}`;
}

/** A day header's words in the viewer's locale: "Sunday, 31 May 2026". */
export function dayHeading(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** One row of the virtualized grid: a day's header, or up to `columns` tiles. */
export type GalleryRow =
  | { kind: "day"; key: string; day: string; count: number }
  | { kind: "photos"; key: string; photos: Photo[]; firstIndex: number };

/**
 * The grid as rows, so that only the rows on screen need DOM nodes: without grouping, `columns` photos per
 * row; grouped, a header row before each day's photos (a day's last row may be short).
 */
export function galleryRows(photos: readonly Photo[], columns: number, groupByDay: boolean): GalleryRow[] {
  const rows: GalleryRow[] = [];
  const perRow = Math.max(1, columns);
  let start = 0;
  while (start < photos.length) {
    const day = groupByDay ? timelineDay(photos[start] as Photo) : "";
    let end = start + 1;
    while (end < photos.length && (!groupByDay || timelineDay(photos[end] as Photo) === day)) end++;
    if (groupByDay) rows.push({ kind: "day", key: `day-${day}-${start}`, day, count: end - start });
    for (let index = start; index < end; index += perRow) {
      const slice = photos.slice(index, Math.min(index + perRow, end));
      rows.push({ kind: "photos", key: `row-${slice[0]?.id}`, photos: slice, firstIndex: index });
    }
    start = end;
  }
  return rows;
}

/**
 * Where a photo that just arrived (an upload that finished) goes in a list in `order`: first in upload
 * order; by its timeline time in the timeline.
 */
export function insertionIndex(photos: readonly Photo[], photo: Photo, order: GalleryOrder): number {
  if (order === "added") return 0;
  const time = timelineTime(photo);
  const index = photos.findIndex((other) => {
    const otherTime = timelineTime(other);
    return otherTime < time || (otherTime === time && other.id < photo.id);
  });
  return index === -1 ? photos.length : index;
}
