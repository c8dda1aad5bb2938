/**
 * Key values are data, never syntax. `#` separates key parts, so a value holding `#` is
 * written as `\#` and a backslash as `\\`. Values without either are written unchanged,
 * which keeps keys identical to the Python library's for every ordinary value.
 */
const SPECIAL = /[\\#]/g;

export function escapeKeyValue(value: string): string {
  // Most values hold neither: return them without running the replacement.
  if (!value.includes("#") && !value.includes("\\")) return value;
  return value.replace(SPECIAL, (c) => `\\${c}`);
}

/** Splits a key on unescaped `#` and unescapes each part. */
export function splitKey(key: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === "\\" && i + 1 < key.length) {
      current += key[++i];
    } else if (c === "#") {
      parts.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}
