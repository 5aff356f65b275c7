import { GetParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";

/** The parameter exists but holds nothing usable (wrong name, or a value that was never set). */
export class MissingParameterError extends Error {
  override readonly name = "MissingParameterError";
}

/**
 * Reads an SSM SecureString parameter (decrypted) once per process — on Lambda, once per cold start —
 * and hands the same promise to every caller afterwards. A failed read is forgotten, so a throttled or
 * briefly unreachable SSM does not poison the container for its lifetime. The value is never logged;
 * errors name the parameter, not its content.
 *
 * @example
 * const privateKey = cachedSecureParameter(new SSMClient({}), "/shoebox/cdn/private-key");
 * const pem = await privateKey();
 */
export function cachedSecureParameter(ssm: SSMClient, name: string): () => Promise<string> {
  let value: Promise<string> | undefined;
  return () => {
    value ??= readSecureParameter(ssm, name).catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

async function readSecureParameter(ssm: SSMClient, name: string): Promise<string> {
  const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  const text = out.Parameter?.Value;
  if (text === undefined || text.length === 0) {
    throw new MissingParameterError(`SSM parameter ${name} has no value`);
  }
  return text;
}
