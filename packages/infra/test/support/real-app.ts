import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { serverEntrypoints } from "../../lib/constructs/function-code.js";
import { addShoeboxStacks, type ShoeboxStacks } from "../../lib/shoebox-app.js";
import { testSettings } from "./placeholder-app.js";

/** The construct ids of the app's three functions, as their logical ids start. */
export const LAMBDA_FUNCTIONS = {
  api: "ApiHandler",
  pipeline: "PipelineHandler",
  reconcile: "ReconcilerHandler",
} as const;

/**
 * The environment a bundle needs to be imported outside Lambda: placeholder credentials and the settings an
 * AWS host requires at load time. Nothing is called with them.
 */
export const BUNDLE_IMPORT_ENV = {
  PATH: process.env.PATH,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "placeholder",
  AWS_SECRET_ACCESS_KEY: "placeholder",
  SHOEBOX_HOST_KIND: "aws",
  SHOEBOX_REGION: "us-east-1",
  SHOEBOX_BUCKET: "shoebox-photos",
  SHOEBOX_TABLE_NAME: "shoebox",
  SHOEBOX_COGNITO_USER_POOL_ID: "us-east-1_Example1",
  SHOEBOX_COGNITO_CLIENT_ID: "example-client",
};

export interface SynthesizedRealApp {
  stacks: ShoeboxStacks;
  /** The staged bundle directory of the function whose logical id starts with `functionIdPrefix`. */
  bundleDirOf(functionIdPrefix: string): string;
  /** Deletes the synthesized output. */
  remove(): void;
}

/**
 * Synthesizes the real app into a temporary directory: the server's Lambda entrypoints bundled by esbuild on
 * this machine (no Docker), sharp installed for linux-x64 from the npm registry. Used by the synth test and
 * by the cold-start benchmark, which must measure exactly what the test checks.
 */
export function synthesizeRealApp(): SynthesizedRealApp {
  const outdir = mkdtempSync(join(tmpdir(), "shoebox-infra-real-"));
  const app = new App({ outdir });
  const stacks = addShoeboxStacks(app, {
    settings: testSettings,
    code: serverEntrypoints(),
    webDistDir: join(outdir, "no-web-build"),
  });
  app.synth();
  const functions = Template.fromStack(stacks.api).findResources("AWS::Lambda::Function");
  return {
    stacks,
    bundleDirOf(functionIdPrefix) {
      const found = Object.entries(functions).find(([id]) => id.startsWith(functionIdPrefix));
      if (found === undefined) throw new Error(`no function whose id starts with ${functionIdPrefix}`);
      // The code's S3 key is `<asset hash>.zip`; the staged bundle is `asset.<asset hash>` in the output.
      const hash = String(found[1].Properties.Code.S3Key).replace(/\.zip$/, "");
      return join(outdir, `asset.${hash}`);
    },
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
