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
  /** How many verified URLs to remember (default 10,000, ~0.5 KB each); 0 checks every signature afresh. */
  rememberedUrls?: number;
}

const EPOCH_SECONDS = /^\d{1,12}$/;

/**
 * Verifies CloudFront signed URLs exactly as CloudFront does: canned (`Expires`) or custom (`Policy`)
 * policy, RSA signature (SHA-1, or SHA-256 with `Hash-Algorithm=SHA256`) by a known key pair, time window,
 * the resource compared with the request URL minus the signature parameters, and the viewer's address when
 * the policy names one.
 */
export class SignedUrlVerifier {
  /**
   * Statements whose signature already checked out, by URL (path and query as sent), oldest first. Why:
   * the RSA check is ~27 µs, a fifth of serving a thumbnail, and it is a pure function of the URL while the
   * keys stay the same (they are fixed for a verifier's life). Galleries hand every viewer the same URLs
   * (signers reuse a URL within its expiry granularity), so most requests repeat a URL verified before.
   * Only good signatures are remembered, so nobody can fill this with URLs of their own making; the time
   * window, resource and address are still checked on every request.
   */
  private readonly verified = new Map<string, VerifiedStatement>();
  private readonly capacity: number;

  constructor(private readonly options: SignedUrlVerifierOptions) {
    this.capacity = options.rememberedUrls ?? 10_000;
  }

  /**
   * `path`: the request path below the base, e.g. `variants/p1/thumb.webp`, as sent (still encoded);
   * `rawQuery`: the query string without `?`.
   */
  verify(path: string, rawQuery: string, clientAddress?: string): SignatureCheck {
    const url = `${path}?${rawQuery}`;
    let verified = this.verified.get(url);
    if (verified === undefined) {
      const checked = this.checkSignature(path, rawQuery);
      if (typeof checked === "string") return refuse(checked);
      verified = checked;
      if (this.capacity > 0) {
        if (this.verified.size >= this.capacity) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(url, verified);
      }
    }
    const { statement, resource } = verified;
    const now = this.options.clock.now().getTime() / 1000;
    if (now >= statement.dateLessThan) {
      this.verified.delete(url);
      return refuse("expired");
    }
    if (statement.dateGreaterThan !== undefined && now < statement.dateGreaterThan) {
      return refuse("not-yet-valid");
    }
    if (!resourceMatches(statement.resource, resource)) return refuse("wrong-resource");
    if (statement.ipAddress !== undefined && !ipv4InCidr(clientAddress ?? "", statement.ipAddress)) {
      return refuse("address-not-allowed");
    }
    return { ok: true, expiresAt: new Date(statement.dateLessThan * 1000) };
  }

  /** The policy statement, once its signature is known to be good; or why not. */
  private checkSignature(path: string, rawQuery: string): VerifiedStatement | SignatureRefusal {
    const { params, kept } = splitQuery(rawQuery);
    const signature = params.get("Signature");
    const keyPairId = params.get("Key-Pair-Id");
    const expires = params.get("Expires");
    const policy = params.get("Policy");
    if (!signature || !keyPairId || (expires === undefined) === (policy === undefined)) {
      return "missing-parameters";
    }
    const publicKey = this.options.publicKeys.get(keyPairId);
    if (publicKey === undefined) return "unknown-key";
    const resource = `${this.options.baseUrl}/${path}${kept.length > 0 ? `?${kept.join("&")}` : ""}`;

    let signed: Buffer;
    let statement: PolicyStatement | undefined;
    if (expires !== undefined) {
      if (!EPOCH_SECONDS.test(expires)) return "malformed-policy";
      signed = Buffer.from(cannedPolicyJson(resource, Number(expires)));
      statement = { resource, dateLessThan: Number(expires) };
    } else {
      signed = decodeUrlSafeBase64(policy!);
      statement = parseCustomPolicy(signed.toString("utf8"));
      if (statement === undefined) return "malformed-policy";
    }
    const algorithm = params.get("Hash-Algorithm") === "SHA256" ? "sha256" : "sha1";
    if (!verify(algorithm, signed, publicKey, decodeUrlSafeBase64(signature))) return "bad-signature";
    return { statement, resource };
  }
}

type PolicyStatement = NonNullable<ReturnType<typeof parseCustomPolicy>>;

interface VerifiedStatement {
  statement: PolicyStatement;
  /** The resource the request names (base URL, path, non-signature query). */
  resource: string;
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
