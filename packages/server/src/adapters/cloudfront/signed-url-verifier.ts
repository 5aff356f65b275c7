import { type KeyObject, verify } from "node:crypto";
import type { Clock } from "../../ports/clock.js";
import {
  cannedPolicyJson,
  decodeUrlSafeBase64,
  ipv4InCidr,
  parseCustomPolicy,
  resourceMatches,
  SIGNATURE_PARAMETERS,
} from "./cloudfront-policy.js";

/** Why a signed URL was refused; each maps to the message CloudFront gives for it. */
export type SignatureRefusal =
  | "missing-parameters"
  | "unknown-key"
  | "malformed-policy"
  | "bad-signature"
  | "expired"
  | "not-yet-valid"
  | "wrong-resource"
  | "address-not-allowed";

export type SignatureCheck = { ok: true; expiresAt: Date } | { ok: false; refusal: SignatureRefusal };

export interface SignedUrlVerifierOptions {
  /** The base URL the signer used (`{publicUrl}/cdn`): the resource is rebuilt from it, not from the Host header. */
  baseUrl: string;
  /** Public keys by key-pair id (several during a rotation). */
  publicKeys: ReadonlyMap<string, KeyObject>;
  clock: Clock;
}

const EPOCH_SECONDS = /^\d{1,12}$/;

/**
 * Verifies CloudFront signed URLs exactly as CloudFront does: canned (`Expires`) or custom (`Policy`)
 * policy, RSA signature (SHA-1, or SHA-256 with `Hash-Algorithm=SHA256`) by a known key pair, time window,
 * the resource compared with the request URL minus the signature parameters, and the viewer's address when
 * the policy names one.
 */
export class SignedUrlVerifier {
  constructor(private readonly options: SignedUrlVerifierOptions) {}

  /**
   * `path`: the request path below the base, e.g. `variants/p1/thumb.webp`, as sent (still encoded);
   * `rawQuery`: the query string without `?`.
   */
  verify(path: string, rawQuery: string, clientAddress?: string): SignatureCheck {
    const { params, kept } = splitQuery(rawQuery);
    const signature = params.get("Signature");
    const keyPairId = params.get("Key-Pair-Id");
    const expires = params.get("Expires");
    const policy = params.get("Policy");
    if (!signature || !keyPairId || (expires === undefined) === (policy === undefined)) {
      return refuse("missing-parameters");
    }
    const publicKey = this.options.publicKeys.get(keyPairId);
    if (publicKey === undefined) return refuse("unknown-key");
    const resource = `${this.options.baseUrl}/${path}${kept.length > 0 ? `?${kept.join("&")}` : ""}`;

    let signed: Buffer;
    let statement: ReturnType<typeof parseCustomPolicy>;
    if (expires !== undefined) {
      if (!EPOCH_SECONDS.test(expires)) return refuse("malformed-policy");
      signed = Buffer.from(cannedPolicyJson(resource, Number(expires)));
      statement = { resource, dateLessThan: Number(expires) };
    } else {
      signed = decodeUrlSafeBase64(policy!);
      statement = parseCustomPolicy(signed.toString("utf8"));
      if (statement === undefined) return refuse("malformed-policy");
    }
    const algorithm = params.get("Hash-Algorithm") === "SHA256" ? "sha256" : "sha1";
    if (!verify(algorithm, signed, publicKey, decodeUrlSafeBase64(signature))) return refuse("bad-signature");

    const now = this.options.clock.now().getTime() / 1000;
    if (now >= statement.dateLessThan) return refuse("expired");
    if (statement.dateGreaterThan !== undefined && now < statement.dateGreaterThan) {
      return refuse("not-yet-valid");
    }
    if (!resourceMatches(statement.resource, resource)) return refuse("wrong-resource");
    if (statement.ipAddress !== undefined && !ipv4InCidr(clientAddress ?? "", statement.ipAddress)) {
      return refuse("address-not-allowed");
    }
    return { ok: true, expiresAt: new Date(statement.dateLessThan * 1000) };
  }
}

function refuse(refusal: SignatureRefusal): SignatureCheck {
  return { ok: false, refusal };
}

/** The signature parameters (decoded), and every other pair as sent, in order: they are part of the resource. */
function splitQuery(rawQuery: string): { params: Map<string, string>; kept: string[] } {
  const params = new Map<string, string>();
  const kept: string[] = [];
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = safeDecode(eq === -1 ? pair : pair.slice(0, eq));
    if (name !== undefined && SIGNATURE_PARAMETERS.has(name)) {
      // A repeated signature parameter is ambiguous; the first wins, as in most query parsers.
      if (!params.has(name)) params.set(name, safeDecode(eq === -1 ? "" : pair.slice(eq + 1)) ?? "");
    } else {
      kept.push(pair);
    }
  }
  return { params, kept };
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
