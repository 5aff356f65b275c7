import { photoIdOfUploadKey } from "../../domain/object-keys.js";
import type { Photo } from "../../domain/photo.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";

/** The photo an upload key belongs to: the id in the key, and the record must name that very key. */
export async function photoOfUpload(photos: PhotoRepository, key: string): Promise<Photo | undefined> {
  const photoId = photoIdOfUploadKey(key);
  const photo = photoId === undefined ? undefined : await photos.get(photoId);
  return photo?.objectKey === key ? photo : undefined;
}
