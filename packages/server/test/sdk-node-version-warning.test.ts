import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

/** Every AWS SDK client package the server uses (on either host), from its own manifest. */
const sdkClients = Object.keys(
  (
    JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      dependencies: Record<string, string>;
    }
  ).dependencies,
).filter((name) => name.startsWith("@aws-sdk/client-"));

const major = Number(process.versions.node.split(".")[0]);

describe("the AWS SDK's Node version warning", () => {
  // The SDK warns once per process, when a client is built, on Node < 22 (its releases after the first
  // week of January 2027 require 22). Shoebox supports 22 and 24; on Node 20, which only CI machines still
  // run, the warning is true and stays (docs/runtime.md).
  it(`is ${major >= 22 ? "not printed on a supported Node" : "still printed on Node 20"} (${process.version})`, () => {
    assert.ok(sdkClients.length >= 4, `clients found: ${sdkClients.join(", ")}`);
    const imports = sdkClients.map((name) => `import(${JSON.stringify(name)})`).join(", ");
    const script =
      `const modules = await Promise.all([${imports}]); let built = 0;` +
      " for (const m of modules) for (const [key, C] of Object.entries(m))" +
      ` if (/^[A-Z]\\w*Client$/.test(key) && typeof C === "function") { new C({ region: "us-east-1" }); built++; }` +
      " console.log(built);";
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url).pathname,
      encoding: "utf8",
      env: { PATH: process.env.PATH },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.ok(Number(result.stdout) >= sdkClients.length, `clients built: ${result.stdout}`);
    assert.equal(result.stderr.includes("NodeVersionSupportWarning"), major < 22, result.stderr);
  });
});
