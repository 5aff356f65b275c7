import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { ServerFunctionCodes } from "../../lib/constructs/function-code.js";
import type { ShoeboxSettings } from "../../lib/settings.js";
import { addShoeboxStacks, type ShoeboxStacks } from "../../lib/shoebox-app.js";

/** The example public key the tests (and `npm run synth`) use; its private half was never kept. */
export const examplePublicKeyPem = readFileSync(
  new URL("../fixtures/example-cdn-public-key.pem", import.meta.url),
  "utf8",
).trim();

export const testSettings: ShoeboxSettings = {
  cdnPublicKeyPem: examplePublicKeyPem,
  cdnPrivateKeyParameterName: "/shoebox/test/cdn-private-key",
  shareGrantSecretParameterName: "/shoebox/test/grant-secret",
  webOrigins: ["https://photos.example.org", "https://*.cloudfront.net"],
  logRetentionDays: 30,
};

/** Inline placeholder handlers: synthesis needs no esbuild, Docker or network, and no server build. */
export function placeholderCode(): ServerFunctionCodes {
  const code = () => ({
    kind: "ready" as const,
    code: lambda.Code.fromInline("export const handler = async () => ({ statusCode: 200 });"),
    handler: "index.handler",
  });
  return { api: code(), pipeline: code(), reconcile: code() };
}

export interface SynthesizedShoebox {
  stacks: ShoeboxStacks;
  data: Template;
  api: Template;
  web: Template;
  /** Removes the synthesis output directory. */
  dispose(): void;
}

/**
 * The whole app with placeholder function code, synthesized once into a temporary directory.
 * `webDistDir` points at a folder that may or may not exist (the web stack deploys it only if it does).
 */
export function synthesizeWithPlaceholderCode(
  options: { settings?: Partial<ShoeboxSettings>; webDistDir?: string } = {},
): SynthesizedShoebox {
  const outdir = mkdtempSync(join(tmpdir(), "shoebox-infra-"));
  const app = new App({ outdir });
  const stacks = addShoeboxStacks(app, {
    settings: { ...testSettings, ...options.settings },
    code: placeholderCode(),
    webDistDir: options.webDistDir ?? join(outdir, "no-web-build"),
  });
  return {
    stacks,
    data: Template.fromStack(stacks.data),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
