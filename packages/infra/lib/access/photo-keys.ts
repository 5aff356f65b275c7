/**
 * Key prefixes of the photo bucket, as the server lays them out (`domain/upload-rules.ts`,
 * `domain/photo.ts`): browsers upload originals under `uploads/`, the pipeline writes variants under
 * `variants/`. Permissions and the CDN are scoped by these prefixes.
 */
export const photoKeys = {
  uploads: "uploads/",
  variants: "variants/",
} as const;

/** The object ARN pattern for every key under `prefix`. */
export function objectsUnder(bucketArn: string, prefix: string): string {
  return `${bucketArn}/${prefix}*`;
}
