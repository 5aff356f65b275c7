import { type ReactNode, useState } from "react";
import type { PhotoScope } from "../../api/api-client.js";
import type { Photo } from "../../api/api-types.js";
import { UploadPanel } from "../upload/upload-panel.js";
import { Gallery, LabelFilter } from "./gallery.js";
import { UploaderFilter } from "./uploader-filter.js";
import { usePhotoPages } from "./use-photo-pages.js";

/** Upload and browse in one place: finished uploads appear at the top of the grid as they settle. */
export function PhotoBrowser({
  scope,
  canDelete,
  emptyText,
  renderActions,
}: {
  scope: PhotoScope;
  canDelete: (photo: Photo) => boolean;
  emptyText: string;
  renderActions?: (photo: Photo) => ReactNode;
}) {
  const [label, setLabel] = useState("");
  const [uploader, setUploader] = useState("");
  const pages = usePhotoPages(scope, { ...(label ? { label } : {}), ...(uploader ? { uploader } : {}) });
  return (
    <>
      <UploadPanel scope={scope} onSettled={pages.upsert} />
      <div className="gallery-toolbar">
        <h2 className="section-title">{label ? `Photos labelled “${label}”` : "Photos"}</h2>
        <LabelFilter value={label} onChange={setLabel} />
        {scope.kind === "event" && (
          <UploaderFilter eventId={scope.eventId} value={uploader} onChange={setUploader} />
        )}
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
