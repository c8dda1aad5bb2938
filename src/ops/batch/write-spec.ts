import type { WriteRequest } from "@aws-sdk/client-dynamodb";
import { keyFieldValues, primaryKey } from "../../keys/primary.js";
import { fieldValues, metaOf, type ModelBase } from "../../model/instance.js";
import { toAttributeMap, toPutItem, type NativeItem } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import type { AnyInstance } from "../../model/model-types.js";
import { prepareForPut } from "../write/prepare.js";
import type { TableKey } from "./batch-get.js";

/** One put or delete of a batch, checked and turned into its request before anything is sent. */
export interface WriteSpec {
  readonly op: "put" | "delete";
  readonly meta: ModelMeta;
  readonly key: TableKey;
  /** The key field values, to name the item in errors. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly request: WriteRequest;
  /** What a put stores (timestamps and version filled in). */
  readonly stored?: NativeItem;
  /** The instance a put refreshes with `stored` once written, as `save` does. */
  readonly instance?: AnyInstance;
}

/** A put of `instance`: checked now (required fields, value kinds), so a bad item stops the batch before it starts. */
export function putSpec(instance: AnyInstance, now: string): WriteSpec {
  const meta = metaOf(instance as unknown as ModelBase);
  const stored = prepareForPut(meta, fieldValues(instance as unknown as ModelBase), now);
  const request = { PutRequest: { Item: toPutItem(meta, stored) } };
  return { op: "put", meta, key: primaryKey(meta, stored), fields: keyFieldValues(meta, stored), request, stored, instance };
}

/** A delete of the item that `values` (key fields at least) name. */
export function deleteSpec(meta: ModelMeta, values: Readonly<NativeItem>): WriteSpec {
  const key = primaryKey(meta, values);
  return { op: "delete", meta, key, fields: keyFieldValues(meta, values), request: { DeleteRequest: { Key: toAttributeMap(key) } } };
}

/** How an unwritten entry is named in `UnprocessedError.entries`. */
export function describeSpec(spec: WriteSpec): { op: "put" | "delete"; model: string; key: Readonly<Record<string, unknown>> } {
  return { op: spec.op, model: spec.meta.name, key: spec.fields };
}
