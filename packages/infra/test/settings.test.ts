import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { settingsFromContext } from "../lib/settings.js";
import { examplePublicKeyPem } from "./support/placeholder-app.js";

const infraDir = fileURLToPath(new URL("..", import.meta.url));

describe("settingsFromContext", () => {
  it("reads the public key from a file and applies the defaults", () => {
    const app = new App({
      context: { "shoebox:cdnPublicKeyFile": "test/fixtures/example-cdn-public-key.pem" },
    });
    assert.deepEqual(settingsFromContext(app.node, infraDir), {
      cdnPublicKeyPem: examplePublicKeyPem,
      cdnPrivateKeyParameterName: "/shoebox/cdn/private-key",
      shareGrantSecretParameterName: "/shoebox/sharing/grant-secret",
      webOrigins: ["https://*.cloudfront.net"],
      logRetentionDays: 30,
    });
  });

  it("takes origins as a comma-separated list, an alarm e-mail and another parameter name", () => {
    const app = new App({
      context: {
        "shoebox:cdnPublicKeyPem": examplePublicKeyPem.replace(/\n/g, "\\n"),
        "shoebox:webOrigins": "https://photos.example.org, http://localhost:5173",
        "shoebox:alarmEmail": "ops@example.org",
        "shoebox:cdnPrivateKeyParameter": "/prod/shoebox/cdn-key",
        "shoebox:logRetentionDays": "90",
      },
    });
    const settings = settingsFromContext(app.node, infraDir);
    assert.equal(settings.cdnPublicKeyPem, examplePublicKeyPem);
    assert.deepEqual(settings.webOrigins, ["https://photos.example.org", "http://localhost:5173"]);
    assert.equal(settings.alarmEmail, "ops@example.org");
    assert.equal(settings.cdnPrivateKeyParameterName, "/prod/shoebox/cdn-key");
    assert.equal(settings.logRetentionDays, 90);
  });

  it("refuses to synthesize without a public key, saying how to give one", () => {
    assert.throws(() => settingsFromContext(new App().node, infraDir), /shoebox:cdnPublicKeyFile=/);
  });

  it("refuses a key that is not a PEM public key", () => {
    const app = new App({ context: { "shoebox:cdnPublicKeyPem": "-----BEGIN PRIVATE KEY-----\\nabc" } });
    assert.throws(() => settingsFromContext(app.node, infraDir), /expected a PEM public key/);
  });
});
