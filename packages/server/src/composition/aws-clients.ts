import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SSMClient } from "@aws-sdk/client-ssm";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * Where each AWS service is reached, and as whom. Production passes nothing: the regional endpoints and
 * the function role's credentials. Tests point each service at a local stand-in (DynamoDB Local, the
 * embedded S3 endpoint, small Rekognition / SSM / SQS stand-ins).
 */
export interface AwsServiceEndpoints {
  /** Static credentials the stand-ins accept (SigV4 is still computed and sent). */
  credentials?: AwsCredentialIdentity;
  dynamodb?: string;
  /** An S3-compatible endpoint, addressed path-style; `publicEndpoint` is what browsers reach. */
  s3?: { endpoint: string; publicEndpoint?: string };
  rekognition?: string;
  ssm?: string;
  sqs?: string;
}

export interface AwsClients {
  /** Marshals plain objects; `undefined` attributes are dropped rather than refused. */
  documents: DynamoDBDocumentClient;
  ssm: SSMClient;
  /** The credentials every hand-signed request (SQS) uses: the same chain the SDK clients resolve. */
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Releases the clients' sockets (tests; Lambda never calls it). */
  destroy(): void;
}

/** The SDK clients the AWS host shares between its adapters, created once per cold start. */
export function createAwsClients(region: string, endpoints: AwsServiceEndpoints = {}): AwsClients {
  const as = endpoints.credentials ? { credentials: endpoints.credentials } : {};
  const dynamodb = new DynamoDBClient({
    region,
    ...as,
    ...(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {}),
  });
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const ssm = new SSMClient({ region, ...as, ...(endpoints.ssm ? { endpoint: endpoints.ssm } : {}) });
  return {
    documents,
    ssm,
    credentials: endpoints.credentials ?? dynamodb.config.credentials,
    destroy() {
      documents.destroy();
      dynamodb.destroy();
      ssm.destroy();
    },
  };
}
