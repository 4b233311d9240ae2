import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** OWASP's argon2id setting: 19 MiB, 2 iterations, 1 lane. */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash with the same cost as a real one, checked when the username is unknown (no timing oracle). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

export type SecretKind = "session" | "display" | "system";
const PREFIX: Record<SecretKind, string> = { session: "svs_", display: "svd_", system: "svk_" };

/** A random bearer secret (256 bits), prefixed by kind so a leaked one is recognisable. */
export function newSecret(kind: SecretKind): string {
  return PREFIX[kind] + randomBytes(32).toString("base64url");
}

/** Secrets are stored only as sha256: they are random, so a slow hash adds nothing. */
export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
