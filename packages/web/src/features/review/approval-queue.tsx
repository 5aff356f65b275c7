import { useCallback, useEffect, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import type { Photo } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { ReviewThumb } from "../gallery/review-thumb.js";
import { type ReviewDecision, reviewApi } from "./review-api.js";

/** The server decides at most this many photos per request (`MAX_REVIEW_BATCH`); larger selections are split. */
const BATCH = 50;

/**
 * Photos the event's approval mode holds back, for the organizer and co-hosts: each with its thumbnail and
 * a checkbox; approve or reject one, or every selected one at once. Approved photos join the gallery;
 * rejected ones stay hidden from everyone but the reviewers.
 */
export function ApprovalQueue({ eventId }: { eventId: string }) {
  const { api } = useServices();
  const review = reviewApi(api);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  // biome-ignore lint/correctness/useExhaustiveDependencies: `review` is rebuilt per render from `api`
  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      try {
        const page = await review.listWaiting(eventId, after);
        setPhotos((previous) => {
          const known = new Set(previous.map((photo) => photo.id));
          return [
            ...(after ? previous : []),
            ...page.items.filter((photo) => !after || !known.has(photo.id)),
          ];
        });
        setCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        setError(describeError(caught));
      } finally {
        setLoading(false);
      }
    },
    [api, eventId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const toggle = (photoId: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(photoId)) next.delete(photoId);
      else next.add(photoId);
      return next;
    });

  const decide = async (photoIds: string[], decision: ReviewDecision) => {
    if (photoIds.length === 0) return;
    setBusy(true);
    setNotice(null);
    try {
      const done = new Set<string>();
      for (let start = 0; start < photoIds.length; start += BATCH) {
        const result = await review.decide(eventId, photoIds.slice(start, start + BATCH), decision);
        for (const item of result.items) if (item.outcome !== "notReviewable") done.add(item.photoId);
      }
      setPhotos((previous) => previous.filter((photo) => !done.has(photo.id)));
      setSelected((previous) => new Set([...previous].filter((id) => !done.has(id))));
      const verb = decision === "approve" ? "Approved" : "Rejected";
      setNotice(`${verb} ${done.size} ${done.size === 1 ? "photo" : "photos"}.`);
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const allSelected = photos.length > 0 && photos.every((photo) => selected.has(photo.id));
  const chosen = photos.filter((photo) => selected.has(photo.id)).map((photo) => photo.id);

  return (
    <section className="card" aria-labelledby="approval-title">
      <h2 id="approval-title">Waiting for approval</h2>
      <p className="muted">
        New photos held by the event's approval mode. Only their uploader and the hosts see them until they
        are approved; rejected photos stay hidden from everyone but the hosts.
      </p>
      <ErrorMessage>{error}</ErrorMessage>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {photos.length > 0 && (
        <div className="review-toolbar">
          <label className="check">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={() => setSelected(allSelected ? new Set() : new Set(photos.map((photo) => photo.id)))}
            />
            Select all
          </label>
          <button
            type="button"
            className="button primary small"
            disabled={busy || chosen.length === 0}
            onClick={() => decide(chosen, "approve")}
          >
            Approve selected ({chosen.length})
          </button>
          <button
            type="button"
            className="button subtle danger small"
            disabled={busy || chosen.length === 0}
            onClick={() => decide(chosen, "reject")}
          >
            Reject selected
          </button>
        </div>
      )}
      {loading && <Loading what="Loading photos waiting for approval" />}
      {!loading && photos.length === 0 && <p className="empty-note">Nothing waiting for approval.</p>}
      <ul className="review-list" aria-label="Photos waiting for approval">
        {photos.map((photo) => {
          const name = photo.title ?? photo.filename;
          return (
            <li key={photo.id} className="review-item" data-photo-id={photo.id}>
              <input
                type="checkbox"
                className="review-check"
                aria-label={`Select ${name}`}
                checked={selected.has(photo.id)}
                onChange={() => toggle(photo.id)}
              />
              <ReviewThumb photo={photo} />
              <div className="review-text">
                <span>{name}</span>
                <span className="muted small">
                  {photo.guestName
                    ? `From ${photo.guestName} (guest)`
                    : photo.ownerId.startsWith("guest_")
                      ? "From a guest"
                      : ""}
                  {photo.status === "hidden" ? " · also held by the automatic check" : ""}
                </span>
              </div>
              <div className="review-actions">
                <button
                  type="button"
                  className="button primary small"
                  disabled={busy}
                  onClick={() => decide([photo.id], "approve")}
                >
                  Approve<span className="visually-hidden"> {name}</span>
                </button>
                <button
                  type="button"
                  className="button subtle danger small"
                  disabled={busy}
                  onClick={() => decide([photo.id], "reject")}
                >
                  Reject<span className="visually-hidden"> {name}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {cursor && (
        <button type="button" className="button subtle" disabled={loading} onClick={() => load(cursor)}>
          Load more
        </button>
      )}
    </section>
  );
}
