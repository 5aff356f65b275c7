import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { Crc32, Crc32c, Crc64Nvme } from "@aws-sdk/checksums/crc";
import { Sha1, Sha256 } from "@aws-sdk/checksums/sha";
import {
  type ChecksumAlgorithm,
  checksumAlgorithmForHeader,
  checksumHeaderFor,
  createChecksum,
} from "./index.js";

/** The SDK's own implementation of each algorithm: what its flexible-checksums middleware sends. */
const SDK_CHECKSUMS: Record<
  ChecksumAlgorithm,
  new () => { update(data: Uint8Array): void; digest(): Promise<Uint8Array> }
> = {
  CRC32: Crc32,
  CRC32C: Crc32c,
  CRC64NVME: Crc64Nvme,
  SHA1: Sha1,
  SHA256: Sha256,
};

async function sdkChecksum(algorithm: ChecksumAlgorithm, pieces: readonly Uint8Array[]): Promise<string> {
  const checksum = new SDK_CHECKSUMS[algorithm]();
  for (const piece of pieces) checksum.update(piece);
  return Buffer.from(await checksum.digest()).toString("base64");
}

function ours(algorithm: ChecksumAlgorithm, pieces: readonly Uint8Array[]): string {
  const checksum = createChecksum(algorithm);
  for (const piece of pieces) checksum.update(piece);
  return checksum.digest();
}

const ALGORITHMS = Object.keys(SDK_CHECKSUMS) as ChecksumAlgorithm[];

describe("createChecksum", () => {
  it("gives the values S3 documents for 'hello world'", () => {
    const data = [Buffer.from("hello world")];
    assert.equal(ours("CRC32", data), "DUoRhQ==");
    assert.equal(ours("SHA256", data), "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=");
    assert.equal(ours("SHA1", data), "Kq5sNclPz7QV2+lfQIuc6R7oRu0=");
  });

  for (const algorithm of ALGORITHMS) {
    it(`computes ${algorithm} exactly as the AWS SDK does, whatever the piece boundaries`, async () => {
      for (const size of [0, 1, 7, 8, 9, 64, 1000, 65_537]) {
        const data = randomBytes(size);
        const expected = await sdkChecksum(algorithm, [data]);
        assert.equal(ours(algorithm, [data]), expected, `${algorithm} of ${size} bytes`);
        const cut = Math.floor(size / 3);
        const pieces = [data.subarray(0, cut), data.subarray(cut, cut + 1), data.subarray(cut + 1)];
        assert.equal(ours(algorithm, pieces), expected, `${algorithm} of ${size} bytes in three pieces`);
      }
    });

    it(`keeps running after a ${algorithm} digest`, async () => {
      const checksum = createChecksum(algorithm);
      checksum.update(Buffer.from("hello "));
      const partial = checksum.digest();
      checksum.update(Buffer.from("world"));
      assert.equal(partial, await sdkChecksum(algorithm, [Buffer.from("hello ")]));
      assert.equal(checksum.digest(), await sdkChecksum(algorithm, [Buffer.from("hello world")]));
    });
  }

  it("detects a single flipped bit with every algorithm", () => {
    const data = randomBytes(4096);
    const flipped = Buffer.from(data);
    flipped[2048]! ^= 1;
    for (const algorithm of ALGORITHMS)
      assert.notEqual(ours(algorithm, [data]), ours(algorithm, [flipped]), algorithm);
  });
});

describe("checksumAlgorithmForHeader", () => {
  it("maps every x-amz-checksum-* header to its algorithm, in any case", () => {
    assert.equal(checksumAlgorithmForHeader("x-amz-checksum-crc32"), "CRC32");
    assert.equal(checksumAlgorithmForHeader("X-Amz-Checksum-CRC32C"), "CRC32C");
    assert.equal(checksumAlgorithmForHeader("x-amz-checksum-crc64nvme"), "CRC64NVME");
    assert.equal(checksumAlgorithmForHeader("x-amz-checksum-sha1"), "SHA1");
    assert.equal(checksumAlgorithmForHeader("x-amz-checksum-sha256"), "SHA256");
    for (const algorithm of ALGORITHMS)
      assert.equal(checksumAlgorithmForHeader(checksumHeaderFor(algorithm)), algorithm);
  });

  it("returns undefined for other headers", () => {
    for (const name of [
      "x-amz-checksum-md5",
      "x-amz-checksum-",
      "content-md5",
      "x-amz-checksum-type",
      "constructor",
    ]) {
      assert.equal(checksumAlgorithmForHeader(name), undefined, name);
    }
  });
});
