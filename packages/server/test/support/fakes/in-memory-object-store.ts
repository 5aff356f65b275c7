import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { ConflictError } from "../../../src/domain/errors.js";
import type { Clock } from "../../../src/ports/clock.js";
import type {
  ObjectStore,
  StoredObject,
  UploadTicket,
  UploadTicketRequest,
  WriteOptions,
} from "../../../src/ports/object-store.js";

interface MemoryObject extends StoredObject {
  body: Buffer;
  cacheControl?: string;
}

/**
 * `ObjectStore` in memory, for unit tests of services: keeps objects, records the tickets it issued and
 * the keys it wrote and deleted, and returns recognisable fake URLs (`memory://…`). `failNextTicket` simulates a
 * store outage.
 */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, MemoryObject>();
  readonly ticketRequests: UploadTicketRequest[] = [];
  readonly deletedKeys: string[] = [];
  /** Every key `write` stored, in order (a rewrite appears again). */
  readonly writtenKeys: string[] = [];
  private pendingFailure: Error | undefined;

  constructor(private readonly clock: Clock = { now: () => new Date() }) {}

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
    this.objects.set(key, {
      key,
      body: Buffer.from(bytes),
      size: bytes.length,
      etag,
      contentType: options.contentType,
      metadata: { ...options.metadata },
      lastModified: this.clock.now(),
      ...(options.cacheControl === undefined ? {} : { cacheControl: options.cacheControl }),
    });
    return { etag };
  }

  async delete(key: string): Promise<void> {
    this.deletedKeys.push(key);
    this.objects.delete(key);
  }

  async presignRead(key: string, expiresInSeconds: number): Promise<string> {
    return `memory://read/${key}?expires-in=${expiresInSeconds}`;
  }
}
