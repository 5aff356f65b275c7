import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { Crc32c } from "@aws-crypto/crc32c";
import { Crc64Nvme } from "./crc64-nvme.js";

/** The checksum algorithms S3 accepts in `x-amz-checksum-*` headers and trailers. */
export type ChecksumAlgorithm = "CRC32" | "CRC32C" | "CRC64NVME" | "SHA1" | "SHA256";

/** A checksum fed chunk by chunk. */
export interface RunningChecksum {
  update(chunk: Uint8Array): void;
  /** Base64 of the big-endian checksum, as in `x-amz-checksum-*` headers. Does not end the computation. */
  digest(): string;
}

function uint32Base64(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0, 0);
  return out.toString("base64");
}

function crc32Checksum(): RunningChecksum {
  let value = 0;
  return {
    update: (chunk) => {
      value = crc32(chunk, value);
    },
    digest: () => uint32Base64(value),
  };
}

function crc32cChecksum(): RunningChecksum {
  const crc = new Crc32c();
  return {
    update: (chunk) => {
      crc.update(chunk);
    },
    digest: () => uint32Base64(crc.digest()),
  };
}

function crc64NvmeChecksum(): RunningChecksum {
  const crc = new Crc64Nvme();
  return {
    update: (chunk) => crc.update(chunk),
    digest: () => crc.digest().toString("base64"),
  };
}

function hashChecksum(algorithm: "sha1" | "sha256"): RunningChecksum {
  const hash = createHash(algorithm);
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    // copy(): a digest must not end the hash, like the CRCs.
    digest: () => hash.copy().digest("base64"),
  };
}

/**
 * Starts a checksum of the given algorithm.
 *
 * @example
 *   const crc = createChecksum("CRC32");
 *   crc.update(Buffer.from("hello world"));
 *   crc.digest() === "DUoRhQ=="
 */
export function createChecksum(algorithm: ChecksumAlgorithm): RunningChecksum {
  switch (algorithm) {
    case "CRC32":
      return crc32Checksum();
    case "CRC32C":
      return crc32cChecksum();
    case "CRC64NVME":
      return crc64NvmeChecksum();
    case "SHA1":
      return hashChecksum("sha1");
    case "SHA256":
      return hashChecksum("sha256");
  }
}

const BY_HEADER: Readonly<Record<string, ChecksumAlgorithm>> = {
  "x-amz-checksum-crc32": "CRC32",
  "x-amz-checksum-crc32c": "CRC32C",
  "x-amz-checksum-crc64nvme": "CRC64NVME",
  "x-amz-checksum-sha1": "SHA1",
  "x-amz-checksum-sha256": "SHA256",
};

/** "x-amz-checksum-crc32" → "CRC32" (any case); `undefined` for any other header name. */
export function checksumAlgorithmForHeader(headerName: string): ChecksumAlgorithm | undefined {
  const name = headerName.toLowerCase();
  return Object.hasOwn(BY_HEADER, name) ? BY_HEADER[name] : undefined;
}

/** "CRC32" → "x-amz-checksum-crc32". */
export function checksumHeaderFor(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}
