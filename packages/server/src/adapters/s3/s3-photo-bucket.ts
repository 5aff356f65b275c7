import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type {
  PhotoBucket,
  PresignReadOptions,
  StoredObject,
  UploadTicket,
  UploadTicketRequest,
  WriteOptions,
} from "../../ports/photo-bucket.js";
import { UploadTicketSigner } from "./upload-ticket-signer.js";

export interface S3PhotoBucketOptions {
  bucket: string;
  region: string;
  /** Where the server reaches the store; omit on AWS. */
  endpoint?: string;
  /** Where browsers reach the store (presigned URLs are signed for this host); defaults to `endpoint`. */
  publicEndpoint?: string;
  /** Path-style addressing (`http://host/bucket/key`): needed for the embedded store and most S3-compatibles. */
  forcePathStyle?: boolean;
  /** Static credentials for the embedded store; omit on AWS to use the function's role. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Server-side encryption to request on server-side writes (AWS: "AES256" or "aws:kms"). */
  serverSideEncryption?: "AES256" | "aws:kms";
}

/**
 * The photo bucket over the AWS SDK v3: real S3 on AWS, the embedded endpoint (or MinIO, R2 …) elsewhere.
 *
 * Two clients: one for the server's own calls, and one for presigning reads whose endpoint is the public
 * one and whose checksum setting is `WHEN_REQUIRED` — the default would sign an empty-body CRC into every
 * URL. Upload tickets, the hot path, are signed by `UploadTicketSigner` on the same credentials.
 */
export class S3PhotoBucket implements PhotoBucket {
  private readonly client: S3Client;
  private readonly presigner: S3Client;
  private readonly ticketSigner: UploadTicketSigner;

  constructor(private readonly options: S3PhotoBucketOptions) {
    const common = {
      region: options.region,
      forcePathStyle: options.forcePathStyle ?? false,
      ...(options.credentials ? { credentials: options.credentials } : {}),
    };
    this.client = new S3Client({ ...common, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
    const publicEndpoint = options.publicEndpoint ?? options.endpoint;
    this.presigner = new S3Client({
      ...common,
      ...(publicEndpoint ? { endpoint: publicEndpoint } : {}),
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    this.ticketSigner = new UploadTicketSigner({
      bucket: options.bucket,
      region: options.region,
      ...(publicEndpoint ? { endpoint: publicEndpoint } : {}),
      credentials: options.credentials ?? this.client.config.credentials,
    });
  }

  async createUploadTicket(request: UploadTicketRequest): Promise<UploadTicket> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + request.expiresInSeconds * 1000);
    return request.method === "POST"
      ? { method: "POST", ...(await this.ticketSigner.post(request, now)), expiresAt }
      : { method: "PUT", ...(await this.ticketSigner.put(request, now)), expiresAt };
  }

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return {
        key,
        size: out.ContentLength ?? 0,
        etag: unquote(out.ETag ?? ""),
        ...(out.ContentType ? { contentType: out.ContentType } : {}),
        metadata: out.Metadata ?? {},
        ...(out.LastModified ? { lastModified: out.LastModified } : {}),
        // S3 answers "null" for objects written while versioning was off: not a version one can delete.
        ...(out.VersionId && out.VersionId !== "null" ? { versionId: out.VersionId } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable | undefined> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.options.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return out.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async write(key: string, body: Buffer | Readable, options: WriteOptions): Promise<{ etag: string }> {
    const out = await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: body,
        ContentType: options.contentType,
        ...(options.contentLength !== undefined ? { ContentLength: options.contentLength } : {}),
        ...(options.cacheControl ? { CacheControl: options.cacheControl } : {}),
        ...(options.metadata ? { Metadata: { ...options.metadata } } : {}),
        ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
        ...(this.options.serverSideEncryption
          ? { ServerSideEncryption: this.options.serverSideEncryption }
          : {}),
      }),
    );
    return { etag: unquote(out.ETag ?? "") };
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  async deleteVersion(key: string, versionId: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key, VersionId: versionId }),
    );
  }

  async presignRead(
    key: string,
    expiresInSeconds: number,
    options: PresignReadOptions = {},
  ): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: key,
      ...(options.contentDisposition === undefined
        ? {}
        : { ResponseContentDisposition: options.contentDisposition }),
    });
    return getSignedUrl(this.presigner, command, { expiresIn: expiresInSeconds });
  }

  /** Releases the SDK's sockets (tests, shutdown). */
  close(): void {
    this.client.destroy();
    this.presigner.destroy();
  }
}

function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, "");
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === "NotFound" || error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404)
  );
}
