export type { BucketConfig, CorsRule, NotificationRule, ObjectStoreConfig } from "./config.js";
export { S3Error, type S3ErrorCode } from "./errors.js";
export type { EventSubscriber, S3EventMessage, S3EventName, S3EventRecord } from "./events/event-types.js";
export { type OpenedObject, type RunningObjectStore, startObjectStore } from "./object-store.js";
