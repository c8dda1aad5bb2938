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
 * One DynamoDB JSON attribute value as a JavaScript value, as `unmarshall` gives it (sets as
 * `Set`, binary as `Uint8Array`), but reading the one member the SDK set directly instead of
 * walking the union: every item of every read goes through here.
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
  if (value.B !== undefined) return value.B;
  if (value.BS !== undefined) return new Set(value.BS);
  throw new ValidationError(`Unsupported DynamoDB attribute value with member(s) ${Object.keys(value).join(", ")}`);
}

/** A DynamoDB JSON item (or key) as a plain object. */
export function decodeAttributeMap(raw: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in raw) out[name] = decodeAttributeValue(raw[name]!);
  return out;
}
