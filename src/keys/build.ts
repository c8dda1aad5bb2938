import { MissingRequiredFields } from "../errors/index.js";
import { checkKeySize } from "../model/dynamo-limits/index.js";
import type { KeyPart, ModelMeta } from "../model/meta.js";
import { keyValueText } from "./format.js";

type Values = Readonly<Record<string, unknown>>;

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * `ID#value#...` of `parts`, read from `values`; `MissingRequiredFields` names every part
 * they lack. Built in one pass: every key of every get goes through here.
 */
function partsText(meta: ModelMeta, parts: readonly KeyPart[], values: Values): string {
  let text = "";
  for (const part of parts) {
    const value = values[part.name];
    if (!present(value)) throw new MissingRequiredFields(meta.name, parts.filter((p) => !present(values[p.name])).map((p) => p.name));
    text += `${text ? "#" : ""}${part.identifier}#${keyValueText(value)}`;
  }
  return text;
}

/** The field names of key parts, for the size error: listed once per parts list. */
const partNames = new WeakMap<readonly KeyPart[], readonly string[]>();
function names(parts: readonly KeyPart[]): readonly string[] {
  let found = partNames.get(parts);
  if (!found) partNames.set(parts, (found = parts.map((p) => p.name)));
  return found;
}

/** `ID#value#...#SUFFIX`; a ValidationError when the values make it longer than DynamoDB allows. */
export function buildPk(meta: ModelMeta, values: Values): string {
  return checkKeySize("partition", `${partsText(meta, meta.pk, values)}#${meta.suffix}`, `${meta.name} key`, names(meta.pk));
}

/**
 * `ID#value#...`. A model without sk fields uses its model name as SK: never empty (DynamoDB
 * refuses empty keys), never equal to a key built from fields (those always contain `#`),
 * and distinct per model, so several such models can share one partition.
 */
export function buildSk(meta: ModelMeta, values: Values): string {
  if (meta.sk.length === 0) return meta.name;
  return checkKeySize("sort", partsText(meta, meta.sk, values), `${meta.name} key`, names(meta.sk));
}

/** `ID#value#...#SUFFIX`, or null when the model has no gsi fields. */
export function buildGsi1pk(meta: ModelMeta, values: Values): string | null {
  if (meta.gsi.length === 0) return null;
  return checkKeySize("partition", `${partsText(meta, meta.gsi, values)}#${meta.suffix}`, `${meta.name} index key`, names(meta.gsi));
}

/** GSI1PK for a write: absent when an optional gsi field is unset (a sparse index). */
export function gsi1pkForWrite(meta: ModelMeta, values: Values): string | undefined {
  if (meta.gsi.length === 0) return undefined;
  const missing = meta.gsi.filter((p) => !present(values[p.name]));
  if (missing.length && missing.every((p) => p.field.options.optional)) return undefined;
  return buildGsi1pk(meta, values) ?? undefined;
}

/**
 * The SK prefix given by the leading sk fields present in `values`, and whether every sk
 * field was given. Stops at the first missing field: a later one cannot narrow a prefix.
 */
export function skPrefix(meta: ModelMeta, values: Values): { prefix: string; complete: boolean; count: number } {
  if (meta.sk.length === 0) return { prefix: meta.name, complete: true, count: 0 };
  let count = 0;
  while (count < meta.sk.length && present(values[meta.sk[count]!.name])) count++;
  return { prefix: partsText(meta, meta.sk.slice(0, count), values), complete: count === meta.sk.length, count };
}
