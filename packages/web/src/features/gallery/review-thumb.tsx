import type { Photo } from "../../api/api-types.js";
import { blurhashDataUrl } from "./blurhash-placeholder.js";
import { photoAltText } from "./photo-text.js";

/** A review row's thumbnail over its BlurHash: the moderation queue and the approval queue show the same. */
export function ReviewThumb({ photo }: { photo: Photo }) {
  return (
    <div
      className="review-thumb"
      style={{ backgroundImage: `url(${blurhashDataUrl(photo.blurhash) ?? ""})` }}
    >
      {photo.urls.thumb && <img src={photo.urls.thumb} alt={photoAltText(photo)} />}
    </div>
  );
}
