import { PendingUploadReconciler } from "../services/reconcile/pending-upload-reconciler.js";
import type { AwsFoundation } from "./aws-foundation.js";

/** The scheduled sweep on Lambda: the same reconciler the embedded host runs on a timer. */
export function createAwsReconciler({
  photos,
  photoBucket,
  clock,
  logger,
}: AwsFoundation): PendingUploadReconciler {
  return new PendingUploadReconciler(
    { photos, photoBucket, clock, logger },
    { graceSeconds: 300, batchSize: 100 },
  );
}
