import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from "jose";

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
 * start. Persisting it is what keeps issued tokens valid across restarts. Creation is atomic (write a temp
 * file, then hard-link it into place), so two processes starting together end up with the same key.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const dir = join(dataDir, "identity");
  const file = join(dir, KEY_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const existing = await readStoredKey(file);
  if (existing) return fromStored(existing);

  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  const stored: StoredSigningKey = { kid, alg: "RS256", privateJwk };
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, JSON.stringify(stored), { mode: 0o600, flag: "wx" });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(temp);
  }
  // Whoever linked first won; everyone uses that key.
  const winner = await readStoredKey(file);
  if (!winner) throw new Error(`Signing key ${file} vanished while being created`);
  return fromStored(winner);
}

async function readStoredKey(file: string): Promise<StoredSigningKey | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  // A key file someone made readable to others is tightened rather than refused: the key is still ours.
  await chmod(file, 0o600);
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
