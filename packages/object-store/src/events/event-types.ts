/** The S3 event names this store emits (without the `s3:` prefix, as in `eventName`). */
export type S3EventName =
  | "ObjectCreated:Put"
  | "ObjectCreated:Post"
  | "ObjectCreated:CompleteMultipartUpload"
  | "ObjectCreated:Copy"
  | "ObjectRemoved:Delete";

/** One record of an S3 event notification message, in AWS's shape (event version 2.1). */
export interface S3EventRecord {
  eventVersion: "2.1";
  eventSource: "aws:s3";
  awsRegion: string;
  /** ISO-8601 time of the request. */
  eventTime: string;
  eventName: S3EventName;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { "x-amz-request-id": string; "x-amz-id-2": string };
  s3: {
    s3SchemaVersion: "1.0";
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: {
      /** URL-encoded as S3 does (form encoding: spaces as "+", "/" kept). */
      key: string;
      /** Absent on ObjectRemoved events. */
      size?: number;
      /** Unquoted; absent on ObjectRemoved events. */
      eTag?: string;
      /** Store-wide increasing hex string: compare (same length) to order events on one key. */
      sequencer: string;
    };
  };
}

export interface S3EventMessage {
  Records: S3EventRecord[];
}

/** Receives event messages; a rejection means "try again later" (at-least-once delivery). */
export type EventSubscriber = (message: S3EventMessage) => Promise<void>;
