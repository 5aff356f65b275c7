import type { CSSProperties } from "react";
import type { Photo } from "../../api/api-types.js";
import { blurhashDataUrl } from "./blurhash-placeholder.js";
import { photoAltText, statusWords } from "./photo-text.js";

/**
 * One thumbnail: the BlurHash paints at once as the tile's background, the 200 px WebP paints over it once decoded.
 * The whole tile is a button that opens the viewer.
 */
export function PhotoTile({ photo, onOpen }: { photo: Photo; onOpen: (photo: Photo) => void }) {
  const placeholder = blurhashDataUrl(photo.blurhash);
  const style: CSSProperties = placeholder ? { backgroundImage: `url(${placeholder})` } : {};
  const alt = photoAltText(photo);
  return (
    <li
      className="tile"
      data-photo-id={photo.id}
      data-status={photo.status}
      data-review={photo.review ?? undefined}
    >
      <button type="button" className="tile-button" style={style} onClick={() => onOpen(photo)}>
        {photo.urls.thumb ? (
          <img className="tile-img" src={photo.urls.thumb} alt={alt} loading="lazy" decoding="async" />
        ) : (
          <span className="visually-hidden">{alt}</span>
        )}
        {photo.review === "waiting" ? (
          <span className="tile-status waiting-review">Waiting for review</span>
        ) : (
          photo.status !== "ready" && (
            <span className={`tile-status ${photo.status}`}>{statusWords[photo.status]}</span>
          )
        )}
      </button>
    </li>
  );
}
