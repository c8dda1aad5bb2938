import { InvalidDefinition } from "../errors/index.js";
import type { ModelMeta } from "../model/meta.js";
import type { AnyModelClass } from "../model/model-types.js";
import type { Fields } from "../model/types.js";

/** Any model class, whatever its fields. */
export type AnyModel = AnyModelClass;

/** Target field → source field. Unmapped target fields are taken by the same name. */
export type FieldMapping = Readonly<Record<string, string>>;

export interface HasManyOptions {
  /** Read the children through GSI1 (their gsi fields from the parent) instead of the parent's partition. */
  index?: boolean;
  /** Target key field → parent field, for the fields whose names differ. */
  fields?: FieldMapping;
  /** A description for the connection field. */
  description?: string;
}

export type Relation =
  | { kind: "hasMany"; target: AnyModel; index: boolean; fields: FieldMapping; description?: string }
  | { kind: "belongsTo" | "hasOne"; target: AnyModel; fields: FieldMapping; description?: string };

/**
 * Children found by query: in the parent's partition (their pk fields taken from the parent),
 * or with `{ index: true }` in GSI1 (their gsi fields taken from the parent).
 * @example relations: { Customer: { orders: hasMany(Order) } }
 */
export function hasMany(target: AnyModel, options: HasManyOptions = {}): Relation {
  return { kind: "hasMany", target, index: options.index ?? false, fields: options.fields ?? {}, ...describe(options.description) };
}

/**
 * One item whose key (pk and sk fields) is built from this item's fields, by name or mapped.
 * @example belongsTo(Product, { product_id: "product_id" })
 */
export function belongsTo(target: AnyModel, fields: FieldMapping = {}, options: { description?: string } = {}): Relation {
  return { kind: "belongsTo", target, fields, ...describe(options.description) };
}

/** Like `belongsTo`, read from the parent's side: one item keyed by the parent's fields. */
export function hasOne(target: AnyModel, fields: FieldMapping = {}, options: { description?: string } = {}): Relation {
  return { kind: "hasOne", target, fields, ...describe(options.description) };
}

function describe(description: string | undefined): { description?: string } {
  return description ? { description } : {};
}

/** The target fields a relation fills from the source item: key fields, or gsi fields via the index. */
export function relationKeyFields(relation: Relation): string[] {
  const meta = relation.target.meta;
  if (relation.kind === "hasMany") return (relation.index ? meta.gsi : meta.pk).map((p) => p.name);
  return [...meta.pk, ...meta.sk].map((p) => p.name);
}

/** Where one target field's value comes from: a field of the source item, or a constant. */
type KeySource = { target: string; from: string } | { target: string; constant: unknown };

function keySources(source: ModelMeta<Fields>, name: string, relation: Relation): KeySource[] {
  const target = relation.target.meta;
  return relationKeyFields(relation).map((field) => {
    const mapped = relation.fields[field];
    const from = mapped ?? field;
    if (source.fields[from]) return { target: field, from };
    // The constant-key pattern (`section: field.string({ sk: true, default: "PROFILE" })`): a
    // key field the source has no counterpart for is filled with its fixed default.
    const fallback: unknown = target.fields[field]?.options.default;
    if (mapped === undefined && fallback !== undefined && typeof fallback !== "function") return { target: field, constant: fallback };
    throw new InvalidDefinition(
      `relation ${source.name}.${name}: ${target.name}.${field} needs a field of ${source.name}; ` +
        `none is named "${from}" (map it: { ${field}: "<field of ${source.name}>" }, or give ${target.name}.${field} a fixed default)`,
    );
  });
}

/**
 * Reads the relation's target values off a source item (null when one is missing), with the
 * sources of its fields worked out once. Throws InvalidDefinition when a target field has none.
 */
export function relationValuesReader(source: ModelMeta<Fields>, name: string, relation: Relation) {
  const sources = keySources(source, name, relation);
  return (item: Readonly<Record<string, unknown>>): Record<string, unknown> | null => {
    const out: Record<string, unknown> = {};
    for (const part of sources) {
      const value = "from" in part ? item[part.from] : part.constant;
      if (value === undefined || value === null) return null;
      out[part.target] = value;
    }
    return out;
  };
}

/**
 * Checks at schema build time that every target field has a source, and that a hasMany in the
 * parent's partition has a target with sk fields (without them the partition holds one: hasOne).
 */
export function checkRelation(source: ModelMeta<Fields>, name: string, relation: Relation): void {
  const target = relation.target.meta;
  if (relation.kind === "hasMany" && !relation.index && target.sk.length === 0) {
    throw new InvalidDefinition(
      `relation ${source.name}.${name}: ${target.name} has no sk fields, so a partition holds at most one; ` +
        `use hasOne(${target.name}), or hasMany(${target.name}, { index: true }) to find many through GSI1`,
    );
  }
  relationValuesReader(source, name, relation);
}

/**
 * Whether a hasMany's children live in the parent's own partition (equal PK strings): same
 * suffix, same pk identifiers in order, each filled from the parent's matching pk field.
 * Then one Query of that partition reads the parent and its children together.
 */
export function sharesPartition(source: ModelMeta<Fields>, relation: Relation): boolean {
  const target = relation.target.meta;
  if (relation.kind === "hasMany" && relation.index) return false;
  if (target.suffix !== source.suffix || target.pk.length !== source.pk.length) return false;
  return target.pk.every((p, i) => {
    const parentPart = source.pk[i]!;
    return p.identifier === parentPart.identifier && (relation.fields[p.name] ?? p.name) === parentPart.name;
  });
}
