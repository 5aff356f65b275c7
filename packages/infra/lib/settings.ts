import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Node } from "constructs";

/** What an operator chooses per deployment; everything else is fixed by the app. */
export interface ShoeboxSettings {
  /** PEM (`-----BEGIN PUBLIC KEY-----`) of the CloudFront key pair whose private key signs delivery URLs. */
  cdnPublicKeyPem: string;
  /** Name of the SSM SecureString parameter holding that key pair's private key; created outside the app. */
  cdnPrivateKeyParameterName: string;
  /** SSM SecureString holding the HMAC secret of share-link access grants (≥ 32 bytes). */
  shareGrantSecretParameterName: string;
  /**
   * Origins allowed to upload straight to the photo bucket (S3 CORS) and to call the API cross-origin.
   * The distribution's own domain is only known after the first deploy, hence the `*.cloudfront.net` default.
   */
  webOrigins: string[];
  /** How long the functions' logs are kept. */
  logRetentionDays: number;
  /** Where alarm notifications are e-mailed, if anywhere. */
  alarmEmail?: string;
}

/** The context keys read by {@link settingsFromContext}; pass them with `-c key=value` or in cdk.json. */
export const contextKeys = {
  cdnPublicKeyFile: "shoebox:cdnPublicKeyFile",
  cdnPublicKeyPem: "shoebox:cdnPublicKeyPem",
  cdnPrivateKeyParameter: "shoebox:cdnPrivateKeyParameter",
  shareGrantSecretParameter: "shoebox:shareGrantSecretParameter",
  webOrigins: "shoebox:webOrigins",
  logRetentionDays: "shoebox:logRetentionDays",
  alarmEmail: "shoebox:alarmEmail",
} as const;

const DEFAULT_WEB_ORIGINS = ["https://*.cloudfront.net"];

/**
 * Reads the deployment's settings from CDK context. A missing public key stops synthesis with a message
 * that says how to provide one, rather than deploying a distribution whose signed URLs can never verify.
 *
 * @example
 * // npx cdk deploy --all -c shoebox:cdnPublicKeyFile=cdn-public-key.pem
 * const settings = settingsFromContext(app.node);
 */
export function settingsFromContext(node: Node, baseDir = process.cwd()): ShoeboxSettings {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === "") return undefined;
    return String(value).trim();
  };
  const pemFile = text(contextKeys.cdnPublicKeyFile);
  const cdnPublicKeyPem = pemFile
    ? readFileSync(resolve(baseDir, pemFile), "utf8").trim()
    : text(contextKeys.cdnPublicKeyPem)?.replace(/\\n/g, "\n");
  if (!cdnPublicKeyPem) {
    throw new Error(
      `Missing the CloudFront public key: pass -c ${contextKeys.cdnPublicKeyFile}=path/to/public.pem ` +
        "(see packages/infra/README.md, 'Create the CloudFront key pair').",
    );
  }
  if (!cdnPublicKeyPem.startsWith("-----BEGIN PUBLIC KEY-----")) {
    throw new Error(
      `${contextKeys.cdnPublicKeyFile}: expected a PEM public key (-----BEGIN PUBLIC KEY-----)`,
    );
  }
  const origins = text(contextKeys.webOrigins)
    ?.split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  const retention = Number(text(contextKeys.logRetentionDays) ?? 30);
  const alarmEmail = text(contextKeys.alarmEmail);
  return {
    cdnPublicKeyPem,
    cdnPrivateKeyParameterName: text(contextKeys.cdnPrivateKeyParameter) ?? "/shoebox/cdn/private-key",
    shareGrantSecretParameterName:
      text(contextKeys.shareGrantSecretParameter) ?? "/shoebox/sharing/grant-secret",
    webOrigins: origins && origins.length > 0 ? origins : DEFAULT_WEB_ORIGINS,
    logRetentionDays: Number.isInteger(retention) && retention > 0 ? retention : 30,
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
