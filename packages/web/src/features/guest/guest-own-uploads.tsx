import { useState } from "react";
import { describeError } from "../../api/api-errors.js";
import { ErrorMessage } from "../../ui/status-message.js";
import type { GuestUploadKey } from "./guest-upload-keys.js";

/**
 * The uploads this browser made through the link, each with a Delete button (its delete key is kept in
 * localStorage): a guest can take back a photo while the link is active.
 */
export function GuestOwnUploads({
  uploads,
  onDelete,
}: {
  uploads: readonly GuestUploadKey[];
  onDelete: (upload: GuestUploadKey) => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (uploads.length === 0) return null;
  const remove = async (upload: GuestUploadKey) => {
    if (!window.confirm(`Delete ${upload.filename} from the event?`)) return;
    setBusy(upload.photoId);
    setError(null);
    try {
      await onDelete(upload);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="guest-own-uploads" aria-labelledby="guest-own-title">
      <h2 id="guest-own-title" className="section-title">
        Added from this browser
      </h2>
      <ul aria-label="Your uploads">
        {[...uploads].reverse().map((upload) => (
          <li key={upload.photoId} className="guest-own-upload">
            <span className="upload-name">{upload.filename}</span>
            <button
              type="button"
              className="button subtle small danger"
              disabled={busy === upload.photoId}
              onClick={() => void remove(upload)}
            >
              Delete<span className="visually-hidden"> {upload.filename}</span>
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage>{error}</ErrorMessage>
    </section>
  );
}
