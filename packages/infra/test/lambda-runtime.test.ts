import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { esbuildTargetOf, LAMBDA_RUNTIME } from "../lib/constructs/shoebox-function.js";

describe("the Lambda runtime and the bundles' esbuild target", () => {
  it("bundles for the Node the functions run on", () => {
    assert.equal(LAMBDA_RUNTIME.name, "nodejs24.x");
    assert.equal(esbuildTargetOf(LAMBDA_RUNTIME), "node24");
    assert.equal(esbuildTargetOf(lambda.Runtime.NODEJS_22_X), "node22");
  });

  it("refuses a runtime that is not Node.js", () => {
    assert.throws(
      () => esbuildTargetOf(lambda.Runtime.PYTHON_3_13),
      /Not a Node\.js Lambda runtime: python3\.13/,
    );
  });
});
