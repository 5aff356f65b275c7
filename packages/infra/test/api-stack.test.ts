import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Match } from "aws-cdk-lib/assertions";
import { type SynthesizedShoebox, synthesizeWithPlaceholderCode } from "./support/placeholder-app.js";
import { render } from "./support/policy-statements.js";

describe("ShoeboxApi functions and HTTP API (placeholder function code)", () => {
  let shoebox: SynthesizedShoebox;
  before(() => {
    shoebox = synthesizeWithPlaceholderCode();
  });
  after(() => shoebox.dispose());

  const functionProps = (idPrefix: string) => {
    const entry = Object.entries(shoebox.api.findResources("AWS::Lambda::Function")).find(([id]) =>
      id.startsWith(idPrefix),
    );
    assert.ok(entry, `function ${idPrefix}`);
    return entry[1].Properties;
  };

  it("runs every function on nodejs24.x with active X-Ray tracing and JSON logs kept 30 days", () => {
    for (const id of ["ApiHandler", "PipelineHandler", "ReconcilerHandler"]) {
      const props = functionProps(id);
      assert.equal(props.Runtime, "nodejs24.x", id);
      assert.deepEqual(props.TracingConfig, { Mode: "Active" }, id);
      assert.equal(props.LoggingConfig.LogFormat, "JSON", id);
      const logGroupId = props.LoggingConfig.LogGroup.Ref as string;
      const logGroup = shoebox.api.findResources("AWS::Logs::LogGroup")[logGroupId];
      assert.equal(logGroup?.Properties.RetentionInDays, 30, id);
    }
  });

  it("sizes the API for its long poll and the pipeline for sharp", () => {
    assert.equal(functionProps("ApiHandler").MemorySize, 1024);
    assert.equal(functionProps("ApiHandler").Timeout, 29);
    assert.equal(functionProps("PipelineHandler").MemorySize, 2048);
    assert.equal(functionProps("PipelineHandler").Timeout, 60);
    assert.equal(functionProps("ReconcilerHandler").Timeout, 300);
  });

  it("configures the API function with the server's AWS settings, CDN signing included", () => {
    const env = functionProps("ApiHandler").Environment.Variables as Record<string, any>;
    assert.equal(env.SHOEBOX_HOST_KIND, "aws");
    assert.deepEqual(env.SHOEBOX_REGION, { Ref: "AWS::Region" });
    assert.match(render(env.SHOEBOX_BUCKET), /PhotoBucketsPhotos/);
    assert.match(render(env.SHOEBOX_TABLE_NAME), /MetadataTable/);
    assert.match(render(env.SHOEBOX_COGNITO_USER_POOL_ID), /<import .*Users\w+>/);
    assert.match(render(env.SHOEBOX_COGNITO_CLIENT_ID), /UsersWebClient/);
    assert.match(render(env.SHOEBOX_PIPELINE_QUEUE_URL), /UploadEventsQueue/);
    assert.match(render(env.SHOEBOX_CDN_URL), /^https:\/\/\{DeliveryDistribution\w+\.DomainName\}\/cdn$/);
    assert.match(render(env.SHOEBOX_PUBLIC_URL), /^https:\/\/\{DeliveryDistribution\w+\.DomainName\}$/);
    assert.match(render(env.SHOEBOX_CDN_KEY_PAIR_ID), /^\{DeliverySignerPublicKey\w+\}$/);
    assert.equal(env.SHOEBOX_CDN_PRIVATE_KEY_PARAMETER, "/shoebox/test/cdn-private-key");
  });

  it("tells the pipeline the queue's maxReceiveCount, and gives it no CDN or Cognito secrets to read", () => {
    const env = functionProps("PipelineHandler").Environment.Variables as Record<string, any>;
    assert.equal(env.SHOEBOX_PIPELINE_MAX_RECEIVE_COUNT, "5");
    assert.equal(env.SHOEBOX_CDN_PRIVATE_KEY_PARAMETER, undefined);
    assert.equal(env.SHOEBOX_HOST_KIND, "aws");
  });

  it("feeds the pipeline small SQS batches and lets it report the failed items only", () => {
    shoebox.api.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      BatchSize: 4,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 10 },
      EventSourceArn: Match.anyValue(),
    });
    shoebox.api.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
  });

  it("runs the reconciler on an EventBridge schedule", () => {
    shoebox.api.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(15 minutes)",
      State: "ENABLED",
      Targets: [
        Match.objectLike({ Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^ReconcilerHandler"), "Arn"] } }),
      ],
    });
  });

  it("checks Cognito JWTs at the gateway: issuer of the user pool, audience of the web client", () => {
    const [authorizer] = Object.values(shoebox.api.findResources("AWS::ApiGatewayV2::Authorizer"));
    const props = authorizer!.Properties;
    assert.equal(props.AuthorizerType, "JWT");
    assert.deepEqual(props.IdentitySource, ["$request.header.Authorization"]);
    assert.match(
      render(props.JwtConfiguration.Issuer),
      /^https:\/\/cognito-idp\.\{AWS::Region\}\.amazonaws\.com\/<import .*Users\w+>$/,
    );
    assert.equal(props.JwtConfiguration.Audience.length, 1);
    assert.match(render(props.JwtConfiguration.Audience[0]), /UsersWebClient/);
  });

  it("requires a token on /api/{proxy+} and leaves only the public paths open", () => {
    const routes = Object.values(shoebox.api.findResources("AWS::ApiGatewayV2::Route")).map(
      (route) => route.Properties,
    );
    const byKey = Object.fromEntries(routes.map((route) => [route.RouteKey, route]));
    assert.deepEqual(Object.keys(byKey).sort(), [
      "ANY /api/guest/{proxy+}",
      "ANY /api/public/{proxy+}",
      "ANY /api/{proxy+}",
      "ANY /s/{proxy+}",
      "GET /api/openapi.json",
    ]);
    assert.equal(byKey["ANY /api/{proxy+}"].AuthorizationType, "JWT");
    for (const key of [
      "ANY /api/guest/{proxy+}",
      "ANY /api/public/{proxy+}",
      "ANY /s/{proxy+}",
      "GET /api/openapi.json",
    ]) {
      assert.equal(byKey[key].AuthorizationType, "NONE", key);
    }
    shoebox.api.hasResourceProperties("AWS::ApiGatewayV2::Integration", {
      IntegrationType: "AWS_PROXY",
      PayloadFormatVersion: "2.0",
    });
  });

  it("throttles every route of the default stage", () => {
    shoebox.api.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it("allows cross-origin calls from the exact web origins (wildcards are for S3 only)", () => {
    shoebox.api.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      ProtocolType: "HTTP",
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ["https://photos.example.org"],
        AllowMethods: ["*"],
      }),
    });
  });

  it("alarms on any dead letter and on errors of each function", () => {
    const alarms = Object.values(shoebox.api.findResources("AWS::CloudWatch::Alarm")).map(
      (a) => a.Properties,
    );
    assert.equal(alarms.length, 4);
    const deadLetters = alarms.find((alarm) => alarm.MetricName === "ApproximateNumberOfMessagesVisible");
    assert.equal(deadLetters?.Namespace, "AWS/SQS");
    assert.equal(deadLetters?.Threshold, 0);
    assert.equal(deadLetters?.ComparisonOperator, "GreaterThanThreshold");
    assert.match(render(deadLetters?.Dimensions[0].Value), /UploadEventsDeadLetters/);
    const errors = alarms.filter((alarm) => alarm.MetricName === "Errors");
    assert.equal(errors.length, 3);
    for (const alarm of errors) {
      assert.equal(alarm.Namespace, "AWS/Lambda");
      assert.equal(alarm.Threshold, 0);
      assert.equal(alarm.ComparisonOperator, "GreaterThanThreshold");
    }
    shoebox.api.resourceCountIs("AWS::SNS::Topic", 0);
  });

  it("outputs the API URL, the distribution and the key pair id", () => {
    const outputs = Object.keys(shoebox.api.findOutputs("*"));
    for (const name of ["ApiUrl", "DistributionDomainName", "PublicUrl", "CdnKeyPairId", "WebBucketName"]) {
      assert.ok(outputs.includes(name), `output ${name}`);
    }
  });
});

describe("Alarms with an e-mail address (placeholder function code)", () => {
  it("notifies an SNS topic from every alarm", () => {
    const shoebox = synthesizeWithPlaceholderCode({ settings: { alarmEmail: "ops@example.org" } });
    try {
      shoebox.api.hasResourceProperties("AWS::SNS::Subscription", {
        Protocol: "email",
        Endpoint: "ops@example.org",
      });
      const alarms = Object.values(shoebox.api.findResources("AWS::CloudWatch::Alarm"));
      assert.equal(alarms.length, 4);
      for (const alarm of alarms) {
        assert.match(render(alarm.Properties.AlarmActions[0]), /^\{AlarmsTopic\w+\}$/);
      }
    } finally {
      shoebox.dispose();
    }
  });
});
