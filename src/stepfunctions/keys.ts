import { MissingRequiredFields } from "../errors/index.js";
import { escapeKeyValue } from "../keys/escape.js";
import type { KeyPart, ModelMeta } from "../model/meta.js";
import { concatenation, literal, type Segment } from "./jsonata.js";

/** Field name → the JSONata expression giving its value in the state (parenthesized). */
export type Sources = Readonly<Record<string, string>>;

/**
 * The characters `escapeKeyValue` escapes, backslash first: escaping `#` first would
 * double the backslashes it adds.
 */
const KEY_SPECIAL = ["\\", "#"] as const;

/** A key value as text, as `keyValueText` writes it: booleans as Python does, strings escaped. */
function keyValueExpression(part: KeyPart, expression: string): string {
  switch (part.field.kind) {
    case "boolean":
      return `(${expression} ? 'True' : 'False')`;
    case "number":
    case "int":
      return `$string(${expression})`;
    default:
      return KEY_SPECIAL.reduce((e, c) => `$replace(${e}, ${literal(c)}, ${literal(escapeKeyValue(c))})`, expression);
  }
}

/** `ID#value#...` of `parts`, each value from its source. */
function partSegments(parts: readonly KeyPart[], sources: Sources): Segment[] {
  return parts.flatMap((p, i) => [{ text: `${i ? "#" : ""}${p.identifier}#` }, { expression: keyValueExpression(p, sources[p.name]!) }]);
}

function requireSources(meta: ModelMeta, parts: readonly KeyPart[], sources: Sources): void {
  const missing = parts.filter((p) => sources[p.name] === undefined).map((p) => p.name);
  if (missing.length) throw new MissingRequiredFields(meta.name, missing);
}

/** PK: `ID#value#...#SUFFIX`. */
export function pkTemplate(meta: ModelMeta, sources: Sources): string {
  requireSources(meta, meta.pk, sources);
  return concatenation([...partSegments(meta.pk, sources), { text: `#${meta.suffix}` }]);
}

/** SK: `ID#value#...`, or the model name for a model without sk fields. */
export function skTemplate(meta: ModelMeta, sources: Sources): string {
  requireSources(meta, meta.sk, sources);
  return meta.sk.length ? concatenation(partSegments(meta.sk, sources)) : meta.name;
}

/** GSI1PK from the gsi fields (for a query on the index: all required). */
export function gsi1pkTemplate(meta: ModelMeta, sources: Sources): string {
  requireSources(meta, meta.gsi, sources);
  return concatenation([...partSegments(meta.gsi, sources), { text: `#${meta.suffix}` }]);
}

/** GSI1PK for a write, as `gsi1pkForWrite` decides: absent without gsi fields or when only optional ones are missing. */
export function gsi1pkForWriteTemplate(meta: ModelMeta, sources: Sources): string | undefined {
  if (meta.gsi.length === 0) return undefined;
  const missing = meta.gsi.filter((p) => sources[p.name] === undefined);
  if (missing.length && missing.every((p) => p.field.options.optional)) return undefined;
  return gsi1pkTemplate(meta, sources);
}

/**
 * The SK a query names, as `using(...)` does: every sk field given is an exact SK (`=`);
 * leading ones a `begins_with` prefix ending in `#`; none the model's first identifier and `#`.
 */
export function skConditionTemplate(meta: ModelMeta, sources: Sources): { op: "=" | "begins_with"; value: string } {
  if (meta.sk.length === 0) return { op: "=", value: meta.name };
  const firstMissing = meta.sk.findIndex((p) => sources[p.name] === undefined);
  const given = firstMissing < 0 ? meta.sk : meta.sk.slice(0, firstMissing);
  if (given.length === meta.sk.length) return { op: "=", value: concatenation(partSegments(given, sources)) };
  if (given.length === 0) return { op: "begins_with", value: `${meta.sk[0]!.identifier}#` };
  return { op: "begins_with", value: concatenation([...partSegments(given, sources), { text: "#" }]) };
}
