import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto";

/** What a token is for: each purpose has its own keys, so a cursor never opens as an id. */
export type OpaquePurpose = "cursor" | "id";

const IV_BYTES = 12;
const TAG_BYTES = 16;

interface PurposeKeys {
  cipher: Buffer;
  iv: Buffer;
}

// Key derivation per token would cost more than the encryption: keep the keys of the last
// secret (one per process, or a few under `table.context`).
let derived: { secret: string; keys: Map<OpaquePurpose, PurposeKeys> } | undefined;

function keysFor(secret: string, purpose: OpaquePurpose): PurposeKeys {
  if (derived?.secret !== secret) derived = { secret, keys: new Map() };
  let keys = derived.keys.get(purpose);
  if (!keys) {
    const derive = (use: string) => Buffer.from(hkdfSync("sha256", secret, "", `single-table-orm/${purpose}/${use}`, 32));
    keys = { cipher: derive("aes-256-gcm"), iv: derive("synthetic-iv") };
    derived.keys.set(purpose, keys);
  }
  return keys;
}

/**
 * `text` encrypted and authenticated with AES-256-GCM under a key derived from `secret`,
 * bound to `context` (authenticated, not stored), as base64url. The IV is an HMAC of context
 * and text (SIV-style), so equal texts give equal tokens: a Relay id stays the same across
 * requests, as client caches need, and a token reveals nothing but its equality to another.
 */
export function seal(secret: string, purpose: OpaquePurpose, text: string, context = ""): string {
  const keys = keysFor(secret, purpose);
  const iv = createHmac("sha256", keys.iv).update(JSON.stringify([context, text])).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys.cipher, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The text `seal` put in `token`, or null when the token was altered, forged or sealed for another context. */
export function unseal(secret: string, purpose: OpaquePurpose, token: string, context = ""): string | null {
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  const decipher = createDecipheriv("aes-256-gcm", keysFor(secret, purpose).cipher, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
