import { S3Error } from "../errors.js";

/**
 * One condition of a browser POST policy. Field names are lower-case, without the `$`.
 * `{"key": "k"}` and `["eq", "$key", "k"]` are both `eq`.
 */
export type PolicyCondition =
  | { kind: "eq"; field: string; value: string }
  | { kind: "starts-with"; field: string; prefix: string }
  | { kind: "content-length-range"; min: number; max: number };

/** A decoded POST policy document. */
export interface PostPolicy {
  expiration: Date;
  conditions: PolicyCondition[];
}

/** Form fields S3 never requires a condition for. */
const EXEMPT_FIELDS = new Set(["x-amz-signature", "file", "policy"]);
// biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal placeholder, not a template.
const FILENAME_PLACEHOLDER = "${filename}";
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function invalidPolicy(message: string): S3Error {
  // S3 answers InvalidPolicyDocument; the error catalogue has no such code, InvalidArgument is the closest.
  return new S3Error("InvalidArgument", `Invalid Policy: ${message}`, { ArgumentName: "policy" });
}

function fieldName(raw: unknown): string {
  if (typeof raw !== "string" || !raw.startsWith("$") || raw.length < 2) {
    throw invalidPolicy(`Invalid field name ${JSON.stringify(raw)}; expected "$name".`);
  }
  return raw.slice(1).toLowerCase();
}

function lengthBound(raw: unknown): number {
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidPolicy("Invalid content-length-range bound; expected a non-negative integer.");
  }
  return value;
}

function parseCondition(raw: unknown): PolicyCondition {
  if (Array.isArray(raw)) {
    const [operator, first, second] = raw as unknown[];
    const op = typeof operator === "string" ? operator.toLowerCase() : operator;
    if (raw.length !== 3)
      throw invalidPolicy(`Invalid condition ${JSON.stringify(raw)}; expected three elements.`);
    if (op === "content-length-range") {
      const min = lengthBound(first);
      const max = lengthBound(second);
      if (min > max) throw invalidPolicy("Invalid content-length-range; the minimum exceeds the maximum.");
      return { kind: "content-length-range", min, max };
    }
    if (typeof second !== "string")
      throw invalidPolicy(`Invalid condition ${JSON.stringify(raw)}; the value must be a string.`);
    if (op === "eq") return { kind: "eq", field: fieldName(first), value: second };
    if (op === "starts-with") return { kind: "starts-with", field: fieldName(first), prefix: second };
    throw invalidPolicy(`Unknown condition operator ${JSON.stringify(operator)}.`);
  }
  if (raw !== null && typeof raw === "object") {
    const entries = Object.entries(raw);
    const [entry] = entries;
    if (entries.length !== 1 || !entry || typeof entry[1] !== "string") {
      throw invalidPolicy(`Invalid condition ${JSON.stringify(raw)}; expected one field and a string value.`);
    }
    return { kind: "eq", field: entry[0].toLowerCase(), value: entry[1] };
  }
  throw invalidPolicy(`Invalid condition ${JSON.stringify(raw)}.`);
}

/**
 * Decodes the base64 `policy` form field into a policy document.
 *
 * @throws S3Error InvalidArgument for bad base64, JSON, expiration or conditions
 */
export function parsePostPolicy(base64Policy: string): PostPolicy {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64Policy) || base64Policy.length % 4 !== 0) {
    throw invalidPolicy("Policy is not valid base64.");
  }
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(base64Policy, "base64").toString("utf8"));
  } catch (error) {
    throw new S3Error(
      "InvalidArgument",
      "Invalid Policy: Invalid JSON.",
      { ArgumentName: "policy" },
      { cause: error },
    );
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw invalidPolicy("Policy must be a JSON object.");
  }
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== "string" || !ISO_8601.test(expiration) || Number.isNaN(Date.parse(expiration))) {
    throw invalidPolicy("Policy missing expiration, or expiration is not an ISO 8601 UTC date.");
  }
  if (!Array.isArray(conditions)) throw invalidPolicy("Policy missing conditions.");
  return { expiration: new Date(expiration), conditions: conditions.map(parseCondition) };
}

function describe(condition: PolicyCondition): string {
  switch (condition.kind) {
    case "eq":
      return `["eq", "$${condition.field}", "${condition.value}"]`;
    case "starts-with":
      return `["starts-with", "$${condition.field}", "${condition.prefix}"]`;
    case "content-length-range":
      return `["content-length-range", ${condition.min}, ${condition.max}]`;
  }
}

function policyFailure(reason: string): S3Error {
  return new S3Error("AccessDenied", `Invalid according to Policy: ${reason}`);
}

function startsWith(field: string, value: string, prefix: string): boolean {
  // S3 lets Content-Type carry a comma-separated list: every listed type must match the prefix.
  if (field === "content-type") return value.split(",").every((type) => type.trim().startsWith(prefix));
  return value.startsWith(prefix);
}

/** Input of `checkPostPolicy`: the bucket from the URL, the final key, the form's non-file fields (lower-case names). */
export interface PostPolicyInput {
  bucket: string;
  /** The key after `${filename}` substitution. */
  key: string;
  fields: ReadonlyMap<string, string>;
  now: Date;
}

/**
 * Checks a verified POST policy as S3 does: not expired, every condition satisfied (bucket from the
 * URL, key after `${filename}` substitution, other fields from the form; an absent field counts as ""),
 * and every form field covered by a condition except `x-amz-signature`, `file`, `policy` and `x-ignore-*`.
 *
 * @returns the content-length range the server must enforce while streaming the file (intersection of all ranges)
 * @throws S3Error AccessDenied "Invalid according to Policy: …"
 */
export function checkPostPolicy(
  policy: PostPolicy,
  input: PostPolicyInput,
): { contentLengthRange?: { min: number; max: number } } {
  if (input.now.getTime() > policy.expiration.getTime()) throw policyFailure("Policy expired.");
  const fieldValue = (field: string): string => {
    if (field === "bucket") return input.bucket;
    if (field === "key") return input.key;
    return input.fields.get(field) ?? "";
  };
  let range: { min: number; max: number } | undefined;
  for (const condition of policy.conditions) {
    if (condition.kind === "content-length-range") {
      range = range
        ? { min: Math.max(range.min, condition.min), max: Math.min(range.max, condition.max) }
        : { min: condition.min, max: condition.max };
      continue;
    }
    const value = fieldValue(condition.field);
    const satisfied =
      condition.kind === "eq"
        ? value === condition.value
        : startsWith(condition.field, value, condition.prefix);
    if (!satisfied) throw policyFailure(`Policy Condition failed: ${describe(condition)}`);
  }
  const covered = new Set(
    policy.conditions.flatMap((condition) => ("field" in condition ? [condition.field] : [])),
  );
  const extra = [...input.fields.keys()].filter(
    (name) => !EXEMPT_FIELDS.has(name) && !name.startsWith("x-ignore-") && !covered.has(name),
  );
  if (extra.length > 0) throw policyFailure(`Extra input fields: ${extra.join(", ")}`);
  return range ? { contentLengthRange: range } : {};
}

/**
 * The object key of a POST upload: S3 replaces `${filename}` in the `key` field with the name of the
 * uploaded file.
 *
 * @example keyForUpload("uploads/${filename}", "cat.jpg") === "uploads/cat.jpg"
 */
export function keyForUpload(keyField: string, filename: string): string {
  return keyField.replaceAll(FILENAME_PLACEHOLDER, filename);
}
