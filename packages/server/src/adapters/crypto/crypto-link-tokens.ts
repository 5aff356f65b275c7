import { createHash, randomBytes } from "node:crypto";
import type { LinkTokens } from "../../ports/link-tokens.js";

/**
 * Link tokens from the operating system's CSPRNG: 256 bits, base64url (43 characters). A token is stored
 * as its SHA-256: with 256 random bits there is nothing to brute-force, so a fast hash is enough.
 */
export const cryptoLinkTokens: LinkTokens = {
  newToken: () => randomBytes(32).toString("base64url"),
  hashOf: (token) => createHash("sha256").update(token).digest("base64url"),
};
