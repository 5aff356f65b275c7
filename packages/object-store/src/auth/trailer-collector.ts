import { S3Error } from "../errors.js";
import type { ChunkSignatureChain } from "./chunk-signature-chain.js";
import { malformedFraming } from "./line-reader.js";

const TRAILER_SIGNATURE = "x-amz-trailer-signature";
const MAX_TRAILERS = 16;

/**
 * Collects the trailing headers after the final chunk, line by line, and checks them: only the
 * trailers announced in `x-amz-trailer`, each at most once, all of them present, and (signed bodies)
 * a valid `x-amz-trailer-signature` over them.
 */
export class TrailerCollector {
  readonly #entries: Array<[name: string, value: string]> = [];
  #signature: string | undefined;

  constructor(
    private readonly declared: readonly string[],
    private readonly chain: ChunkSignatureChain | undefined,
  ) {}

  /** Takes one trailer line; returns true on the empty line that ends the body (after checking everything). */
  accept(line: string): boolean {
    if (line === "") {
      this.#finish();
      return true;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) throw malformedFraming(`bad trailer line "${line.slice(0, 120)}"`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (this.#signature !== undefined) throw malformedFraming("a trailer follows x-amz-trailer-signature");
    if (name === TRAILER_SIGNATURE) {
      if (!this.chain) throw malformedFraming("x-amz-trailer-signature in an unsigned body");
      this.#signature = value;
      return false;
    }
    if (!this.declared.includes(name)) {
      throw new S3Error(
        "InvalidRequest",
        `The trailer ${name} was not declared in the x-amz-trailer header.`,
      );
    }
    if (this.#entries.some(([seen]) => seen === name)) throw malformedFraming(`trailer ${name} is repeated`);
    if (this.#entries.length >= MAX_TRAILERS) throw malformedFraming("too many trailers");
    this.#entries.push([name, value]);
    return false;
  }

  /** The trailers received, by lower-case name. */
  values(): Record<string, string> {
    return Object.fromEntries(this.#entries);
  }

  #finish(): void {
    const missing = this.declared.filter((name) => !this.#entries.some(([seen]) => seen === name));
    if (missing.length > 0) {
      throw new S3Error(
        "IncompleteBody",
        `The request body ended without the declared trailer ${missing.join(", ")}.`,
      );
    }
    if (!this.chain) return;
    const canonical = this.#entries.map(([name, value]) => `${name}:${value}\n`).join("");
    if (this.#signature === undefined || !this.chain.verifyTrailer(canonical, this.#signature)) {
      throw new S3Error(
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      );
    }
  }
}
