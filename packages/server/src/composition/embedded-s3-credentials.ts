import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The embedded S3 endpoint's one access key: made on first start, kept in the data dir (mode 0600) so
 * presigned URLs issued before a restart still verify after it. Only this process signs with it.
 */
export function loadOrCreateS3Credentials(dataDir: string): S3Credentials {
  const file = join(dataDir, "object-store", "credentials.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as S3Credentials;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const credentials: S3Credentials = {
    accessKeyId: `SHOEBOX${randomBytes(8).toString("hex").toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString("base64url"),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600, flag: "wx" });
  return credentials;
}
