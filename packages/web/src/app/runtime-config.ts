/** Where the client finds Cognito and the API on the AWS host (written by the CDK deployment). */
export interface CognitoRuntimeConfig {
  kind: "cognito";
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The API's base URL (`/api` behind the same CloudFront distribution), when the config names one. */
  apiBaseUrl: string | undefined;
}

/** The embedded host serves no `/config.json`: its own issuer signs in and the API is same-origin. */
export interface EmbeddedRuntimeConfig {
  kind: "embedded";
}

export type RuntimeConfig = CognitoRuntimeConfig | EmbeddedRuntimeConfig;

/**
 * Reads `/config.json` once at start. Anything but a JSON object naming a user pool (a 404 from the embedded
 * host, an `index.html` from a fallback, a network failure) means the embedded host.
 *
 * @example const config = await loadRuntimeConfig(); // → { kind: "embedded" } on `npm start`
 */
export async function loadRuntimeConfig(
  doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
  url = "/config.json",
): Promise<RuntimeConfig> {
  let body: unknown;
  try {
    const response = await doFetch(url, { headers: { Accept: "application/json" }, cache: "no-cache" });
    if (!response.ok) return { kind: "embedded" };
    body = await response.json();
  } catch {
    return { kind: "embedded" };
  }
  return parseRuntimeConfig(body);
}

/** The config a parsed `/config.json` describes; incomplete Cognito settings fall back to the embedded host. */
export function parseRuntimeConfig(body: unknown): RuntimeConfig {
  if (typeof body !== "object" || body === null) return { kind: "embedded" };
  const { region, userPoolId, userPoolClientId, apiBaseUrl } = body as Record<string, unknown>;
  if (!nonEmpty(userPoolId) || !nonEmpty(userPoolClientId)) return { kind: "embedded" };
  return {
    kind: "cognito",
    // A pool id is `<region>_<id>`: the region can be read from it when the config leaves it out.
    region: nonEmpty(region) ? region : (userPoolId.split("_")[0] ?? ""),
    userPoolId,
    userPoolClientId,
    apiBaseUrl: nonEmpty(apiBaseUrl) ? apiBaseUrl : undefined,
  };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
