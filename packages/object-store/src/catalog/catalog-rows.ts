import type { ObjectAttributes, ObjectRecord, PartRecord, StoredChecksums, UploadRecord } from "./records.js";

/** How objects and parts are stored in SQLite, and the one place that maps rows to records and back. */
export interface ObjectRow {
  bucket: string;
  key: string;
  blob_id: string;
  size: number;
  etag: string;
  content_type: string | null;
  cache_control: string | null;
  content_disposition: string | null;
  content_encoding: string | null;
  content_language: string | null;
  expires: string | null;
  metadata: string;
  checksums: string;
  last_modified: number;
  parts_count: number | null;
}

export interface PartRow {
  upload_id: string;
  part_number: number;
  blob_id: string;
  size: number;
  etag: string;
  checksums: string;
  last_modified: number;
}

export interface UploadRow {
  upload_id: string;
  bucket: string;
  key: string;
  attributes: string;
  initiated: number;
  initiator: string | null;
}

export function toObjectRow(r: ObjectRecord): ObjectRow {
  return {
    bucket: r.bucket,
    key: r.key,
    blob_id: r.blobId,
    size: r.size,
    etag: r.etag,
    content_type: r.contentType ?? null,
    cache_control: r.cacheControl ?? null,
    content_disposition: r.contentDisposition ?? null,
    content_encoding: r.contentEncoding ?? null,
    content_language: r.contentLanguage ?? null,
    expires: r.expires ?? null,
    metadata: JSON.stringify(r.metadata),
    checksums: JSON.stringify(r.checksums),
    last_modified: r.lastModified.getTime(),
    parts_count: r.partsCount ?? null,
  };
}

export function toObjectRecord(row: ObjectRow): ObjectRecord {
  const attributes: ObjectAttributes = { metadata: JSON.parse(row.metadata) as Record<string, string> };
  if (row.content_type !== null) attributes.contentType = row.content_type;
  if (row.cache_control !== null) attributes.cacheControl = row.cache_control;
  if (row.content_disposition !== null) attributes.contentDisposition = row.content_disposition;
  if (row.content_encoding !== null) attributes.contentEncoding = row.content_encoding;
  if (row.content_language !== null) attributes.contentLanguage = row.content_language;
  if (row.expires !== null) attributes.expires = row.expires;
  const record: ObjectRecord = {
    ...attributes,
    bucket: row.bucket,
    key: row.key,
    blobId: row.blob_id,
    size: row.size,
    etag: row.etag,
    checksums: JSON.parse(row.checksums) as StoredChecksums,
    lastModified: new Date(row.last_modified),
  };
  if (row.parts_count !== null) record.partsCount = row.parts_count;
  return record;
}

export function toPartRecord(row: PartRow): PartRecord {
  return {
    uploadId: row.upload_id,
    partNumber: row.part_number,
    blobId: row.blob_id,
    size: row.size,
    etag: row.etag,
    checksums: JSON.parse(row.checksums) as StoredChecksums,
    lastModified: new Date(row.last_modified),
  };
}

export function toUploadRecord(row: UploadRow): UploadRecord {
  return {
    uploadId: row.upload_id,
    bucket: row.bucket,
    key: row.key,
    attributes: JSON.parse(row.attributes) as UploadRecord["attributes"],
    initiated: new Date(row.initiated),
    ...(row.initiator === null ? {} : { initiator: row.initiator }),
  };
}
