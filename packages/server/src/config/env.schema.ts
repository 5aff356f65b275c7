import { z } from "zod";
import { logLevels } from "../ports/logger.js";

/** A set variable must hold something: an empty string is a mistake, not "use the default". */
const text = () => z.string({ error: "must be a non-empty string" }).trim().min(1, "must not be empty");

const integer = (min: number, max: number) =>
  text().pipe(
    z.coerce
      .number<string>({ error: `must be an integer from ${min} to ${max}` })
      .int(`must be an integer from ${min} to ${max}`)
      .min(min, `must be an integer from ${min} to ${max}`)
      .max(max, `must be an integer from ${min} to ${max}`),
  );

const fraction = () =>
  text().pipe(
    z.coerce
      .number<string>({ error: "must be a number from 0 to 1" })
      .min(0, "must be a number from 0 to 1")
      .max(1, "must be a number from 0 to 1"),
  );

const httpUrl = () =>
  text()
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
    .transform((url) => url.replace(/\/+$/, ""));

const originList = () =>
  text().transform((value, ctx) => {
    const origins = value
      .split(",")
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0);
    for (const origin of origins) {
      if (origin !== "*" && !/^https?:\/\/[^/\s]+$/.test(origin)) {
        ctx.addIssue({ code: "custom", message: `"${origin}" is not an origin like https://example.org` });
      }
    }
    return origins;
  });

const MIB = 1024 * 1024;

/**
 * Every environment variable Shoebox reads, with the defaults that start the embedded host when nothing is
 * set. Derived defaults (public URLs, CORS origins) are filled in by `loadConfig`, which knows host and ports.
 */
export const envSchema = z.object({
  SHOEBOX_HOST_KIND: z
    .enum(["embedded", "aws"], { error: 'must be "embedded" or "aws"' })
    .default("embedded"),
  SHOEBOX_HOST: text().default("127.0.0.1"),
  SHOEBOX_PORT: integer(0, 65535).default(8080),
  SHOEBOX_S3_PORT: integer(0, 65535).default(9000),
  SHOEBOX_DATA_DIR: text().default("./data"),
  SHOEBOX_PUBLIC_URL: httpUrl().optional(),
  SHOEBOX_S3_PUBLIC_URL: httpUrl().optional(),
  SHOEBOX_BUCKET: text()
    .pipe(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name"))
    .default("shoebox-photos"),
  SHOEBOX_REGION: text()
    .pipe(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "must be an AWS region such as us-east-1"))
    .default("us-east-1"),
  SHOEBOX_MAX_UPLOAD_BYTES: integer(1, 5 * 1024 * MIB).default(50 * MIB),
  SHOEBOX_MAX_DIRECT_UPLOAD_BYTES: integer(1, 10 * MIB).default(10 * MIB),
  SHOEBOX_UPLOAD_TICKET_TTL_SECONDS: integer(300, 900).default(600),
  SHOEBOX_VIEW_URL_TTL_SECONDS: integer(30, 7 * 24 * 3600).default(300),
  SHOEBOX_LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).default("info"),
  SHOEBOX_CORS_ORIGINS: originList().optional(),
  /** Object labels and moderation by the offline models (embedded) or Rekognition (AWS). */
  SHOEBOX_LABELING: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  SHOEBOX_LABEL_MIN_CONFIDENCE: fraction().default(0.4),
  /**
   * Pixels (width × height, summed) the embedded pipeline decodes at once. A decode takes up to ~3 bytes
   * per pixel (a progressive JPEG keeps all its DCT coefficients: ~300 MiB for 100 MP, measured), so the
   * default of 100 MP keeps decoding within ~0.3 GiB and the host with labels within ~1.5 GiB. An image
   * larger than the budget still decodes, alone.
   */
  SHOEBOX_DECODE_PIXEL_BUDGET: integer(1_000_000, 100_000_000_000).default(100_000_000),
  /** A moderation score at or above this hides the photo until the organizer approves it. */
  SHOEBOX_MODERATION_THRESHOLD: fraction().default(0.7),
  /** The client id the embedded issuer puts in its tokens (Cognito's app client id plays this part on AWS). */
  SHOEBOX_AUTH_CLIENT_ID: text().default("shoebox-web"),
  /**
   * Where the embedded host sends account mail (confirmation codes), as a nodemailer URL such as
   * `smtp://user:pass@mail.example.org:587` or `smtps://…:465`. Unset: codes are printed in the host's log.
   */
  SHOEBOX_SMTP_URL: text()
    .pipe(z.string().regex(/^smtps?:\/\/[^\s/]+/, "must be an smtp:// or smtps:// URL"))
    .optional(),
  /** The `From:` of that mail; default `Shoebox <noreply@…>` on the public URL's domain. */
  SHOEBOX_MAIL_FROM: text().optional(),
  /** Use the last `X-Forwarded-For` entry as the client address (only behind a proxy that sets it). */
  SHOEBOX_TRUST_PROXY: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("off"),
  /** Sign-in attempts per minute, per client address and per email (embedded; API Gateway on AWS). */
  SHOEBOX_RATE_LIMIT_SIGN_IN_PER_MINUTE: integer(1, 1_000_000).default(10),
  /** Sign-ups per minute per client address. */
  SHOEBOX_RATE_LIMIT_SIGN_UP_PER_MINUTE: integer(1, 1_000_000).default(10),
  /** Upload tickets per minute per user (guests: per client address). */
  SHOEBOX_RATE_LIMIT_TICKETS_PER_MINUTE: integer(1, 10_000_000).default(600),
  /** Password attempts on share and guest links per minute, per link and per client address. */
  SHOEBOX_RATE_LIMIT_LINK_PASSWORD_PER_MINUTE: integer(1, 1_000_000).default(10),
  /** Public invite previews (the join page's event name, date, cover) per minute, per client address. */
  SHOEBOX_RATE_LIMIT_INVITE_PREVIEW_PER_MINUTE: integer(1, 1_000_000).default(30),
  /** Lifetime of the image URLs a public share page hands out: revoking a link takes effect within it. */
  SHOEBOX_SHARE_IMAGE_URL_TTL_SECONDS: integer(60, 3600).default(300),
  // AWS host only (required when SHOEBOX_HOST_KIND=aws).
  SHOEBOX_TABLE_NAME: text().optional(),
  SHOEBOX_COGNITO_USER_POOL_ID: text()
    .pipe(
      z
        .string()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d+_[A-Za-z0-9]+$/, "must be a user pool id like us-east-1_AbC123"),
    )
    .optional(),
  SHOEBOX_COGNITO_CLIENT_ID: text().optional(),
  /** The pipeline's SQS queue (AWS host): an owner's retry of a failed photo is sent there. */
  SHOEBOX_PIPELINE_QUEUE_URL: httpUrl().optional(),
  /**
   * The pipeline queue's dead-letter queue (AWS host): the reconciler marks `failed` the pending photos
   * whose messages are there (a last attempt that killed the function could not).
   */
  SHOEBOX_PIPELINE_DEAD_LETTER_QUEUE_URL: httpUrl().optional(),
  /**
   * The pipeline queue's redrive `maxReceiveCount` (AWS host): the receive that reaches it is the last
   * attempt, after which a failing photo is marked `failed` (the embedded queue's dead-letter hook).
   */
  SHOEBOX_PIPELINE_MAX_RECEIVE_COUNT: integer(1, 1000).default(5),
  /**
   * CloudFront delivery (AWS host): the distribution's URL, the key group's public key id, and the SSM
   * SecureString parameter holding the matching private key (PEM). All three, or none (presigned S3 GETs).
   */
  SHOEBOX_CDN_URL: httpUrl().optional(),
  SHOEBOX_CDN_KEY_PAIR_ID: text().optional(),
  SHOEBOX_CDN_PRIVATE_KEY_PARAMETER: text().optional(),
  /**
   * Sharing on the AWS host: the SSM SecureString parameter holding the secret (at least 32 bytes, e.g.
   * `openssl rand -base64 48`) that signs share-access grants, so every Lambda instance accepts the grants
   * any other issued. Without it the API offers no share or guest links.
   */
  SHOEBOX_SHARE_GRANT_SECRET_PARAMETER: text().optional(),
});

export type Env = z.infer<typeof envSchema>;
