/** One-way password hashing for link passwords (scrypt in every host); slow on purpose. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Whether `password` matches `hash`, compared in constant time. */
  verify(password: string, hash: string): Promise<boolean>;
}
