import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { ConflictError } from "../../../src/domain/errors.js";
import type { Clock } from "../../../src/ports/clock.js";
import type {
  PhotoBucket,
  PresignReadOptions,
  StoredObject,
  UploadTicket,
  UploadTicketRequest,
  WriteOptions,
} from "../../../src/ports/photo-bucket.js";

interface MemoryObject extends StoredObject {
  body: Buffer;
  cacheControl?: string;
}

/** One entry of a key's version history in a versioned stand-in: an object, or S3's delete marker. */
type MemoryVersion = MemoryObject | { deleteMarker: true; versionId: string };

/**
 * `PhotoBucket` in memory, for unit tests of services: keeps objects, records the tickets it issued and
 * the keys it wrote and deleted, and returns recognisable fake URLs (`memory://…`). `failNextTicket` simulates a
 * store outage.
 *
 * With `{ versioned: true }` it stands in for an S3 bucket with versioning on (which nothing here can
 * run): every write adds a version with its own `versionId`, `delete` adds a delete marker, and
 * `deleteVersion` removes one version, making the newest remaining one current — as S3 documents.
 */
export class InMemoryPhotoBucket implements PhotoBucket {
  readonly objects = new Map<string, MemoryObject>();
  readonly ticketRequests: UploadTicketRequest[] = [];
  readonly deletedKeys: string[] = [];
  /** Every key `write` stored, in order (a rewrite appears again). */
  readonly writtenKeys: string[] = [];
  /** Versioned stand-in only: each key's versions, oldest first. */
  readonly versions = new Map<string, MemoryVersion[]>();
  private pendingFailure: Error | undefined;
  private nextVersion = 1;

  constructor(
    private readonly clock: Clock = { now: () => new Date() },
    private readonly options: { versioned?: boolean } = {},
  ) {}

  /** Makes the next `createUploadTicket` call reject with `error`. */
  failNextTicket(error: Error = new Error("object store unavailable")): void {
    this.pendingFailure = error;
  }

  async createUploadTicket(request: UploadTicketRequest): Promise<UploadTicket> {
    const failure = this.pendingFailure;
    this.pendingFailure = undefined;
    if (failure) throw failure;
    this.ticketRequests.push(structuredClone(request));
    const expiresAt = new Date(this.clock.now().getTime() + request.expiresInSeconds * 1000);
    const url = `memory://upload/${request.key}`;
    return request.method === "POST"
      ? { method: "POST", url, fields: { key: request.key, "Content-Type": request.contentType }, expiresAt }
      : { method: "PUT", url, headers: { "Content-Type": request.contentType }, expiresAt };
  }

  async head(key: string): Promise<StoredObject | undefined> {
    const object = this.objects.get(key);
    if (object === undefined) return undefined;
    const { body: _body, cacheControl: _cacheControl, ...facts } = object;
    return structuredClone(facts);
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable | undefined> {
    const object = this.objects.get(key);
    if (object === undefined) return undefined;
    return Readable.from([range ? object.body.subarray(range.start, range.end + 1) : object.body]);
  }

  async write(key: string, body: Buffer | Readable, options: WriteOptions): Promise<{ etag: string }> {
    if (options.ifNoneMatch === "*" && this.objects.has(key))
      throw new ConflictError(`${key} already exists`);
    const bytes = Buffer.isBuffer(body) ? body : Buffer.concat(await body.toArray());
    const etag = createHash("md5").update(bytes).digest("hex");
    this.writtenKeys.push(key);
    const object: MemoryObject = {
      key,
      body: Buffer.from(bytes),
      size: bytes.length,
      etag,
      contentType: options.contentType,
      metadata: { ...options.metadata },
      lastModified: this.clock.now(),
      ...(options.cacheControl === undefined ? {} : { cacheControl: options.cacheControl }),
      ...(this.options.versioned ? { versionId: this.newVersionId() } : {}),
    };
    this.objects.set(key, object);
    if (this.options.versioned) this.versionsOf(key).push(object);
    return { etag };
  }

  async delete(key: string): Promise<void> {
    this.deletedKeys.push(key);
    this.objects.delete(key);
    if (this.options.versioned) {
      this.versionsOf(key).push({ deleteMarker: true, versionId: this.newVersionId() });
    }
  }

  async deleteVersion(key: string, versionId: string): Promise<void> {
    if (!this.options.versioned) throw new Error("deleteVersion on a store without versioning");
    const remaining = this.versionsOf(key).filter((version) => version.versionId !== versionId);
    this.versions.set(key, remaining);
    const current = remaining.at(-1);
    if (current === undefined || "deleteMarker" in current) this.objects.delete(key);
    else this.objects.set(key, current);
  }

  private versionsOf(key: string): MemoryVersion[] {
    let versions = this.versions.get(key);
    if (versions === undefined) {
      versions = [];
      this.versions.set(key, versions);
    }
    return versions;
  }

  private newVersionId(): string {
    return `version-${this.nextVersion++}`;
  }

  async presignRead(
    key: string,
    expiresInSeconds: number,
    options: PresignReadOptions = {},
  ): Promise<string> {
    const disposition =
      options.contentDisposition === undefined
        ? ""
        : `&response-content-disposition=${encodeURIComponent(options.contentDisposition)}`;
    return `memory://read/${key}?expires-in=${expiresInSeconds}${disposition}`;
  }
}
