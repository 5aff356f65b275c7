/**
 * CloudFront's signed-URL format, shared by the signer and the embedded `/cdn` verifier: the policy
 * statement, its URL-safe base64 (`+`→`-`, `=`→`_`, `/`→`~`), and the query parameters it adds.
 */

/** Query parameters CloudFront reads and removes before comparing the URL with the policy's resource. */
export const SIGNATURE_PARAMETERS: ReadonlySet<string> = new Set([
  "Expires",
  "Policy",
  "Signature",
  "Key-Pair-Id",
  "Hash-Algorithm",
]);

/** One policy statement, as CloudFront accepts it (a signed URL's policy holds exactly one). */
export interface PolicyStatement {
  /** The URL, with `*` (any run of characters) and `?` (one character) as wildcards in custom policies. */
  resource: string;
  /** Epoch seconds: the URL works strictly before this. */
  dateLessThan: number;
  /** Epoch seconds: the URL works from this time on. */
  dateGreaterThan?: number;
  /** IPv4 CIDR the viewer's address must fall in. */
  ipAddress?: string;
}

/**
 * The exact JSON a canned policy signs — the signer builds the same object with `JSON.stringify`, so the
 * verifier can rebuild it from the URL and `Expires` alone.
 */
export function cannedPolicyJson(resource: string, expiresEpochSeconds: number): string {
  return JSON.stringify({
    Statement: [
      { Resource: resource, Condition: { DateLessThan: { "AWS:EpochTime": expiresEpochSeconds } } },
    ],
  });
}

/** The JSON of a custom policy for `statement`, in the member order CloudFront documents. */
export function customPolicyJson(statement: PolicyStatement): string {
  const condition: Record<string, unknown> = { DateLessThan: { "AWS:EpochTime": statement.dateLessThan } };
  if (statement.dateGreaterThan !== undefined) {
    condition.DateGreaterThan = { "AWS:EpochTime": statement.dateGreaterThan };
  }
  if (statement.ipAddress !== undefined) condition.IpAddress = { "AWS:SourceIp": statement.ipAddress };
  return JSON.stringify({ Statement: [{ Resource: statement.resource, Condition: condition }] });
}

/** Parses a custom policy's JSON; `undefined` unless it is one statement of the documented shape. */
export function parseCustomPolicy(json: string): PolicyStatement | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  const statements = (parsed as { Statement?: unknown })?.Statement;
  if (!Array.isArray(statements) || statements.length !== 1) return undefined;
  type EpochCondition = { "AWS:EpochTime"?: unknown } | undefined;
  const { Resource, Condition } = statements[0] as {
    Resource?: unknown;
    Condition?: {
      DateLessThan?: EpochCondition;
      DateGreaterThan?: EpochCondition;
      IpAddress?: { "AWS:SourceIp"?: unknown };
    };
  };
  const lessThan = Condition?.DateLessThan?.["AWS:EpochTime"];
  const greaterThan = Condition?.DateGreaterThan?.["AWS:EpochTime"];
  const ip = Condition?.IpAddress?.["AWS:SourceIp"];
  if (typeof Resource !== "string" || typeof lessThan !== "number" || !Number.isSafeInteger(lessThan)) {
    return undefined;
  }
  if (greaterThan !== undefined && !(typeof greaterThan === "number" && Number.isSafeInteger(greaterThan))) {
    return undefined;
  }
  if (ip !== undefined && typeof ip !== "string") return undefined;
  return {
    resource: Resource,
    dateLessThan: lessThan,
    ...(greaterThan === undefined ? {} : { dateGreaterThan: greaterThan }),
    ...(ip === undefined ? {} : { ipAddress: ip }),
  };
}

/** CloudFront's URL-safe base64 back to bytes. */
export function decodeUrlSafeBase64(value: string): Buffer {
  return Buffer.from(value.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");
}

/**
 * Whether `url` matches a policy resource with CloudFront's wildcards (`*` any run, `?` one character).
 *
 * @example resourceMatches("https://cdn/variants/p1/*", "https://cdn/variants/p1/thumb.webp") // → true
 */
export function resourceMatches(pattern: string, url: string): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern === url;
  const source = pattern
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\/-]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "s").test(url);
}

/** Whether an IPv4 address lies in a CIDR block (`192.0.2.0/24`, or one address with `/32`). */
export function ipv4InCidr(address: string, cidr: string): boolean {
  const [network, bitsText = "32"] = cidr.split("/");
  const bits = Number(bitsText);
  const a = ipv4ToNumber(address.replace(/^::ffff:/, ""));
  const n = network === undefined ? undefined : ipv4ToNumber(network);
  if (a === undefined || n === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (n & mask) >>> 0;
}

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}
