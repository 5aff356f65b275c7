/**
 * The labeler cannot serve right now: its worker thread crashed or exited, or the labeler was closed.
 * Retrying later is reasonable; a crashed worker is replaced on the next call.
 */
export class LabelerUnavailableError extends Error {
  override readonly name = "LabelerUnavailableError";
}

/** This image could not be analysed (it did not decode, for instance); other images are unaffected. */
export class ImageAnalysisError extends Error {
  override readonly name = "ImageAnalysisError";
}
