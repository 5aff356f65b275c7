import { useState } from "react";
import type { PhotoScope } from "../../api/api-client.js";
import { describeError } from "../../api/api-errors.js";
import type { Photo } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage, Loading } from "../../ui/status-message.js";
import { ReviewThumb } from "./review-thumb.js";
import { usePhotoPages } from "./use-photo-pages.js";

/** The moderation queue of the organizer and co-hosts: photos moderation held back, each approved (shown to all) or deleted. */
export function ModerationQueue({ scope }: { scope: PhotoScope }) {
  const { api } = useServices();
  const pages = usePhotoPages(scope, { status: "hidden" });
  const [error, setError] = useState<string | null>(null);

  const decide = async (photo: Photo, decision: "approve" | "delete") => {
    if (decision === "delete" && !window.confirm("Delete this photo? This cannot be undone.")) return;
    try {
      if (decision === "approve") await api.approvePhoto(photo.id);
      else await api.deletePhoto(photo.id);
      pages.remove(photo.id);
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">Held by the automatic check</h2>
      <p className="muted">
        Photos the automatic check held back. Nobody but the hosts and the uploader sees them until they are
        approved.
      </p>
      <ErrorMessage>{error ?? pages.error}</ErrorMessage>
      {pages.loading && <Loading what="Loading photos to review" />}
      {!pages.loading && pages.photos.length === 0 && <p className="empty-note">Nothing to review.</p>}
      <ul className="review-list">
        {pages.photos.map((photo) => (
          <li key={photo.id} className="review-item">
            <ReviewThumb photo={photo} />
            <div className="review-text">
              <span>{photo.title ?? photo.filename}</span>
              <span className="muted small">
                {(photo.labels.length ? photo.labels : []).map((label) => label.name).join(", ")}
              </span>
            </div>
            <div className="review-actions">
              <button type="button" className="button primary small" onClick={() => decide(photo, "approve")}>
                Approve
              </button>
              <button
                type="button"
                className="button subtle danger small"
                onClick={() => decide(photo, "delete")}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {pages.hasMore && (
        <button type="button" className="button subtle" onClick={pages.loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
