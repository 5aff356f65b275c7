import type { SlideData } from "photoswipe";
import type { Photo } from "../../api/api-types.js";
import { photoAltText, statusWords } from "../gallery/photo-text.js";

/** The long side of the web variant (`web.webp`): PhotoSwipe zooms to the size of what it shows. */
const WEB_VARIANT_LONG_SIDE = 1600;

/** A slide with the photo's id, so the viewer can tell which photo a slide shows. */
export type PhotoSlide = SlideData & { photoId: string };

/**
 * PhotoSwipe's slide for a photo: the web variant at its own pixel size (the original's aspect, at most
 * 1600 px on the long side), with the thumbnail shown while it loads; a photo without one yet (processing)
 * shows its status in words. The words are fixed strings, never user text, so the HTML slide is safe.
 */
export function slideOf(photo: Photo): PhotoSlide {
  if (!photo.urls.web) {
    return { photoId: photo.id, html: `<div class="viewer-pending">${statusWords[photo.status]}</div>` };
  }
  const width = photo.width ?? 4;
  const height = photo.height ?? 3;
  const scale = Math.min(1, WEB_VARIANT_LONG_SIDE / Math.max(width, height));
  return {
    photoId: photo.id,
    src: photo.urls.web,
    ...(photo.urls.thumb ? { msrc: photo.urls.thumb } : {}),
    width: Math.round(width * scale),
    height: Math.round(height * scale),
    alt: photoAltText(photo),
  };
}
