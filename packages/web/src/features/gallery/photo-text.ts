import type { Photo } from "../../api/api-types.js";

/**
 * What a photo shows, in words, for its alt text: its title, else what the labels found, else its file
 * name (screen readers should not read "IMG_0042.jpg" when anything better is known).
 */
export function photoAltText(photo: Pick<Photo, "title" | "labels" | "filename">): string {
  if (photo.title) return photo.title;
  const labels = photo.labels.slice(0, 3).map((label) => label.name);
  if (labels.length > 0) return `Photo with ${joinWords(labels)}`;
  return `Photo ${photo.filename}`;
}

/** What a status means to the people looking at a tile. */
export const statusWords: Record<Photo["status"], string> = {
  pending: "Processing",
  ready: "Ready",
  hidden: "Awaiting review",
  duplicate: "Duplicate",
  rejected: "Rejected",
  failed: "Failed",
  expired: "Never arrived",
};

function joinWords(words: string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : (words[0] ?? "");
}

/**
 * The camera in words: make then model, except that many cameras already start their model with the
 * make ("Canon" + "Canon EOS REBEL T1i"), which is then said once.
 *
 * @example cameraName({ make: "Canon", model: "Canon EOS REBEL T1i" }) // → "Canon EOS REBEL T1i"
 */
export function cameraName(camera: Photo["camera"]): string {
  const make = camera?.make?.trim() ?? "";
  const model = camera?.model?.trim() ?? "";
  if (make && model.toLowerCase().startsWith(make.toLowerCase())) return model;
  return [make, model].filter(Boolean).join(" ");
}

/** Who added the photo, as the viewer's details say it. */
export function uploaderWords(photo: Pick<Photo, "uploaderName">): string | null {
  return photo.uploaderName ? photo.uploaderName : null;
}
