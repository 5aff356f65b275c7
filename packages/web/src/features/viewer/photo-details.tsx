import { type ReactNode, useState } from "react";
import { describeError } from "../../api/api-errors.js";
import type { Photo } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import { ErrorMessage } from "../../ui/status-message.js";
import { formatDateTime } from "../events/format-date.js";
import { cameraName, statusWords, uploaderWords } from "../gallery/photo-text.js";

export interface PhotoDetailsProps {
  photo: Photo;
  position: { index: number; count: number };
  onClose: () => void;
  canDelete: boolean;
  onDeleted: () => void;
  actions?: ReactNode;
  /** Whether to say which keys work: only where there is a keyboard and a fine pointer, never on touch. */
  showKeyboardHint: boolean;
}

/**
 * What is known about the photo the viewer shows, and what can be done with it (download, delete, the
 * caller's own actions such as share). Kept apart from the viewer so the details can grow on their own.
 */
export function PhotoDetails({
  photo,
  position,
  onClose,
  canDelete,
  onDeleted,
  actions,
  showKeyboardHint,
}: PhotoDetailsProps) {
  const { api } = useServices();
  const [error, setError] = useState<string | null>(null);
  const camera = cameraName(photo.camera);
  const uploader = uploaderWords(photo);
  const heading = photo.title ?? photo.filename;

  const remove = async () => {
    if (!window.confirm("Delete this photo for everyone? This cannot be undone.")) return;
    try {
      await api.deletePhoto(photo.id);
      setError(null);
      onDeleted();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <aside className="viewer-details" aria-label="Photo details">
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
            <li key={label.name} className="label-chip" title={`${Math.round(label.confidence * 100)}% sure`}>
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
      {showKeyboardHint && (
        <p className="muted small keyboard-hint">
          Use ← and → to browse, Z or a click to zoom, Esc to close.
        </p>
      )}
    </aside>
  );
}
