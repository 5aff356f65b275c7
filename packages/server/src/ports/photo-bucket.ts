import type { Readable } from "node:stream";

/**
 * The photo bucket, as the services need it. Implemented over the AWS SDK v3 S3 client, which talks to
 * real S3 on AWS and to the embedded S3 endpoint (or MinIO, R2 …) by configuration.
 *
 * Keys are built by the services from ids they generated, never from user input.
 */
export interface PhotoBucket {
  /**
   * A short-lived ticket that lets a client without credentials upload exactly one object, directly to the
   * store. The store itself enforces what the ticket pins (key, content type, size, metadata).
   */
  createUploadTicket(request: UploadTicketRequest): Promise<UploadTicket>;
  /** Object facts, or `undefined` when there is no such key. */
  head(key: string): Promise<StoredObject | undefined>;
  /** The object's bytes (optionally a byte range, inclusive), or `undefined` when there is no such key. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable | undefined>;
  /** Writes a whole object (server-side writes: direct uploads, variants). `ifNoneMatch` makes it create-only. */
  write(key: string, body: Buffer | Readable, options: WriteOptions): Promise<{ etag: string }>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Permanently removes one version of an object in a versioned bucket (S3 `DeleteObject` with
   * `VersionId`); when it was the current version, the one before it becomes current again. Only called
   * with a `versionId` that `head` returned, so a store without versioning never receives it.
   */
  deleteVersion(key: string, versionId: string): Promise<void>;
  /**
   * A short-lived URL that lets anyone holding it read the object (GET). With `contentDisposition`, the
   * answer carries that header (signed `response-content-disposition`): a browser saves the file.
   */
  presignRead(key: string, expiresInSeconds: number, options?: PresignReadOptions): Promise<string>;
}

export interface PresignReadOptions {
  contentDisposition?: string;
}

export type UploadMethod = "POST" | "PUT";

export interface UploadTicketRequest {
  method: UploadMethod;
  key: string;
  contentType: string;
  /** POST: the policy's content-length-range upper bound. PUT: the exact signed Content-Length. */
  maxBytes: number;
  /** PUT only: the exact size the client declared (signed as Content-Length). */
  exactBytes?: number;
  /** Stored as `x-amz-meta-*` (names lower-case, without the prefix). */
  metadata: Readonly<Record<string, string>>;
  cacheControl?: string;
  expiresInSeconds: number;
}

export type UploadTicket =
  | { method: "POST"; url: string; fields: Record<string, string>; expiresAt: Date }
  | { method: "PUT"; url: string; headers: Record<string, string>; expiresAt: Date };

export interface StoredObject {
  key: string;
  size: number;
  etag: string;
  contentType?: string;
  /** `x-amz-meta-*` values, names lower-case without the prefix. */
  metadata: Record<string, string>;
  lastModified?: Date;
  /** The current version's id, in a versioned bucket (S3 with versioning on); absent elsewhere. */
  versionId?: string;
}

export interface WriteOptions {
  contentType: string;
  metadata?: Readonly<Record<string, string>>;
  cacheControl?: string;
  ifNoneMatch?: "*";
  contentLength?: number;
}
