import { type ReactNode, useEffect, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import type { Photo } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import { Dialog } from "../../ui/dialog.js";
import { ErrorMessage } from "../../ui/status-message.js";
import { formatDateTime } from "../events/format-date.js";
import { blurhashDataUrl } from "../gallery/blurhash-placeholder.js";
import { cameraName, photoAltText, statusWords, uploaderWords } from "../gallery/photo-text.js";

export interface PhotoViewerProps {
  photo: Photo;
  position: { index: number; count: number };
  /** -1 for the previous photo, +1 for the next. */
  onNavigate: (step: -1 | 1) => void;
  onClose: () => void;
  canDelete: boolean;
  onDeleted: () => void;
  actions?: ReactNode;
}

/**
 * One photo large, with what is known about it. ← and → step through the gallery, Esc closes (the dialog
 * handles it), and focus returns to the tile that opened it.
 */
export function PhotoViewer({
  photo,
  position,
  onNavigate,
  onClose,
  canDelete,
  onDeleted,
  actions,
}: PhotoViewerProps) {
  const { api } = useServices();
  const [error, setError] = useState<string | null>(null);
  const hasPrevious = position.index > 0;
  const hasNext = position.index < position.count - 1;

  // On the document, not the dialog: a nav button that becomes disabled drops focus to the body.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
      if (target instanceof HTMLSelectElement) return;
      if (event.key === "ArrowLeft" && hasPrevious) onNavigate(-1);
      else if (event.key === "ArrowRight" && hasNext) onNavigate(1);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [hasPrevious, hasNext, onNavigate]);

  const remove = async () => {
    if (!window.confirm("Delete this photo for everyone? This cannot be undone.")) return;
    try {
      await api.deletePhoto(photo.id);
      onDeleted();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const placeholder = blurhashDataUrl(photo.blurhash);
  const camera = cameraName(photo.camera);
  const uploader = uploaderWords(photo);
  const heading = photo.title ?? photo.filename;

  return (
    <Dialog title={`Photo: ${heading}`} onClose={onClose} className="viewer">
      <div className="viewer-layout">
        <div
          className="viewer-stage"
          style={placeholder ? { backgroundImage: `url(${placeholder})` } : undefined}
        >
          {photo.urls.web ? (
            <img
              key={photo.id}
              src={photo.urls.web}
              alt={photoAltText(photo)}
              width={photo.width ?? undefined}
              height={photo.height ?? undefined}
            />
          ) : (
            <p className="viewer-pending">{statusWords[photo.status]}</p>
          )}
          <button
            type="button"
            className="viewer-nav previous"
            onClick={() => onNavigate(-1)}
            disabled={!hasPrevious}
            aria-label="Previous photo"
          >
            ‹
          </button>
          <button
            type="button"
            className="viewer-nav next"
            onClick={() => onNavigate(1)}
            disabled={!hasNext}
            aria-label="Next photo"
          >
            ›
          </button>
        </div>
        <aside className="viewer-details">
          <div className="viewer-top">
            <span className="muted small" aria-live="polite">
              {position.index + 1} of {position.count}
            </span>
            <button type="button" className="button subtle close" onClick={onClose} aria-label="Close viewer">
              ✕
            </button>
          </div>
          <h2 className="viewer-title">{heading}</h2>
          {photo.description && <p className="viewer-description">{photo.description}</p>}
          <dl className="facts">
            {uploader && (
              <>
                <dt>Added by</dt>
                <dd data-testid="photo-uploader">{uploader}</dd>
              </>
            )}
            {photo.takenAt && (
              <>
                <dt>Taken</dt>
                <dd>{formatDateTime(photo.takenAt)}</dd>
              </>
            )}
            {camera && (
              <>
                <dt>Camera</dt>
                <dd>{camera}</dd>
              </>
            )}
            {photo.width && photo.height && (
              <>
                <dt>Size</dt>
                <dd>
                  {photo.width} × {photo.height}
                </dd>
              </>
            )}
            {photo.status !== "ready" && (
              <>
                <dt>Status</dt>
                <dd>{statusWords[photo.status]}</dd>
              </>
            )}
          </dl>
          {photo.labels.length > 0 && (
            <ul className="labels" aria-label="Labels">
              {photo.labels.map((label) => (
                <li
                  key={label.name}
                  className="label-chip"
                  title={`${Math.round(label.confidence * 100)}% sure`}
                >
                  {label.name}
                </li>
              ))}
            </ul>
          )}
          <ErrorMessage>{error}</ErrorMessage>
          <div className="viewer-actions">
            {actions}
            {photo.urls.original && (
              <a className="button subtle" href={photo.urls.original} download={photo.filename}>
                Download original
              </a>
            )}
            {canDelete && (
              <button type="button" className="button subtle danger" onClick={remove}>
                Delete
              </button>
            )}
          </div>
          <p className="muted small keyboard-hint">Use ← and → to browse, Esc to close.</p>
        </aside>
      </div>
    </Dialog>
  );
}
