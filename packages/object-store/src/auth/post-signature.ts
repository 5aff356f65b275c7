import { S3Error } from "../errors.js";
import { parseAmzDate, parseCredential } from "./credential.js";
import { type PostPolicy, parsePostPolicy } from "./post-policy.js";
import { secretOf } from "./signature-check.js";
import { ALGORITHM, deriveSigningKey, signaturesEqual, signHex } from "./signing-key.js";
import type { AuthOptions } from "./types.js";

const REQUIRED_FIELDS = [
  "policy",
  "x-amz-algorithm",
  "x-amz-credential",
  "x-amz-date",
  "x-amz-signature",
] as const;

function missingField(name: string): S3Error {
  return new S3Error(
    "InvalidArgument",
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    { ArgumentName: name, ArgumentValue: "" },
  );
}

/**
 * Verifies the SigV4 signature of a browser POST upload: HMAC(signing key, base64 policy), with the
 * key derived from `x-amz-credential` and the date of `x-amz-date`. Returns the decoded policy, to be
 * checked with `checkPostPolicy` once the key is known.
 *
 * @param fields the form's non-file fields, names lower-cased, values as sent
 * @throws S3Error AccessDenied for an unsigned form (buckets are private), InvalidArgument for missing or
 *   malformed fields, InvalidAccessKeyId, SignatureDoesNotMatch
 */
export function verifyPostSignature(
  fields: ReadonlyMap<string, string>,
  options: AuthOptions,
): { accessKeyId: string; policy: PostPolicy } {
  if (!REQUIRED_FIELDS.some((name) => fields.has(name))) {
    if (fields.has("awsaccesskeyid") || fields.has("signature")) {
      throw new S3Error(
        "InvalidRequest",
        "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.",
      );
    }
    throw new S3Error("AccessDenied", "Access Denied");
  }
  for (const name of REQUIRED_FIELDS) if (!fields.get(name)) throw missingField(name);
  const policyBase64 = fields.get("policy")!;
  const algorithm = fields.get("x-amz-algorithm")!;
  const amzDate = fields.get("x-amz-date")!;
  const signature = fields.get("x-amz-signature")!;

  if (algorithm !== ALGORITHM) {
    throw new S3Error("InvalidArgument", `X-Amz-Algorithm only supports "${ALGORITHM}"`, {
      ArgumentName: "x-amz-algorithm",
      ArgumentValue: algorithm,
    });
  }
  if (!parseAmzDate(amzDate)) {
    throw new S3Error(
      "InvalidArgument",
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
      {
        ArgumentName: "x-amz-date",
        ArgumentValue: amzDate,
      },
    );
  }
  const credential = parseCredential(
    fields.get("x-amz-credential")!,
    options.region,
    "InvalidArgument",
    "Error parsing the X-Amz-Credential parameter; ",
  );
  if (credential.shortDate !== amzDate.slice(0, 8)) {
    throw new S3Error("InvalidArgument", "Invalid credential date. Date is not the same as X-Amz-Date.", {
      ArgumentName: "x-amz-credential",
    });
  }
  const secret = secretOf(credential, options);
  const expected = signHex(deriveSigningKey(secret, credential.shortDate, credential.region), policyBase64);
  if (!signaturesEqual(expected, signature)) {
    throw new S3Error(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      { AWSAccessKeyId: credential.accessKeyId, StringToSign: policyBase64, SignatureProvided: signature },
    );
  }
  return { accessKeyId: credential.accessKeyId, policy: parsePostPolicy(policyBase64) };
}
