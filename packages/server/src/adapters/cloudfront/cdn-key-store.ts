import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { chmod, link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

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
 * key mode 0600). Kept across restarts so URLs already handed out keep working. Creation is atomic (temp
 * file, then hard link), so two processes starting together end up with the same key; the public key PEM
 * and the key-pair id are written beside it for operators.
 */
export async function loadOrCreateCdnKeyPair(dataDir: string): Promise<CdnKeyPair> {
  const dir = join(dataDir, "cdn");
  const file = join(dir, PRIVATE_KEY_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let pem = await readPrivateKey(file);
  if (pem === undefined) {
    const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
    const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(temp, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    try {
      await link(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      await unlink(temp);
    }
    pem = await readPrivateKey(file);
    if (pem === undefined) throw new Error(`CDN key ${file} vanished while being created`);
  }
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

async function readPrivateKey(file: string): Promise<string | undefined> {
  try {
    const pem = await readFile(file, "utf8");
    // A key file someone made readable to others is tightened rather than refused: the key is still ours.
    await chmod(file, 0o600);
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
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
