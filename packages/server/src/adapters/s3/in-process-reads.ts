import type { Readable } from "node:stream";
import type { RunningObjectStore } from "@shoebox/object-store";
import type {
  PhotoBucket,
  PresignReadOptions,
  StoredObject,
  UploadTicket,
  UploadTicketRequest,
  WriteOptions,
} from "../../ports/photo-bucket.js";

/**
 * The embedded host's photo bucket: everything through the S3 adapter (the same code as on AWS), except
 * whole-object reads, which open the blob in-process. The pipeline reads every original once; going
 * through HTTP and the SDK for bytes that sit in this very process cost it several percent of its time.
 */
export class InProcessReadPhotoBucket implements PhotoBucket {
  constructor(
    private readonly s3: PhotoBucket,
    private readonly running: Pick<RunningObjectStore, "openObject">,
    private readonly bucket: string,
  ) {}

  async read(key: string, range?: { start: number; end: number }): Promise<Readable | undefined> {
    if (range) return this.s3.read(key, range);
    return this.running.openObject(this.bucket, key)?.body;
  }

  createUploadTicket(request: UploadTicketRequest): Promise<UploadTicket> {
    return this.s3.createUploadTicket(request);
  }

  head(key: string): Promise<StoredObject | undefined> {
    return this.s3.head(key);
  }

  write(key: string, body: Buffer | Readable, options: WriteOptions): Promise<{ etag: string }> {
    return this.s3.write(key, body, options);
  }

  delete(key: string): Promise<void> {
    return this.s3.delete(key);
  }

  deleteVersion(key: string, versionId: string): Promise<void> {
    return this.s3.deleteVersion(key, versionId);
  }

  presignRead(key: string, expiresInSeconds: number, options?: PresignReadOptions): Promise<string> {
    return this.s3.presignRead(key, expiresInSeconds, options);
  }
}
