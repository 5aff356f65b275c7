import { describe, expect, it } from "vitest";
import { loadRuntimeConfig, parseRuntimeConfig } from "./runtime-config.js";

const answering = (response: Response) => async () => response;

describe("loadRuntimeConfig", () => {
  it("chooses Cognito when /config.json names a user pool and its client", async () => {
    const body = {
      region: "eu-west-1",
      userPoolId: "eu-west-1_AbC",
      userPoolClientId: "client123",
      apiBaseUrl: "/api",
      cdnBaseUrl: "https://d1.cloudfront.net/cdn",
    };
    const config = await loadRuntimeConfig(answering(Response.json(body)));

    expect(config).toEqual({
      kind: "cognito",
      region: "eu-west-1",
      userPoolId: "eu-west-1_AbC",
      userPoolClientId: "client123",
      apiBaseUrl: "/api",
    });
  });

  it("chooses the embedded issuer when the host answers 404", async () => {
    const config = await loadRuntimeConfig(answering(new Response("Not Found", { status: 404 })));
    expect(config).toEqual({ kind: "embedded" });
  });

  it("chooses the embedded issuer when a fallback answers index.html instead of JSON", async () => {
    const html = new Response("<!doctype html><html></html>", { headers: { "Content-Type": "text/html" } });
    expect(await loadRuntimeConfig(answering(html))).toEqual({ kind: "embedded" });
  });

  it("chooses the embedded issuer when the config cannot be fetched at all", async () => {
    const offline = async () => {
      throw new TypeError("Failed to fetch");
    };
    expect(await loadRuntimeConfig(offline)).toEqual({ kind: "embedded" });
  });
});

describe("parseRuntimeConfig", () => {
  it("ignores a config without a client id, and reads the region from the pool id when it is left out", () => {
    expect(parseRuntimeConfig({ userPoolId: "eu-west-1_AbC", userPoolClientId: "" })).toEqual({
      kind: "embedded",
    });
    expect(parseRuntimeConfig({ userPoolId: "us-east-2_Xy", userPoolClientId: "c" })).toMatchObject({
      kind: "cognito",
      region: "us-east-2",
      apiBaseUrl: undefined,
    });
  });
});
