import { createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../ports/clock.js";
import type { AccessGrants } from "../../ports/link-tokens.js";

/**
 * Access grants as `{linkId}.{expiry}.{HMAC-SHA256}` under a host secret: stateless, so any process (or
 * Lambda) holding the secret can check them, and scoped to one link.
 */
export class HmacAccessGrants implements AccessGrants {
  constructor(
    private readonly secret: Buffer,
    private readonly clock: Clock,
  ) {
    if (secret.length < 32) throw new RangeError("The grant secret must have at least 256 bits");
  }

  issue(linkId: string, ttlSeconds: number): { grant: string; expiresAt: Date } {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds;
    const payload = `${linkId}.${expires}`;
    return { grant: `${payload}.${this.mac(payload)}`, expiresAt: new Date(expires * 1000) };
  }

  verify(grant: string, linkId: string): boolean {
    const lastDot = grant.lastIndexOf(".");
    const payload = grant.slice(0, lastDot);
    const [grantedLink, expires] = payload.split(".");
    if (lastDot === -1 || grantedLink !== linkId || !/^\d{1,12}$/.test(expires ?? "")) return false;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(grant.slice(lastDot + 1));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    return this.clock.now().getTime() < Number(expires) * 1000;
  }

  private mac(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }
}
