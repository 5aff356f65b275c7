import { DynamoEventRepository } from "../adapters/dynamodb/dynamo-event.repository.js";
import { DynamoPhotoRepository } from "../adapters/dynamodb/dynamo-photo.repository.js";
import type { DynamoRepositoryOptions } from "../adapters/dynamodb/repository-options.js";
import { createJsonLinesLogger } from "../adapters/logging/json-lines-logger.js";
import { S3PhotoBucket } from "../adapters/s3/s3-photo-bucket.js";
import type { AuthConfig, AwsConfig, Config } from "../config/load-config.js";
import { type Clock, systemClock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import { type AwsClients, type AwsServiceEndpoints, createAwsClients } from "./aws-clients.js";

export interface AwsHostOverrides {
  /** Local stand-ins for the AWS services (tests). Production passes none. */
  endpoints?: AwsServiceEndpoints;
  logger?: Logger;
  clock?: Clock;
}

/** What every AWS function shares: settings, SDK clients, the table's repositories and the bucket. */
export interface AwsFoundation {
  config: Config;
  aws: AwsConfig;
  auth: Extract<AuthConfig, { kind: "cognito" }>;
  region: string;
  endpoints: AwsServiceEndpoints;
  clients: AwsClients;
  /** The single table through the shared DocumentClient: what every DynamoDB adapter is built from. */
  table: DynamoRepositoryOptions;
  photos: DynamoPhotoRepository;
  events: DynamoEventRepository;
  photoBucket: S3PhotoBucket;
  logger: Logger;
  clock: Clock;
  /** Releases the SDK clients' sockets (tests; a Lambda container is simply frozen). */
  close(): void;
}

/**
 * The parts of the AWS host every function needs, built without I/O: DynamoDB repositories on one
 * DocumentClient (`removeUndefinedValues`), and the photo bucket through the same `S3PhotoBucket` as the
 * embedded host, with AWS settings: no endpoint, the function role's credentials, SSE-S3 (`AES256`) on
 * what the server writes itself.
 *
 * @throws Error when `config` is not for the AWS host (`SHOEBOX_HOST_KIND=aws` and its settings).
 */
export function createAwsFoundation(config: Config, overrides: AwsHostOverrides = {}): AwsFoundation {
  const { aws, auth } = config;
  const tableName = config.storage.tableName;
  if (config.hostKind !== "aws" || aws === undefined || auth.kind !== "cognito" || tableName === undefined) {
    throw new Error("The AWS host needs its configuration (SHOEBOX_HOST_KIND=aws and its settings)");
  }
  const { endpoints = {} } = overrides;
  const region = config.storage.region;
  const clients = createAwsClients(region, endpoints);
  const table = { client: clients.documents, tableName };
  const photoBucket = new S3PhotoBucket({
    bucket: config.storage.bucket,
    region,
    serverSideEncryption: "AES256",
    ...(endpoints.s3
      ? {
          endpoint: endpoints.s3.endpoint,
          publicEndpoint: endpoints.s3.publicEndpoint ?? endpoints.s3.endpoint,
          forcePathStyle: true,
        }
      : {}),
    ...(endpoints.credentials ? { credentials: endpoints.credentials } : {}),
  });
  return {
    config,
    aws,
    auth,
    region,
    endpoints,
    clients,
    table,
    photos: DynamoPhotoRepository.create(table),
    events: DynamoEventRepository.create(table),
    photoBucket,
    logger: overrides.logger ?? createJsonLinesLogger({ level: config.log.level }),
    clock: overrides.clock ?? systemClock,
    close() {
      photoBucket.close();
      clients.destroy();
    },
  };
}
