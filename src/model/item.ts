import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { ValidationError } from "../errors/index.js";
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

/** Field values of a stored item; attributes that are not fields (removed ones) are ignored. */
export function fromStoredItem(meta: ModelMeta, item: Readonly<NativeItem>): NativeItem {
  const values: NativeItem = {};
  for (const name of meta.fieldNames) {
    if (item[name] !== undefined) values[name] = item[name];
  }
  return values;
}

export function toAttributeMap(value: Readonly<NativeItem>): RawItem {
  return marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: true });
}

export function toAttributeValue(value: unknown): AttributeValue {
  return toAttributeMap({ v: value }).v!;
}

/** A stored number as a JavaScript number, refused when that would change it. */
function exactNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
    throw new ValidationError(`Stored number ${text} cannot be held exactly by a JavaScript number`);
  }
  return n;
}

/** Unmarshalls, refusing numbers JavaScript cannot hold exactly instead of rounding them (or turning them into BigInt). */
export function fromAttributeMap(raw: RawItem): NativeItem {
  return unmarshall(raw, { wrapNumbers: exactNumber });
}
