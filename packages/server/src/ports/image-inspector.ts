/**
 * Reads what an uploaded file really is. The pipeline never trusts the declared content type: it sniffs the
 * magic bytes (see `domain/image-format.ts`) and asks the inspector to decode the header within pixel limits.
 */
export interface ImageInspector {
  /** Throws `ImageRejectedError` (domain) when the bytes are not a decodable image within limits. */
  inspect(bytes: Buffer): Promise<ImageFacts>;
}

export interface ImageFacts {
  /** The format the decoder found, e.g. "jpeg", "png", "webp", "gif", "avif", "heif", "tiff". */
  format: string;
  width: number;
  height: number;
}
