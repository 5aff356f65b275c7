import { fdatasync, type WriteStream } from "node:fs";
import { finished, type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { S3Error } from "../errors.js";
import { type BlobStore, FILE_STREAM_HIGH_WATER_MARK, type TempFile } from "./blob-store.js";
import type { HashPool, HashRequest } from "./hash-pool.js";
import type { BodyDigests } from "./hash-protocol.js";

export interface IngestOptions {
  /** Refuse (EntityTooLarge) as soon as the body passes this many bytes. */
  maxBytes: number;
  hash: HashRequest;
}

/** A body that is on disk (in a temp file) and digested, but not yet a blob. */
export interface IngestedBody {
  temp: TempFile;
  size: number;
  digests: BodyDigests;
}

/**
 * Streams `source` into a new temp file while a hash worker digests it. The source is piped, never
 * destroyed here, so the caller can still answer on the same connection when the body is refused.
 * On any failure the temp file is removed and the error rethrown.
 */
export async function ingestBody(
  source: Readable,
  stores: { blobs: BlobStore; hashes: HashPool },
  options: IngestOptions,
): Promise<IngestedBody> {
  const temp = stores.blobs.createTempFile();
  const file = stores.blobs.openWriteStream(temp);
  const durability = progressiveSync(file);
  const job = stores.hashes.start(options.hash);
  let size = 0;
  const meter = new Transform({
    highWaterMark: FILE_STREAM_HIGH_WATER_MARK,
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      durability.wrote(chunk.length);
      if (size > options.maxBytes) {
        callback(entityTooLarge(options.maxBytes));
        return;
      }
      let room: Promise<void> | undefined;
      try {
        room = job.update(chunk);
      } catch (error) {
        callback(error as Error);
        return;
      }
      if (room) room.then(() => callback(null, chunk), callback);
      else callback(null, chunk);
    },
  });
  const stopWatching = finished(source, { writable: false }, (error) => {
    if (error) meter.destroy(toIncompleteBody(error));
  });
  source.pipe(meter);
  try {
    await pipeline(meter, file);
    return { temp, size, digests: await job.finish() };
  } catch (error) {
    source.unpipe(meter);
    job.cancel();
    await stores.blobs.discard(temp);
    throw error;
  } finally {
    stopWatching();
  }
}

/** Bytes written between background syncs of a large body. */
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;

/**
 * The temp file is fsynced before it is renamed into place (see `BlobStore.openWriteStream`). For a large
 * body that final sync would wait for every byte at once; syncing in the background as the body arrives
 * lets the disk work while the network does, so the final sync has only the tail left.
 */
function progressiveSync(file: WriteStream): { wrote(bytes: number): void } {
  let fd: number | undefined;
  file.once("open", (opened: number) => {
    fd = opened;
  });
  let unsynced = 0;
  let syncing = false;
  return {
    wrote(bytes) {
      unsynced += bytes;
      if (unsynced < SYNC_EVERY_BYTES || syncing || fd === undefined) return;
      unsynced = 0;
      syncing = true;
      fdatasync(fd, () => {
        syncing = false; // an error here resurfaces at the final fsync, which fails the write
      });
    },
  };
}

function entityTooLarge(maxBytes: number): S3Error {
  return new S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", {
    MaxSizeAllowed: maxBytes,
  });
}

function toIncompleteBody(error: Error): Error {
  if (error instanceof S3Error) return error;
  if ((error as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE") {
    return new S3Error(
      "IncompleteBody",
      "You did not provide the number of bytes specified by the Content-Length HTTP header",
      {},
      { cause: error },
    );
  }
  return error;
}
