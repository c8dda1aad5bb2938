import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { decodeAttributeMap } from "./attribute-decoder.js";
import { buildPk, buildSk, gsi1pkForWrite } from "../keys/build.js";
import { keyFieldValues } from "../keys/primary.js";
import { checkItemSize, refuse, storableProblem } from "./dynamo-limits/index.js";
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
 * Runs for every item read: scalars are assigned without a call, only objects are copied.
 */
export function fromStoredItem(meta: ModelMeta, item: Readonly<NativeItem>, into: NativeItem = {}): NativeItem {
  const names = meta.fieldNames;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = item[name];
    if (value === undefined) continue;
    into[name] = typeof value === "object" && value !== null ? ownCopy(value) : value;
  }
  return into;
}

function marshallMap(value: Readonly<NativeItem>): RawItem {
  return marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: true });
}

/**
 * Marshalls an item or key, refusing (ValidationError naming `subject` and the path) what
 * DynamoDB could not store, instead of a plain `Error` from the SDK or a failed request.
 */
export function toAttributeMap(value: Readonly<NativeItem>, subject = "item"): RawItem {
  for (const [name, v] of Object.entries(value)) {
    const problem = storableProblem(v, name);
    if (problem) throw refuse(subject, [problem]);
  }
  return marshallMap(value);
}

/** Marshalls one value of an expression; `path` names it in the error when it cannot be stored. */
export function toAttributeValue(value: unknown, path = "value"): AttributeValue {
  const problem = storableProblem(value, path);
  if (problem) throw refuse("value", [problem]);
  return marshallMap({ v: value }).v!;
}

/** The marshalled item a put sends, refused before sending when over DynamoDB's 400 KB. */
export function toPutItem(meta: ModelMeta, values: Readonly<NativeItem>): RawItem {
  const item = toAttributeMap(toStoredItem(meta, values), meta.name);
  checkItemSize(item, () => `${meta.name} ${JSON.stringify(keyFieldValues(meta, values))}`);
  return item;
}

/** Unmarshalls, refusing numbers JavaScript cannot hold exactly instead of rounding them (or turning them into BigInt). */
export function fromAttributeMap(raw: RawItem): NativeItem {
  return decodeAttributeMap(raw);
}
