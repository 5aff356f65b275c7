import { type ReactNode, useState } from "react";
import type { PhotoScope } from "../../api/api-client.js";
import type { Photo } from "../../api/api-types.js";
import { UploadPanel } from "../upload/upload-panel.js";
import { Gallery, LabelFilter } from "./gallery.js";
import { LabelChips } from "./label-chips.js";
import type { GalleryOrder } from "./timeline-days.js";
import { UploaderFilter } from "./uploader-filter.js";
import { usePhotoPages } from "./use-photo-pages.js";

/** “a”, “a” and “b”, “a”, “b” and “c”. */
function quoted(labels: readonly string[]): string {
  const words = labels.map((label) => `“${label}”`);
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : (words[0] ?? "");
}

/**
 * Upload and browse in one place: finished uploads appear in the grid as they settle. An event's photos
 * show as a timeline (by capture time, grouped by day) or as recently added; labels picked from the
 * event's chips, or typed, narrow it to photos carrying all of them.
 */
export function PhotoBrowser({
  scope,
  canDelete,
  emptyText,
  renderActions,
  uploadsClosed,
}: {
  scope: PhotoScope;
  canDelete: (photo: Photo) => boolean;
  emptyText: string;
  renderActions?: (photo: Photo) => ReactNode;
  /** Shown instead of the upload area while the event takes no uploads. */
  uploadsClosed?: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [uploader, setUploader] = useState("");
  const [order, setOrder] = useState<GalleryOrder>(scope.kind === "event" ? "captured" : "added");
  const labels = [...new Set([...chosen, ...(typed ? [typed] : [])])];
  const pages = usePhotoPages(scope, {
    ...(labels.length > 0 ? { labels } : { order }),
    ...(uploader ? { uploader } : {}),
  });
  const toggle = (label: string) =>
    setChosen((previous) =>
      previous.includes(label) ? previous.filter((name) => name !== label) : [...previous, label],
    );
  const timeline = labels.length === 0 && order === "captured" && !uploader;
  return (
    <>
      {uploadsClosed ?? <UploadPanel scope={scope} onSettled={pages.upsert} />}
      <div className="gallery-toolbar">
        <h2 className="section-title">
          {labels.length > 0 ? `Photos labelled ${quoted(labels)}` : "Photos"}
        </h2>
        {scope.kind === "event" && labels.length === 0 && !uploader && (
          <fieldset className="order-toggle" aria-label="Order">
            <button type="button" aria-pressed={order === "captured"} onClick={() => setOrder("captured")}>
              Timeline
            </button>
            <button type="button" aria-pressed={order === "added"} onClick={() => setOrder("added")}>
              Recently added
            </button>
          </fieldset>
        )}
        <LabelFilter value={typed} onChange={setTyped} />
        {scope.kind === "event" && (
          <UploaderFilter eventId={scope.eventId} value={uploader} onChange={setUploader} />
        )}
      </div>
      {scope.kind === "event" && <LabelChips eventId={scope.eventId} selected={labels} onToggle={toggle} />}
      <Gallery
        pages={pages}
        canDelete={canDelete}
        emptyText={labels.length > 0 ? `No photos labelled ${quoted(labels)} yet.` : emptyText}
        renderActions={renderActions}
        groupByDay={timeline}
      />
    </>
  );
}
