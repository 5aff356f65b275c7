import type { PendingUploadReconciler } from "../../../services/reconcile/pending-upload-reconciler.js";

/** The scheduled (EventBridge) sweep: marks `expired` the pending photos whose upload never arrived. */
export function createReconcileHandler(reconciler: Pick<PendingUploadReconciler, "sweep">) {
  return async (): Promise<{ expired: number }> => ({ expired: await reconciler.sweep() });
}
