import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Loads a random secret from `file`, creating it (mode 0600, `bytes` random bytes) on first start, so what
 * it signs stays valid across restarts. Creation is atomic (temp file, then hard link): two processes
 * starting together end up with the same secret.
 */
export async function loadOrCreateSecret(file: string, bytes = 32): Promise<Buffer> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const existing = await readSecret(file);
  if (existing !== undefined) return existing;
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temp, randomBytes(bytes).toString("base64url"), { mode: 0o600, flag: "wx" });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(temp);
  }
  const winner = await readSecret(file);
  if (winner === undefined) throw new Error(`Secret ${file} vanished while being created`);
  return winner;
}

async function readSecret(file: string): Promise<Buffer | undefined> {
  try {
    const text = await readFile(file, "utf8");
    await chmod(file, 0o600);
    return Buffer.from(text.trim(), "base64url");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
