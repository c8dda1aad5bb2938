import { InvalidDefinition } from "../errors/index.js";
import type { StandardSchemaV1 } from "./standard-schema.js";
import type { AnyField, Fields } from "./types.js";

/** Options of `defineModel`. */
export interface ModelOptions {
  /**
   * Last part of PK and GSI1PK. Models with equal suffix and pk identifiers share partitions.
   * @default the model name
   */
  suffix?: string;
  /** GraphQL list field name. @default the model name in simple English plural, camel-cased */
  plural?: string;
  /** A Standard Schema validator for the whole item, run before every write. */
  validate?: StandardSchemaV1;
  /** A short description, shown in the GraphQL schema. */
  description?: string;
  /**
   * Replace an earlier model of the same name instead of refusing it: for modules that hot
   * reload re-evaluates, and tests of a changed definition. Two models of one name cannot
   * serve together (`_type` names one model): the later one is what collections build.
   * @default false
   */
  replace?: boolean;
}

export interface KeyPart {
  readonly name: string;
  readonly identifier: string;
  readonly field: AnyField;
}

/** Everything the rest of the library needs to know about a model, checked once and frozen. */
export interface ModelMeta<Fs extends Fields = Fields> {
  readonly name: string;
  readonly suffix: string;
  readonly options: Readonly<ModelOptions>;
  readonly fields: Fs;
  readonly fieldNames: readonly string[];
  readonly pk: readonly KeyPart[];
  readonly sk: readonly KeyPart[];
  readonly gsi: readonly KeyPart[];
  /** Name of the optimistic-locking field, if any. */
  readonly versionField: string | undefined;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Instance members a field may not shadow. */
const RESERVED = new Set([
  "getPk", "getSk", "getGsi1pk", "save", "update", "delete", "isCreatable", "toJSON", "equals",
  "constructor", "objects", "meta", "_type", "PK", "SK", "GSI1PK",
  // Assigning it would set an instance's prototype instead of a field.
  "__proto__",
]);

function fail(model: string, message: string): never {
  throw new InvalidDefinition(`defineModel("${model}"): ${message}`);
}

export function buildMeta<Fs extends Fields>(name: string, fields: Fs, options: ModelOptions): ModelMeta<Fs> {
  if (!NAME.test(name)) fail(name, `the model name must match ${NAME}, got ${JSON.stringify(name)}`);
  const suffix = options.suffix ?? name;
  if (!suffix || suffix.includes("#")) fail(name, `suffix must be non-empty and without "#", got ${JSON.stringify(suffix)}`);
  const fieldNames = Object.keys(fields);
  const part = (flag: "pk" | "sk" | "gsi"): KeyPart[] =>
    fieldNames
      .filter((f) => fields[f]!.options[flag])
      .map((f) => ({ name: f, field: fields[f]!, identifier: fields[f]!.options.identifier ?? f.charAt(0).toUpperCase() }));

  for (const f of fieldNames) {
    const def = fields[f];
    if (!def || typeof def.kind !== "string") fail(name, `field "${f}" is not a field definition (use field.string() etc.)`);
    if (!NAME.test(f)) fail(name, `field name must match ${NAME}, got ${JSON.stringify(f)}`);
    if (RESERVED.has(f)) fail(name, `field name "${f}" is reserved`);
    const o = def.options;
    const keyFlags = [o.pk, o.sk, o.gsi].filter(Boolean).length;
    if (keyFlags > 1) fail(name, `field "${f}" can be only one of pk, sk, gsi`);
    if ((o.pk || o.sk) && o.optional) fail(name, `key field "${f}" cannot be optional`);
    if (keyFlags && (def.kind === "json" || def.kind === "list")) fail(name, `key field "${f}" must be a scalar, got ${def.kind}`);
    if (o.identifier !== undefined && (!o.identifier || /[#\\]/.test(o.identifier))) {
      fail(name, `identifier of "${f}" must be non-empty and without "#" or "\\", got ${JSON.stringify(o.identifier)}`);
    }
  }
  const pk = part("pk");
  if (pk.length === 0) fail(name, "at least one field needs { pk: true }");
  const versionFields = fieldNames.filter((f) => (fields[f]!.options as { version?: boolean }).version);
  if (versionFields.length > 1) fail(name, `only one version field is allowed, got ${versionFields.join(", ")}`);

  return Object.freeze({
    name,
    suffix,
    options: Object.freeze({ ...options }),
    fields: Object.freeze({ ...fields }) as Fs,
    fieldNames: Object.freeze(fieldNames),
    pk: Object.freeze(pk),
    sk: Object.freeze(part("sk")),
    gsi: Object.freeze(part("gsi")),
    versionField: versionFields[0],
  });
}
