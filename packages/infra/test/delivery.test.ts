import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Match } from "aws-cdk-lib/assertions";
import {
  examplePublicKeyPem,
  type SynthesizedShoebox,
  synthesizeWithPlaceholderCode,
} from "./support/placeholder-app.js";
import { render } from "./support/policy-statements.js";

const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

describe("Delivery: the CloudFront distribution (placeholder function code)", () => {
  let shoebox: SynthesizedShoebox;
  let config: Record<string, any>;
  before(() => {
    shoebox = synthesizeWithPlaceholderCode();
    const [distribution] = Object.values(shoebox.api.findResources("AWS::CloudFront::Distribution"));
    config = distribution!.Properties.DistributionConfig;
  });
  after(() => shoebox.dispose());

  const originOf = (behaviour: Record<string, any>) =>
    (config.Origins as Record<string, any>[]).find((origin) => origin.Id === behaviour.TargetOriginId)!;
  const behaviour = (pattern: string) =>
    (config.CacheBehaviors as Record<string, any>[]).find((b) => b.PathPattern === pattern)!;

  it("reaches both S3 origins through Origin Access Control, never an origin access identity", () => {
    shoebox.api.resourceCountIs("AWS::CloudFront::CloudFrontOriginAccessIdentity", 0);
    const s3Origins = (config.Origins as Record<string, any>[]).filter((origin) => origin.S3OriginConfig);
    assert.equal(s3Origins.length, 2);
    const oacIds = Object.keys(shoebox.api.findResources("AWS::CloudFront::OriginAccessControl"));
    assert.equal(oacIds.length, 2);
    for (const origin of s3Origins) {
      assert.deepEqual(origin.S3OriginConfig, { OriginAccessIdentity: "" });
      assert.ok(oacIds.includes(origin.OriginAccessControlId["Fn::GetAtt"][0]));
    }
    shoebox.api.hasResourceProperties("AWS::CloudFront::OriginAccessControl", {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
        SigningProtocol: "sigv4",
      },
    });
  });

  it("serves the web client from its private bucket by default, index.html for client routes", () => {
    const defaults = config.DefaultCacheBehavior;
    assert.match(render(originOf(defaults).DomainName), /DeliveryWebClient\w+\.RegionalDomainName/);
    assert.equal(defaults.ViewerProtocolPolicy, "redirect-to-https");
    assert.equal(defaults.CachePolicyId, CACHING_OPTIMIZED);
    assert.equal(config.DefaultRootObject, "index.html");
    assert.equal(defaults.FunctionAssociations[0].EventType, "viewer-request");
    assert.equal(defaults.TrustedKeyGroups, undefined);
  });

  it("sends /api/* and /s/* to the HTTP API uncached, with every viewer header but Host and every method", () => {
    for (const pattern of ["/api/*", "/s/*"]) {
      const api = behaviour(pattern);
      assert.equal(api.CachePolicyId, CACHING_DISABLED, pattern);
      assert.equal(api.OriginRequestPolicyId, ALL_VIEWER_EXCEPT_HOST_HEADER, pattern);
      assert.deepEqual(
        api.AllowedMethods,
        ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
        pattern,
      );
      assert.equal(api.ViewerProtocolPolicy, "https-only", pattern);
      const origin = originOf(api);
      assert.equal(origin.CustomOriginConfig.OriginProtocolPolicy, "https-only");
      // The host name of https://{id}.execute-api.{region}.amazonaws.com
      assert.equal(origin.DomainName["Fn::Select"][0], 2);
      assert.match(
        JSON.stringify(origin.DomainName["Fn::Select"][1]),
        /"Fn::Split":\["\/",\{"Fn::GetAtt":\["ApiHttpApi\w+","ApiEndpoint"\]\}\]/,
      );
    }
  });

  it("serves /cdn/* from the photo bucket only with URLs signed by the key group holding the public key", () => {
    const cdn = behaviour("/cdn/*");
    assert.deepEqual(cdn.AllowedMethods, ["GET", "HEAD"]);
    assert.equal(cdn.TrustedKeyGroups.length, 1);
    const keyGroupId = cdn.TrustedKeyGroups[0].Ref as string;
    const keyGroup = shoebox.api.findResources("AWS::CloudFront::KeyGroup")[keyGroupId];
    assert.ok(keyGroup, "the behaviour's key group is in the stack");
    const [publicKeyId] = keyGroup.Properties.KeyGroupConfig.Items.map((item: { Ref: string }) => item.Ref);
    const publicKey = shoebox.api.findResources("AWS::CloudFront::PublicKey")[publicKeyId];
    assert.equal(publicKey?.Properties.PublicKeyConfig.EncodedKey, examplePublicKeyPem);
    assert.match(render(originOf(cdn).DomainName), /<import .*PhotoBucketsPhotos\w*RegionalDomainName\w*>/);
  });

  it("adds the web client's security headers to the app and the API: strict CSP, DENY, no-referrer, nosniff", () => {
    shoebox.api.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          FrameOptions: { FrameOption: "DENY", Override: false },
          ReferrerPolicy: { ReferrerPolicy: "no-referrer", Override: false },
          ContentTypeOptions: { Override: true },
          ContentSecurityPolicy: Match.objectLike({ Override: false }),
        }),
        CustomHeadersConfig: {
          Items: [
            Match.objectLike({
              Header: "Permissions-Policy",
              Value: Match.stringLikeRegexp("camera=\\(\\)"),
            }),
          ],
        },
      }),
    });
    const policies = Object.entries(shoebox.api.findResources("AWS::CloudFront::ResponseHeadersPolicy"));
    assert.equal(policies.length, 1);
    const [policyId, policy] = policies[0]!;
    const csp = render(
      policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
        .ContentSecurityPolicy,
    );
    const directives = new Map(
      csp.split(";").map((part) => {
        const [name = "", ...sources] = part.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    assert.deepEqual(directives.get("script-src"), ["'self'"]);
    assert.deepEqual(directives.get("style-src"), ["'self'"]);
    assert.deepEqual(directives.get("frame-ancestors"), ["'none'"]);
    assert.equal(csp.includes("unsafe-inline"), false);
    assert.ok(
      directives.get("connect-src")?.some((source) => /PhotoBucket.*RegionalDomainName|photo/i.test(source)),
      csp,
    );
    assert.ok(
      directives.get("connect-src")?.some((source) => source.startsWith("https://cognito-idp.")),
      csp,
    );
    for (const b of [config.DefaultCacheBehavior, behaviour("/api/*"), behaviour("/s/*")]) {
      assert.deepEqual(b.ResponseHeadersPolicyId, { Ref: policyId });
    }
  });

  it("strips /cdn from the path before S3 and keeps signatures out of the cache key", () => {
    const cdn = behaviour("/cdn/*");
    const functionId = cdn.FunctionAssociations[0].FunctionARN["Fn::GetAtt"][0] as string;
    const fn = shoebox.api.findResources("AWS::CloudFront::Function")[functionId];
    assert.match(fn?.Properties.FunctionCode, /request\.uri\.substring\(4\)/);
    const cachePolicy = shoebox.api.findResources("AWS::CloudFront::CachePolicy")[cdn.CachePolicyId.Ref];
    const key = cachePolicy?.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin;
    assert.equal(key.QueryStringsConfig.QueryStringBehavior, "none");
    assert.equal(key.HeadersConfig.HeaderBehavior, "none");
  });

  it("blocks public access to the web bucket and lets only this distribution read it", () => {
    shoebox.api.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const [policy] = Object.values(shoebox.api.findResources("AWS::S3::BucketPolicy"));
    const statements = policy!.Properties.PolicyDocument.Statement as Record<string, any>[];
    const read = statements.find((s) => s.Principal?.Service === "cloudfront.amazonaws.com");
    assert.equal(read?.Action, "s3:GetObject");
    assert.match(
      render(read?.Condition.StringEquals["AWS:SourceArn"]),
      /distribution\/\{DeliveryDistribution\w+\}$/,
    );
  });
});

describe("ShoeboxWeb (placeholder function code)", () => {
  it("deploys only config.json, pointing the client at Cognito, /api and /cdn, when there is no web build", () => {
    const shoebox = synthesizeWithPlaceholderCode();
    try {
      const [deployment] = Object.values(shoebox.web.findResources("Custom::CDKBucketDeployment"));
      assert.equal(deployment!.Properties.Prune, false);
      assert.equal(deployment!.Properties.SourceObjectKeys.length, 1);
      const markers = JSON.stringify(deployment!.Properties.SourceMarkers);
      assert.match(markers, /UserPool|Users/);
      assert.deepEqual(deployment!.Properties.DistributionPaths, ["/index.html", "/config.json"]);
    } finally {
      shoebox.dispose();
    }
  });
});
