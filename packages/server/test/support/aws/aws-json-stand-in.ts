import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity } from "@smithy/types";
import { NodeSha256 } from "../../../src/adapters/s3/node-sha256.js";

/** What a stand-in answers to one call: a JSON body, or an AWS error (`__type`) with its status. */
export type StandInReply = { json: unknown } | { status: number; errorType: string; message: string };

export interface StandInCall {
  /** The operation, e.g. "DetectLabels" (from `X-Amz-Target: RekognitionService.DetectLabels`). */
  operation: string;
  body: any;
  headers: IncomingHttpHeaders;
}

export interface AwsJsonStandInOptions {
  /** The SigV4 service name the requests must be signed for ("rekognition", "ssm", "sqs"). */
  service: string;
  region: string;
  /** Only requests signed with these credentials are answered; others get 403, as AWS would. */
  credentials: AwsCredentialIdentity;
  /** One answer per operation name; an operation not listed is refused as unknown. */
  operations: Record<string, (body: any) => StandInReply | Promise<StandInReply>>;
}

export interface AwsJsonStandIn {
  endpoint: string;
  /** Every call that passed the signature check, in order. */
  calls: StandInCall[];
  close(): Promise<void>;
}

/**
 * A local stand-in for an AWS service that speaks the AWS JSON protocol (Rekognition, SSM, SQS): the
 * real SDK clients call it over HTTP. It checks each request's SigV4 signature by signing the same
 * request again with the expected credentials, routes on `X-Amz-Target`, and records what it was asked.
 * For services that cannot run here; anything that can (DynamoDB, S3, Cognito) runs for real.
 */
export async function startAwsJsonStandIn(options: AwsJsonStandInOptions): Promise<AwsJsonStandIn> {
  const calls: StandInCall[] = [];
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: NodeSha256,
  });
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const reply = async (): Promise<StandInReply> => {
      if (!(await signatureMatches(signer, req.method ?? "POST", req.url ?? "/", req.headers, raw))) {
        return { status: 403, errorType: "InvalidSignatureException", message: "Signature mismatch" };
      }
      const operation = String(req.headers["x-amz-target"] ?? "").split(".")[1] ?? "";
      const handler = options.operations[operation];
      if (!handler) return { status: 400, errorType: "UnknownOperationException", message: operation };
      const body = raw.length > 0 ? JSON.parse(raw) : {};
      calls.push({ operation, body, headers: req.headers });
      return handler(body);
    };
    const answer = await reply().catch(
      (error: unknown): StandInReply => ({
        status: 500,
        errorType: "InternalFailure",
        message: String(error),
      }),
    );
    const contentType = String(req.headers["content-type"] ?? "application/x-amz-json-1.1");
    if ("json" in answer) {
      res.writeHead(200, { "content-type": contentType }).end(JSON.stringify(answer.json));
    } else {
      res
        .writeHead(answer.status, { "content-type": contentType, "x-amzn-errortype": answer.errorType })
        .end(JSON.stringify({ __type: answer.errorType, message: answer.message }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Signs the received request again, over exactly the headers it says it signed, and compares. */
async function signatureMatches(
  signer: SignatureV4,
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: string,
): Promise<boolean> {
  const authorization = String(headers.authorization ?? "");
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const amzDate = String(headers["x-amz-date"] ?? "");
  if (signedHeaders.length === 0 || !/^\d{8}T\d{6}Z$/.test(amzDate)) return false;
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const { pathname, searchParams } = new URL(url, "http://stand-in");
  const host = String(headers.host ?? "");
  const [hostname = "", port] = host.split(":");
  const signed = await signer.sign(
    {
      method,
      protocol: "http:",
      hostname,
      ...(port ? { port: Number(port) } : {}),
      path: pathname,
      query: Object.fromEntries(searchParams),
      headers: Object.fromEntries(signedHeaders.map((name) => [name, String(headers[name] ?? "")])),
      body,
    },
    { signingDate },
  );
  return signed.headers.authorization === authorization;
}
