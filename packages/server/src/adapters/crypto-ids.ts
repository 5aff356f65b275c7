import { randomBytes, randomInt } from "node:crypto";
import type { Ids } from "../ports/ids.js";

/** No 0/O, 1/I/L: codes are read aloud and typed from posters. */
const INVITE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** 31^10 ≈ 2^49.5 codes: far beyond guessing at any rate the API allows. */
const INVITE_LENGTH = 10;

/** Ids from the operating system's CSPRNG: 128-bit base64url ids, and short unambiguous invite codes. */
export const cryptoIds: Ids = {
  newId: () => randomBytes(16).toString("base64url"),
  newInviteCode: () =>
    Array.from({ length: INVITE_LENGTH }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join(""),
};
