import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { missingEntrypoints, serverEntrypoints } from "../lib/constructs/function-code.js";
import { addShoeboxStacks, type ShoeboxStacks } from "../lib/shoebox-app.js";
import { testSettings } from "./support/placeholder-app.js";

const missing = missingEntrypoints();

/**
 * The real app: the server's Lambda entrypoints bundled by esbuild on this machine (no Docker), sharp
 * installed for linux-x64 from the npm registry. Guarded only while the entry files do not exist.
 */
describe("the real app, bundled from packages/server/src/entrypoints/lambda", {
  skip: missing.length > 0 ? `entrypoints missing: ${missing.join(", ")}` : false,
}, () => {
  let outdir: string;
  let stacks: ShoeboxStacks;

  before(() => {
    outdir = mkdtempSync(join(tmpdir(), "shoebox-infra-real-"));
    const app = new App({ outdir });
    stacks = addShoeboxStacks(app, {
      settings: testSettings,
      code: serverEntrypoints(),
      webDistDir: join(outdir, "no-web-build"),
    });
    app.synth();
  });
  after(() => rmSync(outdir, { recursive: true, force: true }));

  const bundleOf = (functionIdPrefix: string) => {
    const functions = Template.fromStack(stacks.api).findResources("AWS::Lambda::Function");
    const [, fn] = Object.entries(functions).find(([id]) => id.startsWith(functionIdPrefix))!;
    assert.equal(fn.Properties.Handler, "index.handler");
    // The code's S3 key is `<asset hash>.zip`; the staged bundle is `asset.<asset hash>` in the output.
    const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, "");
    return join(outdir, `asset.${hash}`);
  };

  it("bundles each entrypoint as ESM, and the pipeline with the HEIC worker and sharp for linux-x64", () => {
    for (const id of ["ApiHandler", "PipelineHandler", "ReconcilerHandler"]) {
      assert.ok(readdirSync(bundleOf(id)).includes("index.mjs"), id);
    }
    const pipeline = bundleOf("PipelineHandler");
    assert.ok(readdirSync(pipeline).includes("heic-decode.worker.mjs"));
    assert.ok(readdirSync(join(pipeline, "node_modules", "@img")).includes("sharp-linux-x64"));
    assert.ok(
      !readdirSync(bundleOf("ApiHandler")).includes("node_modules"),
      "the API bundle needs no installs",
    );
  });

  it("produces bundles that load on Node and export a handler", () => {
    for (const id of ["ApiHandler", "PipelineHandler", "ReconcilerHandler"]) {
      const entry = join(bundleOf(id), "index.mjs");
      const output = execFileSync(
        process.execPath,
        [
          "--no-warnings",
          "--input-type=module",
          "-e",
          `const m = await import(${JSON.stringify(entry)}); console.log(typeof m.handler);`,
        ],
        {
          encoding: "utf8",
          cwd: tmpdir(),
          env: {
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
          },
        },
      );
      assert.equal(output.trim(), "function", id);
    }
  });
});
