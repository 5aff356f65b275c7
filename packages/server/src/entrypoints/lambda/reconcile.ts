import { createAwsDeadLetterReconciler } from "../../composition/aws-dead-letter-reconciler.js";
import { createAwsFoundation } from "../../composition/aws-foundation.js";
import { createAwsReconciler } from "../../composition/aws-reconciler.js";
import { loadConfig } from "../../config/load-config.js";
import { createReconcileHandler } from "./handlers/reconcile-handler.js";

const foundation = createAwsFoundation(loadConfig());

/** EventBridge schedule → one sweep of pending uploads whose ticket expired, and of dead letters. */
export const handler = createReconcileHandler(
  createAwsReconciler(foundation),
  createAwsDeadLetterReconciler(foundation),
);
