import type { PasswordHasher } from "../../ports/password-hasher.js";
import {
  defaultScryptParameters,
  hashPassword,
  type ScryptParameters,
  verifyPassword,
} from "./scrypt-passwords.js";

/** Link passwords hashed like account passwords (scrypt, self-describing), behind the `PasswordHasher` port. */
export function scryptPasswordHasher(parameters: ScryptParameters = defaultScryptParameters): PasswordHasher {
  return {
    hash: (password) => hashPassword(password, parameters),
    verify: (password, hash) => verifyPassword(password, hash),
  };
}
