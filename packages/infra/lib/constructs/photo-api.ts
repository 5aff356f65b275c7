import { Aws, Duration, Fn } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpJwtAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type * as cognito from "aws-cdk-lib/aws-cognito";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import type { FunctionCode } from "./function-code.js";
import { ShoeboxFunction } from "./shoebox-function.js";

export interface PhotoApiProps {
  code: FunctionCode;
  environment: Record<string, string>;
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  /** Origins that may call the API cross-origin (the web client itself comes through CloudFront). */
  corsOrigins: readonly string[];
  /** Steady requests per second and burst, for every route together. */
  throttle?: { rateLimit: number; burstLimit: number };
  logRetentionDays: number;
}

/**
 * Paths that answer without a token: the OpenAPI document, public share JSON, guest uploads through a
 * share link, and the server-rendered share pages. Everything else under `/api` needs a Cognito JWT.
 */
export const publicRoutes = [
  { path: "/api/openapi.json", methods: [apigw.HttpMethod.GET] },
  { path: "/api/public/{proxy+}", methods: [apigw.HttpMethod.ANY] },
  { path: "/api/guest/{proxy+}", methods: [apigw.HttpMethod.ANY] },
  { path: "/s/{proxy+}", methods: [apigw.HttpMethod.ANY] },
] as const;

/**
 * The Hono app on Lambda behind an HTTP API. API Gateway checks the Cognito JWT (issuer and audience =
 * the web client) before the function runs, so unauthenticated traffic costs no invocation; the server
 * verifies the same token again, as it does on the embedded host.
 */
export class PhotoApi extends Construct {
  readonly function: lambda.Function;
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: PhotoApiProps) {
    super(scope, id);
    this.function = new ShoeboxFunction(this, "Handler", {
      code: props.code,
      description: "Shoebox API: upload tickets, events, galleries, sharing",
      memorySize: 1024,
      // A photo's long poll waits up to 25 s; HTTP API integrations end at 30 s.
      timeout: Duration.seconds(29),
      environment: props.environment,
      logRetentionDays: props.logRetentionDays,
    }).function;

    const exactOrigins = props.corsOrigins.filter((origin) => !origin.includes("*"));
    this.httpApi = new apigw.HttpApi(this, "HttpApi", {
      description: "Shoebox API",
      createDefaultStage: false,
      ...(exactOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: exactOrigins,
              allowMethods: [apigw.CorsHttpMethod.ANY],
              allowHeaders: ["authorization", "content-type", "x-request-id", "x-guest-key"],
              exposeHeaders: ["x-request-id", "retry-after"],
              maxAge: Duration.minutes(10),
            },
          }
        : {}),
    });
    this.stage = new apigw.HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
    });

    const integration = new HttpLambdaIntegration("App", this.function, {
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
    });
    const issuer = `https://cognito-idp.${Aws.REGION}.amazonaws.com/${props.userPool.userPoolId}`;
    const authorizer = new HttpJwtAuthorizer("Cognito", issuer, {
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ["$request.header.Authorization"],
    });
    this.httpApi.addRoutes({
      path: "/api/{proxy+}",
      methods: [apigw.HttpMethod.ANY],
      integration,
      authorizer,
    });
    for (const route of publicRoutes) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [...route.methods],
        integration,
        authorizer: new apigw.HttpNoneAuthorizer(),
      });
    }
  }

  /** The API's host name, for CloudFront's origin (`https://{id}.execute-api.{region}.amazonaws.com`). */
  get domainName(): string {
    return Fn.select(2, Fn.split("/", this.httpApi.apiEndpoint));
  }

  /**
   * Signs delivery URLs with the CloudFront key pair: the function learns the distribution and key id, and
   * may read the one SSM parameter that holds the private key. A SecureString under the account's
   * `aws/ssm` key needs no KMS grant; a customer-managed key would need `kms:Decrypt` on that key.
   */
  useDelivery(delivery: { url: string; keyPairId: string; privateKeyParameterName: string }): void {
    this.function.addEnvironment("SHOEBOX_CDN_URL", delivery.url);
    this.function.addEnvironment("SHOEBOX_CDN_KEY_PAIR_ID", delivery.keyPairId);
    this.function.addEnvironment("SHOEBOX_CDN_PRIVATE_KEY_PARAMETER", delivery.privateKeyParameterName);
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["ssm:GetParameter"],
        resources: [parameterArn(delivery.privateKeyParameterName)],
      }),
    );
  }
}

/**
 * Share links and guest links: password unlocks are HMAC grants, so every instance of the function must
 * read the same secret — the one SSM parameter named here, read once per cold start.
 */
export function useShareGrantSecret(api: PhotoApi, parameterName: string): void {
  api.function.addEnvironment("SHOEBOX_SHARE_GRANT_SECRET_PARAMETER", parameterName);
  api.function.addToRolePolicy(
    new iam.PolicyStatement({ actions: ["ssm:GetParameter"], resources: [parameterArn(parameterName)] }),
  );
}

/** The ARN of an SSM parameter by name (names with a leading slash keep one slash in the ARN). */
export function parameterArn(name: string): string {
  const path = name.startsWith("/") ? name.slice(1) : name;
  return `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter/${path}`;
}
