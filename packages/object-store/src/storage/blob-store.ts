import { randomBytes } from "node:crypto";
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  type WriteStream,
} from "node:fs";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";

const BLOB_ID = /^[0-9a-f]{32}$/;
/** Big buffers for file streams: fewer syscalls; measured ~1.1 GiB/s vs ~0.7 with the 64 KiB default. */
export const FILE_STREAM_HIGH_WATER_MARK = 1024 * 1024;

/** A file being written under `tmp/`, not yet visible as a blob. */
export interface TempFile {
  path: string;
}

/**
 * Object bytes on disk. Files are named by random ids (never by object keys) under `blobs/<2 hex>/`, and
 * are written under `tmp/` then fsynced and renamed into place, so a blob either exists whole or not at
 * all. The catalog decides which blobs are live; `sweep` removes what a crash left behind.
 */
export class BlobStore {
  private readonly tmpDir: string;
  private readonly blobsDir: string;

  constructor(dataDir: string) {
    this.tmpDir = join(dataDir, "tmp");
    this.blobsDir = join(dataDir, "blobs");
    mkdirSync(this.tmpDir, { recursive: true });
    mkdirSync(this.blobsDir, { recursive: true });
  }

  /** Names a new temp file (created by `openWriteStream`). */
  createTempFile(): TempFile {
    return { path: join(this.tmpDir, randomBytes(16).toString("hex")) };
  }

  /**
   * A write stream that creates the temp file exclusively and fsyncs it before closing (`flush`), so once
   * the stream has closed, the bytes are on disk before any rename makes them visible.
   */
  openWriteStream(temp: TempFile): WriteStream {
    return createWriteStream(temp.path, {
      flags: "wx",
      flush: true,
      highWaterMark: FILE_STREAM_HIGH_WATER_MARK,
    });
  }

  /** Moves a fully written (closed, flushed) temp file into place as a new blob; returns the blob id. */
  async commit(temp: TempFile): Promise<string> {
    const blobId = randomBytes(16).toString("hex");
    const dir = join(this.blobsDir, blobId.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    await rename(temp.path, join(dir, blobId));
    return blobId;
  }

  /** Removes a temp file that will not become a blob. Never throws. */
  async discard(temp: TempFile): Promise<void> {
    await rm(temp.path, { force: true }).catch(() => {});
  }

  /**
   * Streams a blob's bytes, optionally only `start..end` (inclusive). The file is opened before this
   * returns, so a blob deleted afterwards (replaced object) is still read whole.
   */
  read(blobId: string, range?: { start: number; end: number }): Readable {
    const fd = openSync(this.pathOf(blobId), "r");
    return createReadStream("", {
      fd,
      highWaterMark: FILE_STREAM_HIGH_WATER_MARK,
      ...(range ? { start: range.start, end: range.end } : {}),
    });
  }

  /**
   * Reads `start..end` (inclusive) of a blob into one buffer, synchronously. For small extents only: a
   * page-cache read of a few KiB costs less than the stream's trips through the thread pool.
   */
  readBytes(blobId: string, range: { start: number; end: number }): Buffer {
    const fd = openSync(this.pathOf(blobId), "r");
    try {
      const bytes = Buffer.allocUnsafe(range.end - range.start + 1);
      let filled = 0;
      while (filled < bytes.length) {
        const n = readSync(fd, bytes, filled, bytes.length - filled, range.start + filled);
        if (n === 0) throw new Error(`blob ${blobId} is shorter than its catalog entry`);
        filled += n;
      }
      return bytes;
    } finally {
      closeSync(fd);
    }
  }

  /** Deletes a blob that no longer backs anything. Never throws (the start-up sweep retries). */
  async remove(blobId: string): Promise<void> {
    await rm(this.pathOf(blobId), { force: true }).catch(() => {});
  }

  /** Removes every temp file and every blob `isLive` rejects. Only safe before requests are served. */
  sweep(isLive: (blobId: string) => boolean): { tempFiles: number; orphanBlobs: number } {
    let tempFiles = 0;
    for (const name of readdirSync(this.tmpDir)) {
      rmSync(join(this.tmpDir, name), { force: true, recursive: true });
      tempFiles++;
    }
    let orphanBlobs = 0;
    for (const shard of readdirSync(this.blobsDir)) {
      for (const name of readdirSync(join(this.blobsDir, shard))) {
        if (BLOB_ID.test(name) && isLive(name)) continue;
        rmSync(join(this.blobsDir, shard, name), { force: true, recursive: true });
        orphanBlobs++;
      }
    }
    return { tempFiles, orphanBlobs };
  }

  private pathOf(blobId: string): string {
    // Ids come from the catalog, which only ever holds ids made by `commit`; checked anyway.
    if (!BLOB_ID.test(blobId)) throw new Error(`invalid blob id ${JSON.stringify(blobId)}`);
    return join(this.blobsDir, blobId.slice(0, 2), blobId);
  }
}
