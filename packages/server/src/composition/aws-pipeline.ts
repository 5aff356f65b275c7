import { DynamoGuestLinkRepository } from "../adapters/dynamodb/dynamo-guest-link.repository.js";
import { DynamoShareLinkRepository } from "../adapters/dynamodb/dynamo-share-link.repository.js";
import { RekognitionLabeler } from "../adapters/rekognition/rekognition-labeler.js";
import { EventDeletionService } from "../services/events/event-deletion.service.js";
import type { PhotoPipelineService } from "../services/pipeline/photo-pipeline.service.js";
import type { AwsFoundation } from "./aws-foundation.js";
import { createImageProcessor, createPhotoPipeline } from "./create-pipeline.js";

/**
 * The pipeline on Lambda: the same service as the embedded host's workers, with sharp for the pixels and
 * Rekognition for labels and moderation (when `SHOEBOX_LABELING` is on). Its own module, so only the
 * pipeline function's bundle carries sharp.
 */
export function createAwsPipeline(foundation: AwsFoundation): {
  pipeline: PhotoPipelineService;
  /** Event deletions arrive on the same queue (`SqsEventDeletionTrigger`) and run here. */
  eventDeletions: EventDeletionService;
  close(): Promise<void>;
} {
  const { config, table, photos, events, photoBucket, clock, logger } = foundation;
  const images = createImageProcessor(config.pipeline);
  const labeler = config.pipeline.labeling ? rekognitionLabeler(foundation) : undefined;
  const pipeline = createPhotoPipeline(
    {
      photos,
      // The pipeline asks again whether the uploader may still upload (revocation reaches tickets).
      events,
      guestLinks: DynamoGuestLinkRepository.create(table),
      photoBucket,
      images,
      ...(labeler ? { labeler } : {}),
      clock,
      logger,
    },
    config,
  );
  const eventDeletions = new EventDeletionService({
    events,
    photos,
    photoBucket,
    shareLinks: DynamoShareLinkRepository.create(table),
    guestLinks: DynamoGuestLinkRepository.create(table),
    clock,
    logger,
  });
  return {
    pipeline,
    eventDeletions,
    async close() {
      await labeler?.close();
      await images.close();
    },
  };
}

function rekognitionLabeler({ config, region, endpoints }: AwsFoundation): RekognitionLabeler {
  const endpoint = endpoints.rekognition;
  const credentials = endpoints.credentials;
  return new RekognitionLabeler({
    region,
    minLabelConfidence: config.pipeline.minLabelConfidence,
    ...(endpoint ? { client: { endpoint, ...(credentials ? { credentials } : {}) } } : {}),
  });
}
