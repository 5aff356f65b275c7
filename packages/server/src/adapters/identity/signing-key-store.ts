import { join } from "node:path";
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from "jose";
import { loadOrCreateSecretFile } from "../files/secret-file.js";

/** The embedded issuer's RS256 key: signs tokens; its public half is published as the JWKS. */
export interface SigningKey {
  kid: string;
  alg: "RS256";
  privateKey: CryptoKey;
  /** Public parameters only (`kty`, `n`, `e`) plus `kid`, `alg`, `use` — safe to publish. */
  publicJwk: JWK;
}

interface StoredSigningKey {
  kid: string;
  alg: "RS256";
  privateJwk: JWK;
}

const KEY_FILE = "signing-key.json";

/**
 * Loads the issuer's signing key from `<dataDir>/identity/signing-key.json`, creating it (mode 0600) on first
 * start. Persisting it is what keeps issued tokens valid across restarts; `loadOrCreateSecretFile` makes
 * creation atomic, so two processes starting together end up with the same key.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const file = join(dataDir, "identity", KEY_FILE);
  const text = await loadOrCreateSecretFile(file, async () => {
    const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(privateJwk);
    return JSON.stringify({ kid, alg: "RS256", privateJwk } satisfies StoredSigningKey);
  });
  return fromStored(parseStoredKey(text, file));
}

function parseStoredKey(text: string, file: string): StoredSigningKey {
  const stored = JSON.parse(text) as Partial<StoredSigningKey>;
  if (stored.alg !== "RS256" || typeof stored.kid !== "string" || stored.privateJwk?.kty !== "RSA") {
    throw new Error(`Signing key ${file} is not an RS256 key written by Shoebox`);
  }
  return stored as StoredSigningKey;
}

async function fromStored(stored: StoredSigningKey): Promise<SigningKey> {
  const privateKey = (await importJWK(stored.privateJwk, "RS256")) as CryptoKey;
  const { kty, n, e } = stored.privateJwk;
  return {
    kid: stored.kid,
    alg: "RS256",
    privateKey,
    publicJwk: { kty, n, e, kid: stored.kid, alg: "RS256", use: "sig" },
  };
}
