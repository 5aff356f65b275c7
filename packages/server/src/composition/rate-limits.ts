import type { Config } from "../config/load-config.js";
import type { RateLimiter, RateLimits } from "../ports/rate-limiter.js";

/** Builds a limiter of `limit` attempts per minute; `scope` keeps limits apart in a shared store. */
export type PerMinuteLimiter = (scope: string, limit: number) => RateLimiter;

/**
 * Every limit the API applies, built in one place from the settings over the host's limiter: in memory
 * (embedded) or counted in DynamoDB (AWS). Sign-in and sign-up limits only where Shoebox signs users in
 * (`accounts`); on AWS, Cognito limits those.
 */
export function createRateLimits(
  settings: Config["rateLimits"],
  perMinute: PerMinuteLimiter,
  { accounts }: { accounts: boolean },
): RateLimits {
  return {
    ...(accounts
      ? {
          signIn: perMinute("sign-in", settings.signInPerMinute),
          signUp: perMinute("sign-up", settings.signUpPerMinute),
        }
      : {}),
    tickets: perMinute("tickets", settings.ticketsPerMinute),
    linkPasswords: perMinute("link-passwords", settings.linkPasswordPerMinute),
    invitePreviews: perMinute("invite-previews", settings.invitePreviewPerMinute),
  };
}
