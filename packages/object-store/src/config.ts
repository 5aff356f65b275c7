/** How the embedded store is started: where it keeps data, who may call it, which buckets exist. */
export interface ObjectStoreConfig {
  dataDir: string;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 9000; 0 picks any free port. */
  port?: number;
  /** Default "us-east-1"; requests signed for another region are refused. */
  region?: string;
  credentials: { accessKeyId: string; secretAccessKey: string }[];
  buckets: BucketConfig[];
  /** Default 900, as S3. */
  maxClockSkewSeconds?: number;
  /** Clock used for signatures, policies and timestamps; tests pass a fixed one. */
  now?: () => Date;
  /** First delay before redelivering an event the subscriber refused; doubles up to 30 s. Default 200 ms. */
  eventRetryBaseDelayMs?: number;
  /**
   * Multipart uploads initiated more than this many days ago are aborted (their parts deleted), at start
   * and then hourly, like S3's AbortIncompleteMultipartUpload lifecycle rule. A whole number; default 7;
   * 0 disables.
   */
  abortIncompleteMultipartAfterDays?: number;
}

export interface BucketConfig {
  name: string;
  cors?: CorsRule[];
  notifications?: NotificationRule[];
  /**
   * Keys under these prefixes are written once: every write to an existing key (PUT, POST, copy,
   * CompleteMultipartUpload) is refused with 412 PreconditionFailed, as if it carried `If-None-Match: *`.
   * Not an S3 feature: it gives browser POST uploads, which cannot carry that header, the same create-only
   * answer as a PUT that does. Deleting the key and writing it again is allowed.
   */
  createOnlyPrefixes?: string[];
}

/** One CORSRule of a bucket's CORS configuration. Origins and headers may hold one `*` wildcard each. */
export interface CorsRule {
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders?: string[];
  exposeHeaders?: string[];
  maxAgeSeconds?: number;
}

/** Which object events of a bucket are delivered (S3's QueueConfiguration without the queue). */
export interface NotificationRule {
  /** Sent as `s3.configurationId`; defaults to the rule's position. */
  id?: string;
  /**
   * "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
   * "s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete".
   */
  events: string[];
  prefix?: string;
  suffix?: string;
}
