import type { RawItem } from "../model/item.js";
import type { ModelMeta } from "../model/meta.js";
import { buildPk, buildSk } from "./build.js";

/** The pk and sk field values of `values`, for error messages and GraphQL key inputs. */
export function keyFieldValues(meta: ModelMeta, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of [...meta.pk, ...meta.sk]) out[p.name] = values[p.name];
  return out;
}

/** `{ PK, SK }` of the item `values` describe. */
export function primaryKey(meta: ModelMeta, values: Readonly<Record<string, unknown>>): { PK: string; SK: string } {
  return { PK: buildPk(meta, values), SK: buildSk(meta, values) };
}

/** A table key as DynamoDB JSON: both parts are strings, so no marshalling walk is needed. */
export function keyAttributes(key: { PK: string; SK: string }): RawItem {
  return { PK: { S: key.PK }, SK: { S: key.SK } };
}
