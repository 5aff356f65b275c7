import type { SessionUser } from "./auth-client.js";

/**
 * Reads who the identity token names, for display only: the API verifies the signature, the client never
 * trusts these claims for access.
 */
export function userFromIdToken(idToken: string): SessionUser {
  const payload = idToken.split(".")[1];
  if (!payload) throw new Error("The identity token is malformed");
  const claims = JSON.parse(decodeBase64Url(payload)) as Record<string, unknown>;
  if (typeof claims.sub !== "string") throw new Error("The identity token names no user");
  return {
    userId: claims.sub,
    email: typeof claims.email === "string" ? claims.email : null,
    name: typeof claims.name === "string" ? claims.name : null,
  };
}

function decodeBase64Url(text: string): string {
  const base64 = text
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(text.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
