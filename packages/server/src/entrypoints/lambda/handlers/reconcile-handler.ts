import type { DeadLetterReconciler } from "../../../services/reconcile/dead-letter-reconciler.js";
import type { PendingUploadReconciler } from "../../../services/reconcile/pending-upload-reconciler.js";

/**
 * The scheduled (EventBridge) sweep: marks `expired` the pending photos whose upload never arrived and,
 * when the dead-letter queue is configured, `failed` those whose pipeline message died there.
 */
export function createReconcileHandler(
  reconciler: Pick<PendingUploadReconciler, "sweep">,
  deadLetters?: Pick<DeadLetterReconciler, "sweep">,
) {
  return async (): Promise<{ expired: number; failed: number }> => ({
    expired: await reconciler.sweep(),
    failed: (await deadLetters?.sweep()) ?? 0,
  });
}
