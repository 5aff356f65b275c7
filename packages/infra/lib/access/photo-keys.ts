import { OBJECT_KEY_PREFIXES } from "@shoebox/server/object-keys";

/**
 * Key prefixes of the photo bucket, from the server's one definition of its key layout
 * (`packages/server/src/domain/object-keys.ts`): browsers upload originals under `uploads/`, the pipeline
 * writes variants under `variants/`. Permissions and the CDN are scoped by these prefixes.
 */
export const photoKeys = OBJECT_KEY_PREFIXES;

/** The object ARN pattern for every key under `prefix`. */
export function objectsUnder(bucketArn: string, prefix: string): string {
  return `${bucketArn}/${prefix}*`;
}
