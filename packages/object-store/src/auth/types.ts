/** Finds the secret access key of an access key id; `undefined` when the key is unknown. */
export type SecretLookup = (accessKeyId: string) => string | undefined;

/** What the verifier needs to know about the store it guards. */
export interface AuthOptions {
  secretFor: SecretLookup;
  /** The store's region, e.g. "us-east-1"; every credential scope must name it and the service "s3". */
  region: string;
  now: () => Date;
  /** How far a request's date may be from `now()`; default 900 (S3's 15 minutes). */
  maxClockSkewSeconds?: number;
}

/** The parts of an HTTP request a signature covers, exactly as received. */
export interface RequestToAuthenticate {
  method: string;
  /** Path as on the request line, still percent-encoded, without the query: "/photos/uploads/a%20b.jpg". */
  rawPath: string;
  /** Query string as received, without "?"; "" when none. */
  rawQuery: string;
  /** Node's IncomingHttpHeaders (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
}

/**
 * What an aws-chunked body is checked against. It holds the signing key, so it must never leave
 * the process (no logging, no serialisation).
 */
export interface ChunkContext {
  /** The request's own signature: the first chunk's signature chains from it. */
  seedSignature: string;
  signingKey: Buffer;
  /** "20130524/us-east-1/s3/aws4_request" */
  scope: string;
  /** "20130524T000000Z" */
  amzDate: string;
  /** Lower-case trailer names announced in `x-amz-trailer`; only these may follow the final chunk. */
  declaredTrailers: readonly string[];
}

/** How the caller must treat the request body once the request itself is authenticated. */
export type PayloadExpectation =
  | { kind: "unsigned" }
  | { kind: "sha256"; hex: string }
  | { kind: "aws-chunked"; signed: boolean; trailer: boolean; decodedLength?: number; context: ChunkContext };

/** A request whose signature verified. */
export interface Authenticated {
  accessKeyId: string;
  via: "header" | "presigned";
  payload: PayloadExpectation;
  /** Lower-case header names the signature covers. */
  signedHeaders: string[];
  /** Presigned requests only: the instant the URL stops working. */
  expiresAt?: Date;
}
