/** What a client chooses about an object besides its bytes; stored and returned as S3 does. */
export interface ObjectAttributes {
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  expires?: string;
  /** `x-amz-meta-*` values, names lower-case without the prefix, values as Unicode text. */
  metadata: Record<string, string>;
}

/** Checksums by S3 algorithm name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), base64 as S3 sends them. */
export type StoredChecksums = Partial<Record<string, string>>;

export interface ObjectRecord extends ObjectAttributes {
  bucket: string;
  key: string;
  blobId: string;
  size: number;
  /** Quoted, as in the ETag header: `"md5hex"` or `"md5hex-N"`. */
  etag: string;
  checksums: StoredChecksums;
  lastModified: Date;
  partsCount?: number;
}

export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  attributes: ObjectAttributes & { checksumAlgorithm?: string };
  initiated: Date;
  /** The access key id that initiated it; absent for uploads recorded before initiators were. */
  initiator?: string;
}

/**
 * Where a keyset walk over a bucket's uploads resumes: at (or after) a key, or just after one upload in
 * (key, initiation time, upload id) order.
 */
export type UploadCursor =
  | { key: string; inclusive: boolean }
  | { key: string; initiated: number; uploadId: string };

export interface PartRecord {
  uploadId: string;
  partNumber: number;
  blobId: string;
  size: number;
  etag: string;
  checksums: StoredChecksums;
  lastModified: Date;
}

/** What a CompleteMultipartUpload answered, kept for a while to answer a retry the same way. */
export interface CompletedUpload {
  uploadId: string;
  bucket: string;
  key: string;
  /** Quoted, as in the ETag header. */
  etag: string;
  checksums: StoredChecksums;
}

/** Write conditions checked inside the catalog transaction, so they hold under concurrent writers. */
export interface WriteConditions {
  /** `If-None-Match: *`: only create. */
  ifNoneMatch?: boolean;
  /** `If-Match`: only replace this ETag. */
  ifMatch?: string;
}
