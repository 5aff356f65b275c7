import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { type FormEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Photo } from "../../api/api-types.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { PhotoViewer } from "../viewer/photo-viewer.js";
import { PhotoTile } from "./photo-tile.js";
import { dayHeading, galleryRows } from "./timeline-days.js";
import type { PhotoPages } from "./use-photo-pages.js";

export interface GalleryProps {
  pages: PhotoPages;
  /** Whether the signed-in user may delete this photo (their own, or any as the organizer). */
  canDelete: (photo: Photo) => boolean;
  emptyText: string;
  /** Extra actions for a photo in the viewer (share …). */
  renderActions?: (photo: Photo) => React.ReactNode;
  /** A header before each day's photos (the timeline). */
  groupByDay?: boolean;
}

/** The grid's geometry, as the stylesheet's `.grid` lays it out: tiles of at least 11rem, two on a phone. */
const MIN_TILE = 176;
const GAP = 8;
const DAY_HEADER_HEIGHT = 52;

function columnsFor(width: number): number {
  return Math.max(2, Math.floor((width + GAP) / (MIN_TILE + GAP)));
}

/**
 * A responsive grid of square thumbnails, virtualized: only the rows near the screen exist in the page,
 * so an event of 10,000 photos scrolls as smoothly as one of 40. Rows are the page's own scroll (a window
 * virtualizer), with a day header before each day on the timeline. The next page loads as the last
 * loaded rows come near (a button does the same for keyboards).
 */
export function Gallery({ pages, canDelete, emptyText, renderActions, groupByDay = false }: GalleryProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [scrollMargin, setScrollMargin] = useState(0);
  const { photos, hasMore, loading, loadMore } = pages;

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const measure = () => {
      setWidth(element.clientWidth);
      setScrollMargin(element.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    // The list moves when what is above it grows (the upload panel) and resizes with the window.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const columns = columnsFor(width || MIN_TILE * 2);
  const tile = width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_TILE;
  const rows = useMemo(() => galleryRows(photos, columns, groupByDay), [photos, columns, groupByDay]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index]?.kind === "day" ? DAY_HEADER_HEIGHT : tile + GAP),
    // Generous: a few screens of tiles beyond the viewport (bounded whatever the event's size), so fast
    // flicks rarely show empty rows and small galleries render whole.
    overscan: 10,
    scrollMargin,
    getItemKey: (index) => rows[index]?.key ?? index,
  });
  // Sizes are computed, not measured: a new width or grouping re-lays every row.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `rows` and `tile` are what the sizes depend on
  useEffect(() => virtualizer.measure(), [virtualizer, rows, tile]);

  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && rows.length > 0 && lastVisible >= rows.length - 4) loadMore();
  }, [hasMore, lastVisible, rows.length, loadMore]);

  // Fetch the viewer's library while people look at thumbnails, so the first photo opens at once.
  const hasPhotos = photos.length > 0;
  useEffect(() => {
    if (hasPhotos) void import("photoswipe");
  }, [hasPhotos]);

  const openIndex = openId === null ? -1 : photos.findIndex((photo) => photo.id === openId);

  return (
    <section aria-label="Photos" className="gallery">
      {photos.length === 0 && !loading && !pages.error && <p className="empty-note">{emptyText}</p>}
      <div ref={list} className="gallery-rows" style={{ height: virtualizer.getTotalSize() }}>
        {visible.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const style = { transform: `translateY(${item.start - scrollMargin}px)`, height: item.size };
          return row.kind === "day" ? (
            <h3 key={item.key} className="gallery-row day-header" style={style} data-index={item.index}>
              {dayHeading(row.day)}
              <span className="muted small day-count">
                {row.count} {row.count === 1 ? "photo" : "photos"}
              </span>
            </h3>
          ) : (
            <ul
              key={item.key}
              className="grid gallery-row"
              data-index={item.index}
              style={{ ...style, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
            >
              {row.photos.map((photo) => (
                <PhotoTile key={photo.id} photo={photo} onOpen={(p) => setOpenId(p.id)} />
              ))}
            </ul>
          );
        })}
      </div>
      {loading && <Loading what="Loading photos" />}
      <ErrorMessage>{pages.error}</ErrorMessage>
      {hasMore && !loading && (
        <button type="button" className="button subtle load-more" onClick={loadMore}>
          Load more photos
        </button>
      )}
      {openIndex >= 0 && (
        <PhotoViewer
          photos={photos}
          startIndex={openIndex}
          onNearEnd={loadMore}
          onClose={() => setOpenId(null)}
          canDelete={canDelete}
          onDeleted={(photo) => {
            // Keep the viewer open on a neighbour when the photo it was opened on goes.
            const at = photos.indexOf(photo);
            if (photo.id === openId) setOpenId((photos[at + 1] ?? photos[at - 1])?.id ?? null);
            pages.remove(photo.id);
          }}
          renderActions={renderActions}
        />
      )}
    </section>
  );
}

/**
 * A label to search for, typed ("horses", "Person"): the server matches it case- and plural-insensitively.
 */
export function LabelFilter({ value, onChange }: { value: string; onChange: (label: string) => void }) {
  const [draft, setDraft] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft.trim().toLowerCase());
  };
  return (
    <form className="label-filter" onSubmit={submit} aria-label="Filter photos by label">
      <label className="field inline">
        <span>Filter by label</span>
        <input
          type="search"
          value={draft}
          placeholder="person, dogs, cake…"
          maxLength={64}
          onChange={(event) => {
            setDraft(event.target.value);
            if (event.target.value === "") onChange("");
          }}
        />
      </label>
      <button type="submit" className="button subtle">
        Filter
      </button>
    </form>
  );
}
