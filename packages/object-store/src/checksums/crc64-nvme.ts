/**
 * CRC-64/NVME (reflected polynomial 0x9a6c9329ac4bc9b5, initial value and final xor all ones), the
 * algorithm behind S3's `x-amz-checksum-crc64nvme`. `@aws-sdk/crc64-nvme` computes the same value,
 * but only hands it out through an async `digest()`; the store needs it synchronously at the end of
 * a stream, hence this small implementation (tests compare it against the SDK's).
 *
 * The 64-bit register is kept as two 32-bit halves so that no BigInt work happens per byte.
 */
const POLYNOMIAL = 0x9a6c9329ac4bc9b5n;

function buildTable(): { high: Uint32Array; low: Uint32Array } {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let crc = BigInt(index);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ POLYNOMIAL : crc >> 1n;
    high[index] = Number(crc >> 32n);
    low[index] = Number(crc & 0xffffffffn);
  }
  return { high, low };
}

let table: { high: Uint32Array; low: Uint32Array } | undefined;

/** A running CRC-64/NVME. */
export class Crc64Nvme {
  #high = 0xffffffff;
  #low = 0xffffffff;

  update(data: Uint8Array): void {
    table ??= buildTable();
    const { high: tableHigh, low: tableLow } = table;
    let high = this.#high;
    let low = this.#low;
    for (let i = 0; i < data.length; i++) {
      const index = (low ^ data[i]!) & 0xff;
      low = ((low >>> 8) | (high << 24)) ^ tableLow[index]!;
      high = (high >>> 8) ^ tableHigh[index]!;
    }
    this.#high = high >>> 0;
    this.#low = low >>> 0;
  }

  /** The 8-byte big-endian checksum of everything so far (the running state is kept). */
  digest(): Buffer {
    const out = Buffer.alloc(8);
    out.writeUInt32BE((this.#high ^ 0xffffffff) >>> 0, 0);
    out.writeUInt32BE((this.#low ^ 0xffffffff) >>> 0, 4);
    return out;
  }
}
