/** What the server accepts, checked before a byte is sent so a refusal is instant and says why. */
export interface UploadLimits {
  /** MIME types the API accepts (the `InitiateUpload` schema lists them). */
  contentTypes: readonly string[];
  /** Largest photo, in bytes (the server's `SHOEBOX_MAX_UPLOAD_BYTES`). */
  maxBytes: number;
}

const MIB = 1024 * 1024;

/**
 * The server's defaults. A deployment with other limits sets `VITE_SHOEBOX_MAX_UPLOAD_BYTES` at build time;
 * the server still enforces its own (the POST policy pins the size), this only spares a pointless upload.
 */
export const defaultUploadLimits: UploadLimits = {
  contentTypes: [
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "image/avif",
    "image/heic",
    "image/heif",
    "image/tiff",
  ],
  maxBytes: Number(import.meta.env.VITE_SHOEBOX_MAX_UPLOAD_BYTES ?? 50 * MIB),
};

/** Browsers leave `File.type` empty for some formats (HEIC on most desktops): fall back to the extension. */
const typeByExtension: Readonly<Record<string, string>> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  avif: "image/avif",
  heic: "image/heic",
  heif: "image/heif",
  tif: "image/tiff",
  tiff: "image/tiff",
};

/** The MIME type to declare for a file: its own, or one guessed from its extension, or "". */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type.toLowerCase();
  const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
  return typeByExtension[extension] ?? "";
}

/**
 * Why the server would refuse this file, in words for its row, or null when it may be uploaded.
 *
 * @example refusalReason({ name: "notes.pdf", type: "application/pdf", size: 10 }, defaultUploadLimits)
 * // → "PDF files are not supported: upload JPEG, PNG, WebP, GIF, AVIF, HEIC, HEIF or TIFF photos"
 */
export function refusalReason(
  file: { name: string; type: string; size: number },
  limits: UploadLimits,
): string | null {
  const type = contentTypeOf(file);
  if (!limits.contentTypes.includes(type)) {
    const what = type ? `${describeType(type)} files are` : "This kind of file is";
    return `${what} not supported: upload ${listFormats(limits.contentTypes)} photos`;
  }
  if (file.size === 0) return "The file is empty";
  if (file.size > limits.maxBytes) {
    return `The file is ${formatBytes(file.size)}; the largest accepted is ${formatBytes(limits.maxBytes)}`;
  }
  return null;
}

/** Sizes as people read them: "840 KB", "12.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${Math.round(bytes / 1024)} KB`;
  const mib = bytes / MIB;
  return `${mib < 10 ? mib.toFixed(1) : Math.round(mib)} MB`;
}

function describeType(type: string): string {
  const subtype = type.split("/")[1] ?? type;
  return subtype.replace(/^x-/, "").toUpperCase();
}

function listFormats(types: readonly string[]): string {
  const names = types.map((type) => {
    const subtype = type.split("/")[1] ?? type;
    return subtype === "webp" ? "WebP" : subtype.toUpperCase();
  });
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "");
}
