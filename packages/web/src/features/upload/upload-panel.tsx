import { type DragEvent, type ReactNode, useId, useRef, useState } from "react";
import type { PhotoScope } from "../../api/api-client.js";
import type { Photo } from "../../api/api-types.js";
import { useServices } from "../../app/services.js";
import type { UploadItem, UploadQueue } from "./upload-queue.js";
import { UploadRow } from "./upload-row.js";
import { summarizeUploads, uploadHeaderText } from "./upload-summary.js";
import { useUploadQueue } from "./use-upload-queue.js";

/** The signed-in upload area of an event or the library; settled photos are handed to the gallery. */
export function UploadPanel({ scope, onSettled }: { scope: PhotoScope; onSettled: (photo: Photo) => void }) {
  const { queue, items } = useUploadQueue(scope, onSettled);
  return <UploadArea queue={queue} items={items} />;
}

/**
 * Where photos go in: drop them anywhere on the zone or pick them, with an optional title and description
 * for the batch; each file then gets its own row. `children` adds fields above the dropzone (a guest's name).
 */
export function UploadArea({
  queue,
  items,
  children,
}: {
  queue: UploadQueue;
  items: readonly UploadItem[];
  children?: ReactNode;
}) {
  const { limits } = useServices();
  const [dragging, setDragging] = useState(false);
  const [showDetails, setShowDetails] = useState(false);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const addFiles = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const details = { title: title.trim() || undefined, description: description.trim() || undefined };
    queue.add(Array.from(files), details);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  };

  const summary = summarizeUploads(items);
  const finished = summary.total - summary.moving;

  return (
    <section className="upload card" aria-labelledby="upload-title">
      <h2 id="upload-title" className="visually-hidden">
        Upload photos
      </h2>
      {children}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer gesture; "Choose photos" inside is the keyboard way */}
      <div
        className={`dropzone${dragging ? " dragging" : ""}`}
        data-testid="dropzone"
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <p className="dropzone-title">Drop photos here</p>
        <p className="muted small" id={hintId}>
          JPEG, PNG, WebP, HEIC and more, up to {Math.round(limits.maxBytes / (1024 * 1024))} MB each.
        </p>
        <button type="button" className="button primary" onClick={() => input.current?.click()}>
          Choose photos
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={limits.contentTypes.join(",")}
          className="visually-hidden"
          aria-label="Choose photos to upload"
          aria-describedby={hintId}
          tabIndex={-1}
          onChange={(event) => {
            addFiles(event.currentTarget.files);
            event.currentTarget.value = "";
          }}
        />
        <button
          type="button"
          className="link-button small"
          aria-expanded={showDetails}
          onClick={() => setShowDetails((shown) => !shown)}
        >
          {showDetails ? "Hide title and description" : "Add a title and description"}
        </button>
      </div>
      {showDetails && (
        <div className="upload-details">
          <label className="field">
            <span>Title for the next photos</span>
            <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
          </label>
          <label className="field">
            <span>Description</span>
            <textarea
              value={description}
              rows={2}
              maxLength={2000}
              onChange={(event) => setDescription(event.target.value)}
            />
          </label>
        </div>
      )}
      {items.length > 0 && (
        <div className="upload-list">
          <div className="upload-list-header">
            <span role="status">{uploadHeaderText(summary)}</span>
            {finished > 0 && (
              <button type="button" className="link-button small" onClick={() => queue.clearFinished()}>
                Clear finished
              </button>
            )}
          </div>
          <ul aria-label="Uploads">
            {items.map((item) => (
              <UploadRow
                key={item.id}
                item={item}
                onCancel={() => queue.cancel(item.id)}
                onRetry={() => queue.retry(item.id)}
              />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
