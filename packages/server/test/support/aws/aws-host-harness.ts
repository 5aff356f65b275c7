import { createHash, generateKeyPairSync, type KeyObject, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  type RunningObjectStore,
  type S3EventMessage as S3NotificationMessage,
  startObjectStore,
} from "@shoebox/object-store";
import { createTableInput, tableDefinition } from "../../../src/adapters/dynamodb/table-definition.js";
import type { AwsServiceEndpoints } from "../../../src/composition/aws-clients.js";
import { type AwsHost, type AwsHostOverrides, createAwsHost } from "../../../src/composition/aws-host.js";
import { type Config, loadConfig } from "../../../src/config/load-config.js";
import { type DynamoDbLocal, startDynamoDbLocal } from "../dynamodb-local.js";
import type { AwsJsonStandIn } from "./aws-json-stand-in.js";
import { startAwsJsonStandIn } from "./aws-json-stand-in.js";
import { CognitoLocal } from "./cognito-local.js";
import { type RekognitionAnswers, startRekognitionStandIn } from "./rekognition-stand-in.js";
import { silentLogger } from "./silent-logger.js";

const region = "eu-west-1";
const bucket = "shoebox-photos";
const tableName = "shoebox";
/** What every stand-in accepts, and what the host signs with instead of a function role. */
const credentials = { accessKeyId: "AKIDSHOEBOXTEST", secretAccessKey: "shoebox-test-secret" };
export const CDN_URL = "https://d111111abcdef8.cloudfront.net";
export const CDN_KEY_PAIR_ID = "K2JCJMDEHXQW5F";
export const CDN_KEY_PARAMETER = "/shoebox/cdn/private-key";
export const GRANT_SECRET_PARAMETER = "/shoebox/sharing/grant-secret";
export const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/shoebox-pipeline";
export const MAX_RECEIVE_COUNT = 3;

/**
 * Everything the AWS host talks to, running here for real where it can: DynamoDB Local (Java), the
 * embedded S3 endpoint (which verifies SigV4 and POST policies and emits S3 notification messages), cognito-local
 * — and small stand-ins for what cannot (Rekognition, SSM, SQS), each checking SigV4. `host` is the AWS
 * composition pointed at them; the tests drive its Lambda handlers with event fixtures.
 */
export class AwsHostHarness {
  readonly dataDir = mkdtempSync(join(tmpdir(), "shoebox-aws-"));
  readonly rekognitionAnswers: RekognitionAnswers = { labels: [], moderation: [] };
  /** The S3 notification messages the store emitted, in order: what S3 would have put on the pipeline queue. */
  readonly s3Messages: S3NotificationMessage[] = [];
  readonly cdnPublicKey: KeyObject;
  private readonly cdnPrivateKeyPem: string;
  private readonly grantSecret = randomBytes(48).toString("base64");
  private readonly stops: (() => Promise<void> | void)[] = [];
  dynamodb!: DynamoDbLocal;
  store!: RunningObjectStore;
  cognito!: CognitoLocal;
  pool!: { poolId: string; clientId: string };
  rekognition!: AwsJsonStandIn;
  ssm!: AwsJsonStandIn;
  sqs!: AwsJsonStandIn;
  host!: AwsHost;
  config!: Config;
  endpoints!: AwsServiceEndpoints;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.cdnPrivateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    this.cdnPublicKey = publicKey;
  }

  /** Starts the stand-ins and a first host; `env` adds or overrides the functions' settings. */
  async start(env: Record<string, string> = {}): Promise<AwsHost> {
    const [dynamodb, cognito] = await Promise.all([startDynamoDbLocal(), CognitoLocal.start()]);
    this.dynamodb = dynamodb;
    this.stops.push(() => dynamodb.stop());
    this.cognito = cognito;
    this.stops.push(() => cognito.stop());
    await this.createTable();
    this.pool = await cognito.createPoolAndClient("shoebox");

    this.store = await startObjectStore({
      dataDir: join(this.dataDir, "s3"),
      port: 0,
      region,
      credentials: [credentials],
      buckets: [{ name: bucket, notifications: [{ events: ["s3:ObjectCreated:*"], prefix: "uploads/" }] }],
    });
    this.stops.push(() => this.store.close());
    this.stops.push(this.store.subscribe(async (message) => void this.s3Messages.push(message)));

    this.rekognition = await startRekognitionStandIn(region, credentials, this.rekognitionAnswers);
    this.stops.push(() => this.rekognition.close());
    this.ssm = await startAwsJsonStandIn({
      service: "ssm",
      region,
      credentials,
      operations: {
        GetParameter: ({ Name, WithDecryption }) => {
          const value = {
            [CDN_KEY_PARAMETER]: this.cdnPrivateKeyPem,
            [GRANT_SECRET_PARAMETER]: this.grantSecret,
          }[String(Name)];
          return value !== undefined && WithDecryption === true
            ? { json: { Parameter: { Name, Type: "SecureString", Value: value } } }
            : { status: 400, errorType: "ParameterNotFound", message: String(Name) };
        },
      },
    });
    this.stops.push(() => this.ssm.close());
    this.sqs = await startAwsJsonStandIn({
      service: "sqs",
      region,
      credentials,
      operations: {
        SendMessage: ({ MessageBody }) => ({
          json: {
            MessageId: "m",
            MD5OfMessageBody: createHash("md5").update(String(MessageBody)).digest("hex"),
          },
        }),
      },
    });
    this.stops.push(() => this.sqs.close());

    const config = loadConfig({
      SHOEBOX_HOST_KIND: "aws",
      SHOEBOX_REGION: region,
      SHOEBOX_BUCKET: bucket,
      SHOEBOX_TABLE_NAME: tableName,
      SHOEBOX_PUBLIC_URL: CDN_URL,
      // A valid pool id for the schema; the verifier is then pointed at cognito-local's real pool.
      SHOEBOX_COGNITO_USER_POOL_ID: `${region}_Local`,
      SHOEBOX_COGNITO_CLIENT_ID: this.pool.clientId,
      SHOEBOX_CDN_URL: CDN_URL,
      SHOEBOX_CDN_KEY_PAIR_ID: CDN_KEY_PAIR_ID,
      SHOEBOX_CDN_PRIVATE_KEY_PARAMETER: CDN_KEY_PARAMETER,
      SHOEBOX_PIPELINE_QUEUE_URL: QUEUE_URL,
      SHOEBOX_PIPELINE_MAX_RECEIVE_COUNT: String(MAX_RECEIVE_COUNT),
      SHOEBOX_SHARE_GRANT_SECRET_PARAMETER: GRANT_SECRET_PARAMETER,
      ...env,
    });
    const issuer = this.cognito.issuerOf(this.pool.poolId);
    config.auth = {
      kind: "cognito",
      userPoolId: this.pool.poolId,
      issuer,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      clientId: this.pool.clientId,
    };
    this.config = config;
    this.endpoints = {
      credentials,
      dynamodb: this.dynamodb.endpoint,
      s3: { endpoint: this.store.endpoint },
      rekognition: this.rekognition.endpoint,
      ssm: this.ssm.endpoint,
      sqs: this.sqs.endpoint,
    };
    this.host = await this.createHost();
    return this.host;
  }

  /** Another cold start of the AWS host against the same stand-ins (e.g. with a clock a test moves). */
  async createHost(overrides: Omit<AwsHostOverrides, "endpoints"> = {}): Promise<AwsHost> {
    const host = await createAwsHost(this.config, {
      logger: silentLogger,
      ...overrides,
      endpoints: this.endpoints,
    });
    this.stops.push(() => host.close());
    return host;
  }

  /**
   * A confirmed Cognito user's id token, as the web client would hold after signing in; their email is
   * verified (as the pool's emailed code makes it) unless `emailVerified: false`.
   */
  async signIn(name: string, options: { email?: string; emailVerified?: boolean } = {}): Promise<string> {
    const email =
      options.email ?? `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.test`;
    const tokens = await this.cognito.signUpAndSignIn(
      this.pool,
      { email, password: "Correct-horse-9", name },
      { emailVerified: options.emailVerified ?? true },
    );
    return tokens.IdToken;
  }

  /** A DocumentClient on the host's table, for tests that check what the host stored; closed by `stop`. */
  dynamodbDocuments(): DynamoDBDocumentClient {
    const client = new DynamoDBClient({ region, endpoint: this.dynamodb.endpoint, credentials });
    const documents = DynamoDBDocumentClient.from(client);
    this.stops.push(() => {
      documents.destroy();
      client.destroy();
    });
    return documents;
  }

  /** The SSM reads of one parameter so far (each cold start should read it once). */
  ssmReadsOf(name: string): number {
    return this.ssm.calls.filter((call) => call.operation === "GetParameter" && call.body.Name === name)
      .length;
  }

  /** Waits (bounded) for the store's S3 notification message about `key`, as S3 → SQS would deliver it. */
  async s3MessageFor(key: string): Promise<S3NotificationMessage> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const found = this.s3Messages.find((message) =>
        message.Records.some(
          (record) => decodeURIComponent(record.s3.object.key.replace(/\+/g, " ")) === key,
        ),
      );
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no S3 notification message for ${key}`);
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.reverse()) await stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async createTable(): Promise<void> {
    const client = new DynamoDBClient({ region, endpoint: this.dynamodb.endpoint, credentials });
    try {
      await client.send(new CreateTableCommand(createTableInput(tableDefinition(tableName))));
    } finally {
      client.destroy();
    }
  }
}
