import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { decodeAttributeMap } from "./attribute-decoder.js";
import { buildPk, buildSk, gsi1pkForWrite } from "../keys/build.js";
import type { ModelMeta } from "./meta.js";

export type RawItem = Record<string, AttributeValue>;
export type NativeItem = Record<string, unknown>;

/** Attribute names the library writes besides the fields. */
export const TYPE_ATTRIBUTE = "_type";

/** The full item for a put: keys, `_type`, and every set field under its own name. */
export function toStoredItem(meta: ModelMeta, values: Readonly<NativeItem>): NativeItem {
  const item: NativeItem = { PK: buildPk(meta, values), SK: buildSk(meta, values) };
  const gsi = gsi1pkForWrite(meta, values);
  if (gsi !== undefined) item.GSI1PK = gsi;
  item[TYPE_ATTRIBUTE] = meta.name;
  for (const name of meta.fieldNames) {
    const v = values[name];
    if (v !== undefined && v !== null) item[name] = v;
  }
  return item;
}

/**
 * A copy of a stored value that changing cannot reach the original: stored items are shared
 * by every reader of a loader scope, so lists, sets and JSON maps are copied into instances.
 */
function ownCopy(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(ownCopy);
  if (value instanceof Set) return new Set([...value].map(ownCopy));
  if (value instanceof Uint8Array) return value.slice();
  const out: NativeItem = {};
  for (const key in value) out[key] = ownCopy((value as NativeItem)[key]);
  return out;
}

/**
 * Field values of a stored item, written into `into` (an instance, built without an
 * intermediate object); attributes that are not fields (removed ones, keys) are ignored.
 */
export function fromStoredItem(meta: ModelMeta, item: Readonly<NativeItem>, into: NativeItem = {}): NativeItem {
  for (const name of meta.fieldNames) {
    const value = item[name];
    if (value !== undefined) into[name] = ownCopy(value);
  }
  return into;
}

export function toAttributeMap(value: Readonly<NativeItem>): RawItem {
  return marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: true });
}

export function toAttributeValue(value: unknown): AttributeValue {
  return toAttributeMap({ v: value }).v!;
}

/** Unmarshalls, refusing numbers JavaScript cannot hold exactly instead of rounding them (or turning them into BigInt). */
export function fromAttributeMap(raw: RawItem): NativeItem {
  return decodeAttributeMap(raw);
}
