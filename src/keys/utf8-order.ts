/** The UTF-16 code units that are surrogates: 0xD800–0xDFFF. */
function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

/**
 * Compares two strings by their UTF-8 bytes, as DynamoDB orders strings (and as
 * `Buffer.compare` of `Buffer.from(s, "utf8")` does), without encoding them: every sort key
 * of every item read goes through here. Outside the surrogates, UTF-16 code-unit order is
 * code-point order, which is UTF-8 byte order; only the characters above U+FFFF (surrogate
 * pairs, which sort above U+E000–U+FFFF in UTF-8 but below them in UTF-16) and lone
 * surrogates (encoded as U+FFFD) are compared by their bytes. Negative, zero or positive.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Everything before is the same code units followed by non-surrogates, so the same bytes.
    if (!isSurrogate(x) && !isSurrogate(y)) return x - y;
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
  }
  // One is a prefix of the other: the longer one's bytes extend (or, past a high surrogate, outsort) the shorter's.
  return a.length - b.length;
}
