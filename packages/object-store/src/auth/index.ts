export { authenticateRequest } from "./authenticate-request.js";
export {
  type AwsChunkedDecoder,
  type AwsChunkedExpectation,
  createAwsChunkedDecoder,
  DEFAULT_MAX_CHUNK_BYTES,
} from "./aws-chunked-decoder.js";
export { chunkStringToSign, trailerStringToSign } from "./chunk-signature-chain.js";
export {
  checkPostPolicy,
  keyForUpload,
  type PolicyCondition,
  type PostPolicy,
  type PostPolicyInput,
  parsePostPolicy,
} from "./post-policy.js";
export { verifyPostSignature } from "./post-signature.js";
export { MAX_PRESIGNED_EXPIRES_SECONDS } from "./presigned-auth.js";
export { credentialScope, deriveSigningKey } from "./signing-key.js";
export type {
  Authenticated,
  AuthOptions,
  ChunkContext,
  PayloadExpectation,
  RequestToAuthenticate,
  SecretLookup,
} from "./types.js";
export { canonicalQueryString, canonicalUri, parseQuery, percentDecode } from "./uri-encoding.js";
