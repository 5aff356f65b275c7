#!/usr/bin/env node
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { missingEntrypoints, serverEntrypoints } from "../lib/constructs/function-code.js";
import { settingsFromContext } from "../lib/settings.js";
import { addShoeboxStacks } from "../lib/shoebox-app.js";

const app = new App();
const missing = missingEntrypoints();
if (missing.length > 0) {
  throw new Error(`The Lambda entrypoints are missing: ${missing.join(", ")}`);
}
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
addShoeboxStacks(app, {
  settings: settingsFromContext(app.node),
  code: serverEntrypoints(),
  webDistDir: fileURLToPath(new URL("../../web/dist", import.meta.url)),
  ...(account && region ? { env: { account, region } } : {}),
});
app.synth();
