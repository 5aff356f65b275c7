import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Loads the secret kept in `file`, creating it on first start with `create()`, so what it signs stays valid
 * across restarts. The file is mode 0600 in a 0700 folder (a file someone made readable to others is
 * tightened rather than refused: the secret is still ours). Creation is atomic (temp file, then hard link),
 * so two processes starting together end up with the same secret, and no reader ever sees half a file.
 * The one way the embedded host keeps a secret on disk: grant secret, S3 access key, CDN and signing keys.
 */
export async function loadOrCreateSecretFile(
  file: string,
  create: () => Promise<string> | string,
): Promise<string> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const existing = await readSecretFile(file);
  if (existing !== undefined) return existing;
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, await create(), { mode: 0o600, flag: "wx" });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(temp);
  }
  // Whoever linked first won; everyone uses that secret.
  const winner = await readSecretFile(file);
  if (winner === undefined) throw new Error(`Secret ${file} vanished while being created`);
  return winner;
}

/** A random secret of `bytes` bytes kept in `file` (base64url), as {@link loadOrCreateSecretFile} keeps it. */
export async function loadOrCreateSecret(file: string, bytes = 32): Promise<Buffer> {
  const text = await loadOrCreateSecretFile(file, () => randomBytes(bytes).toString("base64url"));
  return Buffer.from(text.trim(), "base64url");
}

async function readSecretFile(file: string): Promise<string | undefined> {
  try {
    const text = await readFile(file, "utf8");
    await chmod(file, 0o600);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
