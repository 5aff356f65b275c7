import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { loadOrCreateSecretFile } from "../adapters/files/secret-file.js";

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The embedded S3 endpoint's one access key: made on first start, kept in the data dir (mode 0600) so
 * presigned URLs issued before a restart still verify after it. Only this process signs with it.
 */
export async function loadOrCreateS3Credentials(dataDir: string): Promise<S3Credentials> {
  const file = join(dataDir, "object-store", "credentials.json");
  const text = await loadOrCreateSecretFile(file, () =>
    JSON.stringify({
      accessKeyId: `SHOEBOX${randomBytes(8).toString("hex").toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString("base64url"),
    } satisfies S3Credentials),
  );
  return JSON.parse(text) as S3Credentials;
}
