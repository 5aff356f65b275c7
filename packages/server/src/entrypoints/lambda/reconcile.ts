import { createAwsFoundation } from "../../composition/aws-foundation.js";
import { createAwsReconciler } from "../../composition/aws-reconciler.js";
import { loadConfig } from "../../config/load-config.js";
import { createReconcileHandler } from "./handlers/reconcile-handler.js";

/** EventBridge schedule → one sweep of pending uploads whose ticket expired. */
export const handler = createReconcileHandler(createAwsReconciler(createAwsFoundation(loadConfig())));
