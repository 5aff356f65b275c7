import { type FormEvent, useEffect, useRef, useState } from "react";
import type { Photo } from "../../api/api-types.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { PhotoViewer } from "../viewer/photo-viewer.js";
import { PhotoTile } from "./photo-tile.js";
import type { PhotoPages } from "./use-photo-pages.js";

export interface GalleryProps {
  pages: PhotoPages;
  /** Whether the signed-in user may delete this photo (their own, or any as the organizer). */
  canDelete: (photo: Photo) => boolean;
  emptyText: string;
  /** Extra actions for a photo in the viewer (share …). */
  renderActions?: (photo: Photo) => React.ReactNode;
}

/**
 * A responsive grid of thumbnails, newest first. The next page loads as the end of the grid scrolls into
 * view (a button does the same for keyboards and when observers are unavailable).
 */
export function Gallery({ pages, canDelete, emptyText, renderActions }: GalleryProps) {
  const [openId, setOpenId] = useState<string | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const { photos, hasMore, loading, loadMore } = pages;

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasMore || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && loadMore(),
      {
        rootMargin: "800px 0px",
      },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasMore, loadMore]);

  const openIndex = openId === null ? -1 : photos.findIndex((photo) => photo.id === openId);
  const open = openIndex >= 0 ? photos[openIndex] : undefined;

  return (
    <section aria-label="Photos" className="gallery">
      {photos.length === 0 && !loading && !pages.error && <p className="empty-note">{emptyText}</p>}
      <ul className="grid">
        {photos.map((photo) => (
          <PhotoTile key={photo.id} photo={photo} onOpen={(p) => setOpenId(p.id)} />
        ))}
      </ul>
      <div ref={sentinel} className="sentinel" />
      {loading && <Loading what="Loading photos" />}
      <ErrorMessage>{pages.error}</ErrorMessage>
      {hasMore && !loading && (
        <button type="button" className="button subtle load-more" onClick={loadMore}>
          Load more photos
        </button>
      )}
      {open && (
        <PhotoViewer
          photo={open}
          position={{ index: openIndex, count: photos.length }}
          onNavigate={(step) => {
            const next = photos[openIndex + step];
            if (next) setOpenId(next.id);
            if (step > 0 && openIndex + step >= photos.length - 3) loadMore();
          }}
          onClose={() => setOpenId(null)}
          canDelete={canDelete(open)}
          onDeleted={() => {
            const neighbour = photos[openIndex + 1] ?? photos[openIndex - 1];
            pages.remove(open.id);
            setOpenId(neighbour?.id ?? null);
          }}
          actions={renderActions?.(open)}
        />
      )}
    </section>
  );
}

/** A label to filter by ("person", "dog"): exact names, as the labels on photos show them. */
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
          placeholder="person, dog, cake…"
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
