/**
 * A base64url token with one bit of byte `at` flipped (negative counts from the end): a
 * forgery that keeps its shape and length.
 */
export function tamper(token: string, at = 14): string {
  const bytes = Buffer.from(token, "base64url");
  bytes[(at + bytes.length) % bytes.length]! ^= 1;
  return bytes.toString("base64url");
}

/** Whatever text a token holds if read as plain base64url, for checks that nothing leaks. */
export function asPlainText(token: string): string {
  return Buffer.from(token, "base64url").toString("latin1");
}
