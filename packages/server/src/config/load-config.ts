import { resolve } from "node:path";
import type { z } from "zod";
import type { LogLevel } from "../ports/logger.js";
import { type Env, envSchema } from "./env.schema.js";

/** How the API verifies bearer tokens: the built-in issuer, or a Cognito user pool. */
export type AuthConfig =
  | { kind: "embedded"; issuer: string; clientId: string }
  | { kind: "cognito"; issuer: string; clientId: string; jwksUrl: string; userPoolId: string };

/** Where CloudFront serves the variants, and how its signed URLs are signed (AWS host). */
export interface CdnConfig {
  /** The distribution's URL, e.g. `https://d111111abcdef8.cloudfront.net` (no trailing slash). */
  url: string;
  /** The id of the public key in the distribution's key group. */
  keyPairId: string;
  /** Name of the SSM SecureString parameter holding the private key (PEM); read once per cold start. */
  privateKeyParameter: string;
}

/** What only the AWS host needs beyond the shared settings. */
export interface AwsConfig {
  /** The pipeline's SQS queue, where retries are sent; without it, retrying a failed photo is refused. */
  pipelineQueueUrl?: string;
  /** The pipeline queue's DLQ, which the reconciler reads (never deletes from). */
  pipelineDeadLetterQueueUrl?: string;
  /** The queue's redrive `maxReceiveCount`: the receive that reaches it is the pipeline's last attempt. */
  maxReceiveCount: number;
  /** Absent: viewers get presigned S3 GETs instead of CloudFront signed URLs. */
  cdn?: CdnConfig;
  /**
   * Name of the SSM SecureString parameter holding the share-access grant secret; read once per cold start.
   * Absent: no sharing routes (share links, public pages, guest links).
   */
  shareGrantSecretParameter?: string;
}

/** Shoebox's settings, parsed once from the environment at start. */
export interface Config {
  hostKind: "embedded" | "aws";
  http: { host: string; port: number; publicUrl: string; corsOrigins: string[] };
  storage: {
    /** Absolute path of the embedded host's data (SQLite files, objects, signing key). */
    dataDir: string;
    bucket: string;
    region: string;
    s3Port: number;
    s3PublicUrl: string;
    /** DynamoDB table (AWS host). */
    tableName?: string;
  };
  uploads: {
    maxUploadBytes: number;
    maxDirectUploadBytes: number;
    ticketTtlSeconds: number;
    viewUrlTtlSeconds: number;
  };
  pipeline: {
    labeling: boolean;
    /** Labels below this confidence are not recorded. */
    minLabelConfidence: number;
    /** A moderation score at or above this hides the photo. */
    moderationThreshold: number;
    /** Pixels the embedded pipeline decodes at once (sum of width × height). */
    decodePixelBudget: number;
  };
  auth: AuthConfig;
  /** Per-minute limits the embedded host enforces (API Gateway throttling does on AWS). */
  rateLimits: {
    /** Trust the last `X-Forwarded-For` entry as the client address. */
    trustProxy: boolean;
    signInPerMinute: number;
    signUpPerMinute: number;
    ticketsPerMinute: number;
    linkPasswordPerMinute: number;
    invitePreviewPerMinute: number;
  };
  sharing: {
    /** Lifetime of image URLs on public share pages (minutes, so revocation bites quickly). */
    imageUrlTtlSeconds: number;
  };
  /** Account mail of the embedded host; without `smtpUrl`, codes go to the log. */
  mail: { smtpUrl?: string; from: string };
  /** Present only when `hostKind` is "aws". */
  aws?: AwsConfig;
  log: { level: LogLevel };
}

/** A setting is missing or malformed; the message names every offending variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Parses Shoebox's settings from the environment. The only reader of `process.env`; nothing set starts the
 * embedded host on 127.0.0.1:8080 with its S3 endpoint on :9000 and data in ./data.
 *
 * @throws ConfigError naming each bad variable, so a wrong setting stops the process at start.
 * @example
 * const config = loadConfig(); // process.env
 * const testConfig = loadConfig({ SHOEBOX_PORT: "0", SHOEBOX_DATA_DIR: tmp });
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  const e = parsed.data;
  checkCrossFieldRules(e);

  const publicUrl = e.SHOEBOX_PUBLIC_URL ?? `http://${hostForUrl(e.SHOEBOX_HOST)}:${e.SHOEBOX_PORT}`;
  return {
    hostKind: e.SHOEBOX_HOST_KIND,
    http: {
      host: e.SHOEBOX_HOST,
      port: e.SHOEBOX_PORT,
      publicUrl,
      corsOrigins: e.SHOEBOX_CORS_ORIGINS ?? [new URL(publicUrl).origin],
    },
    storage: {
      dataDir: resolve(e.SHOEBOX_DATA_DIR),
      bucket: e.SHOEBOX_BUCKET,
      region: e.SHOEBOX_REGION,
      s3Port: e.SHOEBOX_S3_PORT,
      s3PublicUrl: e.SHOEBOX_S3_PUBLIC_URL ?? `http://${hostForUrl(e.SHOEBOX_HOST)}:${e.SHOEBOX_S3_PORT}`,
      ...(e.SHOEBOX_TABLE_NAME === undefined ? {} : { tableName: e.SHOEBOX_TABLE_NAME }),
    },
    uploads: {
      maxUploadBytes: e.SHOEBOX_MAX_UPLOAD_BYTES,
      maxDirectUploadBytes: e.SHOEBOX_MAX_DIRECT_UPLOAD_BYTES,
      ticketTtlSeconds: e.SHOEBOX_UPLOAD_TICKET_TTL_SECONDS,
      viewUrlTtlSeconds: e.SHOEBOX_VIEW_URL_TTL_SECONDS,
    },
    pipeline: {
      labeling: e.SHOEBOX_LABELING === "on",
      minLabelConfidence: e.SHOEBOX_LABEL_MIN_CONFIDENCE,
      moderationThreshold: e.SHOEBOX_MODERATION_THRESHOLD,
      decodePixelBudget: e.SHOEBOX_DECODE_PIXEL_BUDGET,
    },
    auth: authConfig(e, publicUrl),
    rateLimits: {
      trustProxy: e.SHOEBOX_TRUST_PROXY === "on",
      signInPerMinute: e.SHOEBOX_RATE_LIMIT_SIGN_IN_PER_MINUTE,
      signUpPerMinute: e.SHOEBOX_RATE_LIMIT_SIGN_UP_PER_MINUTE,
      ticketsPerMinute: e.SHOEBOX_RATE_LIMIT_TICKETS_PER_MINUTE,
      linkPasswordPerMinute: e.SHOEBOX_RATE_LIMIT_LINK_PASSWORD_PER_MINUTE,
      invitePreviewPerMinute: e.SHOEBOX_RATE_LIMIT_INVITE_PREVIEW_PER_MINUTE,
    },
    sharing: { imageUrlTtlSeconds: e.SHOEBOX_SHARE_IMAGE_URL_TTL_SECONDS },
    mail: {
      ...(e.SHOEBOX_SMTP_URL === undefined ? {} : { smtpUrl: e.SHOEBOX_SMTP_URL }),
      from: e.SHOEBOX_MAIL_FROM ?? `Shoebox <noreply@${mailDomain(publicUrl)}>`,
    },
    ...(e.SHOEBOX_HOST_KIND === "aws" ? { aws: awsConfig(e) } : {}),
    log: { level: e.SHOEBOX_LOG_LEVEL },
  };
}

function awsConfig(e: Env): AwsConfig {
  const { SHOEBOX_CDN_URL: url, SHOEBOX_CDN_KEY_PAIR_ID: keyPairId } = e;
  const privateKeyParameter = e.SHOEBOX_CDN_PRIVATE_KEY_PARAMETER;
  return {
    ...(e.SHOEBOX_PIPELINE_QUEUE_URL === undefined ? {} : { pipelineQueueUrl: e.SHOEBOX_PIPELINE_QUEUE_URL }),
    ...(e.SHOEBOX_PIPELINE_DEAD_LETTER_QUEUE_URL === undefined
      ? {}
      : { pipelineDeadLetterQueueUrl: e.SHOEBOX_PIPELINE_DEAD_LETTER_QUEUE_URL }),
    maxReceiveCount: e.SHOEBOX_PIPELINE_MAX_RECEIVE_COUNT,
    // checkCrossFieldRules guarantees all three or none.
    ...(url && keyPairId && privateKeyParameter ? { cdn: { url, keyPairId, privateKeyParameter } } : {}),
    ...(e.SHOEBOX_SHARE_GRANT_SECRET_PARAMETER === undefined
      ? {}
      : { shareGrantSecretParameter: e.SHOEBOX_SHARE_GRANT_SECRET_PARAMETER }),
  };
}

function authConfig(e: Env, publicUrl: string): AuthConfig {
  if (e.SHOEBOX_HOST_KIND === "embedded") {
    return { kind: "embedded", issuer: `${publicUrl}/api`, clientId: e.SHOEBOX_AUTH_CLIENT_ID };
  }
  // checkCrossFieldRules guarantees both are set on the AWS host.
  const userPoolId = e.SHOEBOX_COGNITO_USER_POOL_ID!;
  const region = userPoolId.split("_")[0]!;
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  return {
    kind: "cognito",
    issuer,
    clientId: e.SHOEBOX_COGNITO_CLIENT_ID!,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    userPoolId,
  };
}

function checkCrossFieldRules(e: Env): void {
  const problems: string[] = [];
  if (e.SHOEBOX_MAX_DIRECT_UPLOAD_BYTES > e.SHOEBOX_MAX_UPLOAD_BYTES) {
    problems.push("SHOEBOX_MAX_DIRECT_UPLOAD_BYTES: must not exceed SHOEBOX_MAX_UPLOAD_BYTES");
  }
  if (e.SHOEBOX_HOST_KIND === "aws") {
    for (const name of [
      "SHOEBOX_TABLE_NAME",
      "SHOEBOX_COGNITO_USER_POOL_ID",
      "SHOEBOX_COGNITO_CLIENT_ID",
    ] as const) {
      if (e[name] === undefined) problems.push(`${name}: is required when SHOEBOX_HOST_KIND=aws`);
    }
    const cdn = ["SHOEBOX_CDN_URL", "SHOEBOX_CDN_KEY_PAIR_ID", "SHOEBOX_CDN_PRIVATE_KEY_PARAMETER"] as const;
    const missing = cdn.filter((name) => e[name] === undefined);
    if (missing.length > 0 && missing.length < cdn.length) {
      problems.push(`${missing.join(", ")}: required with the other SHOEBOX_CDN_* settings`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
}

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.map((issue) => `${issue.path.join(".") || "(environment)"}: ${issue.message}`);
  return `Invalid configuration:\n  ${lines.join("\n  ")}`;
}

/** The public URL's host when it is a domain name; an IP address or a bare name is no mail domain. */
function mailDomain(publicUrl: string): string {
  const { hostname } = new URL(publicUrl);
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(hostname) ? hostname : "localhost";
}

/** IPv6 literals need brackets inside a URL. */
function hostForUrl(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
