import { type ReactNode, useState } from "react";
import type { PhotoScope } from "../../api/api-client.js";
import type { Photo } from "../../api/api-types.js";
import { UploadPanel } from "../upload/upload-panel.js";
import { Gallery, LabelFilter } from "./gallery.js";
import { usePhotoPages } from "./use-photo-pages.js";

/** Upload and browse in one place: finished uploads appear at the top of the grid as they settle. */
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
  const [label, setLabel] = useState("");
  const pages = usePhotoPages(scope, label ? { label } : {});
  return (
    <>
      {uploadsClosed ?? <UploadPanel scope={scope} onSettled={pages.upsert} />}
      <div className="gallery-toolbar">
        <h2 className="section-title">{label ? `Photos labelled “${label}”` : "Photos"}</h2>
        <LabelFilter value={label} onChange={setLabel} />
      </div>
      <Gallery
        pages={pages}
        canDelete={canDelete}
        emptyText={label ? `No photos labelled “${label}” yet.` : emptyText}
        renderActions={renderActions}
      />
    </>
  );
}
