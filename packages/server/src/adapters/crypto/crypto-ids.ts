import { randomFillSync, randomInt } from "node:crypto";
import type { Ids } from "../../ports/ids.js";

/** No 0/O, 1/I/L: codes are read aloud and typed from posters. */
const INVITE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** 31^10 ≈ 2^49.5 codes: far beyond guessing at any rate the API allows. */
const INVITE_LENGTH = 10;
const ID_BYTES = 16;

/**
 * 16-byte ids cut from a buffer the CSPRNG refills 256 ids at a time. Why: one `randomBytes(16)` call costs
 * ~10 µs here (a trip into OpenSSL per id), a slice of a pooled fill well under 1 µs; every byte still comes
 * from the CSPRNG and is handed out once (Node's own `randomUUID` caches the same way).
 */
const pool = Buffer.alloc(ID_BYTES * 256);
let poolOffset = pool.length;

function randomIdBytes(): Buffer {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  return bytes;
}

/** Ids from the operating system's CSPRNG: 128-bit base64url ids, and short unambiguous invite codes. */
export const cryptoIds: Ids = {
  newId: () => randomIdBytes().toString("base64url"),
  newInviteCode: () =>
    Array.from({ length: INVITE_LENGTH }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join(""),
};
