import type { Principal } from "../../src/domain/principal.js";

/**
 * A signed-in caller for tests: `principal("alice")` → `{ userId: "user-alice", email: "alice@example.com",
 * emailVerified: true, name: "Alice" }`; overrides replace any field.
 */
export function principal(handle: string, overrides: Partial<Principal> = {}): Principal {
  return {
    userId: `user-${handle}`,
    email: `${handle}@example.com`,
    emailVerified: true,
    name: handle.charAt(0).toUpperCase() + handle.slice(1),
    ...overrides,
  };
}
