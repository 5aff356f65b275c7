import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadOrCreateSecretFile } from "../files/secret-file.js";

/** The key pair that signs delivery URLs; the embedded `/cdn` route verifies with its public half. */
export interface CdnKeyPair {
  /** Like CloudFront's public key ids (`K…`): derived from the public key, so it names this key only. */
  keyPairId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what an operator uploads to a CloudFront key group to serve the same URLs from AWS. */
  publicKeyPem: string;
}

const PRIVATE_KEY_FILE = "private-key.pem";
const PUBLIC_KEY_FILE = "public-key.pem";
const KEY_PAIR_ID_FILE = "key-pair-id";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * Loads the delivery key pair from `<dataDir>/cdn/`, creating an RSA-2048 pair on first start (the private
 * key mode 0600, created atomically by `loadOrCreateSecretFile`). Kept across restarts so URLs already
 * handed out keep working; the public key PEM and the key-pair id are written beside it for operators.
 */
export async function loadOrCreateCdnKeyPair(dataDir: string): Promise<CdnKeyPair> {
  const dir = join(dataDir, "cdn");
  const pem = await loadOrCreateSecretFile(join(dir, PRIVATE_KEY_FILE), async () => {
    const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
    return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  });
  const keyPair = keyPairOf(pem);
  await writeFile(join(dir, PUBLIC_KEY_FILE), keyPair.publicKeyPem);
  await writeFile(join(dir, KEY_PAIR_ID_FILE), `${keyPair.keyPairId}\n`);
  return keyPair;
}

function keyPairOf(pem: string): CdnKeyPair {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "rsa") throw new Error("The CDN key must be an RSA key");
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: "spki", format: "der" });
  return {
    keyPairId: `K${base32(createHash("sha256").update(der).digest()).slice(0, 13)}`,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
