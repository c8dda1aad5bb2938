import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { ValidationError } from "../errors/index.js";

/** A stored number as a JavaScript number, refused when that would change it. */
function exactNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
    throw new ValidationError(`Stored number ${text} cannot be held exactly by a JavaScript number`);
  }
  return n;
}

/**
 * Binary as the SDK gives it (`Uint8Array`) or as a response body holds it (base64 text,
 * when src/ops/raw-body.ts parsed the body itself). A plain `Uint8Array` view, as the SDK's
 * own base64 decoding gives, not a `Buffer`: a `Buffer`'s `slice` would share its bytes.
 */
function binary(value: Uint8Array | string): Uint8Array {
  if (typeof value !== "string") return value;
  const bytes = Buffer.from(value, "base64");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * One DynamoDB JSON attribute value as a JavaScript value, as `unmarshall` gives it (sets as
 * `Set`, binary as `Uint8Array`), but reading the one member the SDK set directly instead of
 * walking the union: every item of every read goes through here. Binary may also be base64
 * text, as in the response body.
 */
export function decodeAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return exactNumber(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return decodeAttributeMap(value.M);
  if (value.L !== undefined) return value.L.map(decodeAttributeValue);
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(exactNumber));
  if (value.B !== undefined) return binary(value.B);
  if (value.BS !== undefined) return new Set(value.BS.map(binary));
  throw new ValidationError(`Unsupported DynamoDB attribute value with member(s) ${Object.keys(value).join(", ")}`);
}

/** A DynamoDB JSON item (or key) as a plain object. */
export function decodeAttributeMap(raw: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  // Copied whole (its names in one step), then each value decoded in place: cheaper than adding the names one by one.
  const out: Record<string, unknown> = { ...raw };
  for (const name in out) out[name] = decodeAttributeValue(out[name] as AttributeValue);
  return out;
}
