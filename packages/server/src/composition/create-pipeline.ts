import { SharpImageProcessor } from "../adapters/imaging/sharp-image-processor.js";
import { WeightedSemaphore } from "../adapters/imaging/weighted-semaphore.js";
import type { Config } from "../config/load-config.js";
import { type PhotoPipelineDeps, PhotoPipelineService } from "../services/pipeline/photo-pipeline.service.js";

/** Most pixels a photo may decode to: 100 MP covers any camera; more is a decompression bomb. */
const MAX_PIXELS = 100_000_000;

/**
 * sharp with the pixel limit both hosts decode under, and decodes admitted by a pixel budget: a few huge
 * (legal) images decoding at once would otherwise take GiBs.
 */
export function createImageProcessor(
  settings: Pick<Config["pipeline"], "decodePixelBudget">,
): SharpImageProcessor {
  return new SharpImageProcessor({
    maxPixels: MAX_PIXELS,
    decodeBudget: new WeightedSemaphore(settings.decodePixelBudget),
  });
}

/** The photo pipeline over the host's adapters, with the same settings on every host. */
export function createPhotoPipeline(
  ports: PhotoPipelineDeps,
  settings: Pick<Config, "uploads" | "pipeline">,
): PhotoPipelineService {
  return new PhotoPipelineService(ports, {
    maxUploadBytes: settings.uploads.maxUploadBytes,
    labeling: {
      minLabelConfidence: settings.pipeline.minLabelConfidence,
      moderationThreshold: settings.pipeline.moderationThreshold,
    },
  });
}
