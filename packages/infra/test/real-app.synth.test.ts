import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Template } from "aws-cdk-lib/assertions";
import { missingEntrypoints } from "../lib/constructs/function-code.js";
import {
  BUNDLE_IMPORT_ENV,
  LAMBDA_FUNCTIONS,
  type SynthesizedRealApp,
  synthesizeRealApp,
} from "./support/real-app.js";

const missing = missingEntrypoints();

/**
 * The real app: the server's Lambda entrypoints bundled by esbuild on this machine (no Docker), sharp
 * installed for linux-x64 from the npm registry. Guarded only while the entry files do not exist.
 */
describe("the real app, bundled from packages/server/src/entrypoints/lambda", {
  skip: missing.length > 0 ? `entrypoints missing: ${missing.join(", ")}` : false,
}, () => {
  let real: SynthesizedRealApp;

  before(() => {
    real = synthesizeRealApp();
  });
  after(() => real.remove());

  const bundleOf = (functionIdPrefix: string) => {
    const functions = Template.fromStack(real.stacks.api).findResources("AWS::Lambda::Function");
    const [, fn] = Object.entries(functions).find(([id]) => id.startsWith(functionIdPrefix))!;
    assert.equal(fn.Properties.Handler, "index.handler");
    return real.bundleDirOf(functionIdPrefix);
  };

  it("bundles each entrypoint as ESM, and the pipeline with the HEIC worker and sharp for linux-x64", () => {
    for (const id of Object.values(LAMBDA_FUNCTIONS)) {
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
    for (const id of Object.values(LAMBDA_FUNCTIONS)) {
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
          env: BUNDLE_IMPORT_ENV,
        },
      );
      assert.equal(output.trim(), "function", id);
    }
  });
});
