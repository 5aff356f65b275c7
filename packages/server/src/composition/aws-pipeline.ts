import { SharpImageProcessor } from "../adapters/imaging/sharp-image-processor.js";
import { RekognitionLabeler } from "../adapters/rekognition/rekognition-labeler.js";
import { PhotoPipelineService } from "../services/pipeline/photo-pipeline.service.js";
import type { AwsFoundation } from "./aws-foundation.js";

/** Most pixels a photo may decode to: 100 MP covers any camera; more is a decompression bomb. */
const MAX_PIXELS = 100_000_000;

/**
 * The pipeline on Lambda: the same service as the embedded host's workers, with sharp for the pixels and
 * Rekognition for labels and moderation (when `SHOEBOX_LABELING` is on). Its own module, so only the
 * pipeline function's bundle carries sharp.
 */
export function createAwsPipeline(foundation: AwsFoundation): {
  pipeline: PhotoPipelineService;
  close(): Promise<void>;
} {
  const { config, region, endpoints, photos, objectStore, clock, logger } = foundation;
  const images = new SharpImageProcessor({ maxPixels: MAX_PIXELS });
  const labeler = config.pipeline.labeling
    ? new RekognitionLabeler({
        region,
        minLabelConfidence: config.pipeline.minLabelConfidence,
        ...(endpoints.rekognition
          ? {
              client: {
                endpoint: endpoints.rekognition,
                ...(endpoints.credentials ? { credentials: endpoints.credentials } : {}),
              },
            }
          : {}),
      })
    : undefined;
  const pipeline = new PhotoPipelineService(
    { photos, objectStore, images, ...(labeler ? { labeler } : {}), clock, logger },
    {
      maxUploadBytes: config.uploads.maxUploadBytes,
      labeling: {
        minLabelConfidence: config.pipeline.minLabelConfidence,
        moderationThreshold: config.pipeline.moderationThreshold,
      },
    },
  );
  return {
    pipeline,
    async close() {
      await labeler?.close();
      await images.close();
    },
  };
}
