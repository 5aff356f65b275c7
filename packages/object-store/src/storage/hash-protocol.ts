import type { ChecksumAlgorithm } from "../checksums/index.js";

/** Messages between the request threads' `HashPool` and its `hash-worker` threads. */
export type ToHashWorker =
  | { type: "start"; job: number; checksums: ChecksumAlgorithm[]; sha256Hex: boolean }
  | { type: "data"; job: number; data: ArrayBuffer; length: number }
  | { type: "end"; job: number }
  | { type: "cancel"; job: number };

export type FromHashWorker =
  /** A batch was digested; its buffer comes back (transferred) to be filled again. */
  | { type: "ack"; job: number; length: number; data: ArrayBuffer }
  | { type: "result"; job: number; digests: BodyDigests }
  | { type: "error"; job: number; message: string };

/** What was computed over a body. */
export interface BodyDigests {
  md5Hex: string;
  /** Present when asked for: the hex SHA-256 that `x-amz-content-sha256` is compared with. */
  sha256Hex?: string;
  /** Base64 digests of the requested `x-amz-checksum-*` algorithms. */
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}
