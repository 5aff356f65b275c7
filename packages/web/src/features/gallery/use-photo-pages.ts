import { useCallback, useEffect, useRef, useState } from "react";
import type { PhotoScope } from "../../api/api-client.js";
import { describeError } from "../../api/api-errors.js";
import type { Photo, PhotoStatus } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import { type GalleryOrder, insertionIndex } from "./timeline-days.js";

export interface PhotoFilter {
  label?: string;
  /** Photos carrying every one of these labels (the server matches case- and plural-insensitively). */
  labels?: readonly string[];
  status?: PhotoStatus;
  /** An event's order: the timeline (`captured`) or upload order (`added`, the default). */
  order?: GalleryOrder;
  /** Event galleries: one uploader's photos (an owner id), or `"mine"`. */
  uploader?: string;
}

export interface PhotoPages {
  photos: Photo[];
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
  /** Shows a photo that just changed (an upload finished): replaced in place, or added first. */
  upsert: (photo: Photo) => void;
  remove: (photoId: string) => void;
}

const PAGE_SIZE = 40;

/**
 * Whether a photo belongs on this page. The server owns the default status filter: pages it lists already
 * follow it, and a photo heard of another way (an upload that finished) says itself whether an unfiltered
 * gallery lists it (`listedInGallery`: not once it is gone for good, which its upload row explains).
 */
function shown(photo: Photo, label: string | undefined, status: PhotoStatus | undefined): boolean {
  if (status ? photo.status !== status : !photo.listedInGallery) return false;
  return !label || photo.labels.some((l) => l.name.toLowerCase() === label.toLowerCase());
}

/**
 * A gallery's photos, newest first, one cursor page at a time. A new scope or filter starts over; answers
 * for a scope or filter the user has left are dropped.
 */
export function usePhotoPages(scope: PhotoScope, filter: PhotoFilter = {}): PhotoPages {
  const { api } = useServices();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  // Plain values, not the scope object: callers build a new one on every render.
  const eventId = scope.kind === "event" ? scope.eventId : null;
  const { label, status, uploader } = filter;
  const order = filter.order ?? "added";
  // A string, not the array: callers build a new one on every render.
  const labels = filter.labels?.length ? filter.labels.join(",") : undefined;

  const fetchPage = useCallback(
    async (after: string | undefined, mine: number) => {
      setLoading(true);
      setError(null);
      try {
        const target: PhotoScope = eventId === null ? { kind: "library" } : { kind: "event", eventId };
        const page = await api.listPhotos(target, {
          limit: PAGE_SIZE,
          cursor: after,
          label,
          status,
          ...(labels === undefined ? {} : { labels }),
          ...(order === "captured" ? { order } : {}),
          uploader,
        });
        if (generation.current !== mine) return;
        setPhotos((previous) => {
          const known = new Set(previous.map((photo) => photo.id));
          const fresh = page.items.filter((photo) => !known.has(photo.id) && shown(photo, label, status));
          return [...previous, ...fresh];
        });
        setCursor(page.nextCursor);
      } catch (caught) {
        if (generation.current === mine) setError(describeError(caught));
      } finally {
        if (generation.current === mine) setLoading(false);
      }
    },
    [api, eventId, label, status, labels, order, uploader],
  );

  useEffect(() => {
    generation.current += 1;
    setPhotos([]);
    setCursor(undefined);
    void fetchPage(undefined, generation.current);
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (loading || !cursor) return;
    void fetchPage(cursor, generation.current);
  }, [loading, cursor, fetchPage]);

  const upsert = useCallback(
    (photo: Photo) => {
      if (!shown(photo, label, status)) return;
      // Uploads made here are the caller's own: "mine" shows them, another uploader's filter does not.
      if (uploader !== undefined && uploader !== "mine" && photo.ownerId !== uploader) return;
      setPhotos((previous) => {
        if (previous.some((p) => p.id === photo.id)) {
          return previous.map((p) => (p.id === photo.id ? photo : p));
        }
        // Whether an arriving photo carries several labels is the server's to judge: the next load shows it.
        if (labels !== undefined) return previous;
        const at = insertionIndex(previous, photo, order);
        return [...previous.slice(0, at), photo, ...previous.slice(at)];
      });
    },
    [label, status, labels, order, uploader],
  );

  const remove = useCallback((photoId: string) => {
    setPhotos((previous) => previous.filter((photo) => photo.id !== photoId));
  }, []);

  return { photos, hasMore: Boolean(cursor), loading, error, loadMore, upsert, remove };
}
