import type { StandardSchemaV1 } from "./standard-schema.js";

export type FieldKind = "string" | "number" | "int" | "boolean" | "json" | "list" | "datetime" | "enum";

/** Options every field kind accepts. */
export interface FieldOptions<T> {
  /** Part of the partition key (PK), in field order. */
  pk?: boolean;
  /** Part of the sort key (SK), in field order. */
  sk?: boolean;
  /** Part of the GSI1 partition key (GSI1PK), in field order. */
  gsi?: boolean;
  /**
   * The prefix written before this field's value in keys.
   * @default the first letter of the field name, upper-cased
   */
  identifier?: string;
  /** Used when the input omits the field; a function is called once per new instance. */
  default?: T | (() => T);
  /** The field may be absent. Key fields (pk, sk) cannot be optional. */
  optional?: boolean;
  /** Any Standard Schema validator (zod, valibot, arktype), run before every write. */
  validate?: StandardSchemaV1;
  /** A short description, shown in the GraphQL schema. */
  description?: string;
}

export interface DatetimeOptions extends FieldOptions<string> {
  /** Set to the current time when the item is first created (Django's `auto_now_add`). */
  autoNowAdd?: boolean;
  /** Set to the current time on every write (Django's `auto_now`). */
  autoNow?: boolean;
}

export interface NumberOptions extends FieldOptions<number> {
  /** Optimistic locking: checked against the stored value and incremented on every write. */
  version?: boolean;
}

/**
 * A field definition. `T` is the value type; `O` keeps the literal options so that the
 * item types (`ItemOf`, `InputOf`, `KeyOf`) are inferred from the definition.
 */
export interface Field<T = unknown, O = FieldOptions<T>> {
  readonly kind: FieldKind;
  readonly options: O & FieldOptions<T>;
  /** Allowed values of an enum field. */
  readonly values?: readonly string[];
  /** Phantom: carries `T` for inference, never set. */
  readonly __value?: T;
}

function make<T, O>(kind: FieldKind, options: O | undefined, values?: readonly string[]): Field<T, O> {
  const opts = { ...(options ?? {}) } as O & FieldOptions<T>;
  return Object.freeze(values ? { kind, options: opts, values } : { kind, options: opts });
}

/**
 * A field whose value type can be narrowed after its options were inferred. `Base` bounds the
 * narrowed type: `object` for json, so that interfaces (which have no index signature) fit.
 */
export type TypedField<T, O, Base = T> = Field<T, O> & { $type<U extends Base>(): Field<U, O> };

function typed<T, O, Base = T>(f: Field<T, O>): TypedField<T, O, Base> {
  return Object.freeze({ ...f, $type: <U extends Base>() => f as unknown as Field<U, O> });
}

// Overloads: an explicit element type takes no options, so `field.json<T>({ optional: true })`
// fails to compile instead of silently losing the inferred options.
function jsonField<T extends object>(): Field<T, {}>;
function jsonField<const O extends FieldOptions<Record<string, unknown>> = {}>(options: O): TypedField<Record<string, unknown>, O, object>;
function jsonField(options?: FieldOptions<Record<string, unknown>>): TypedField<Record<string, unknown>, FieldOptions<Record<string, unknown>>, object> {
  return typed(make("json", options));
}

function listField<T = unknown>(): Field<T[], {}>;
function listField<const O extends FieldOptions<unknown[]> = {}>(options: O): TypedField<unknown[], O>;
function listField(options?: FieldOptions<unknown[]>): TypedField<unknown[], FieldOptions<unknown[]>> {
  return typed(make("list", options));
}

/** Field constructors: `field.string({ pk: true })`, `field.int()`, `field.json<Address>()`, `field.enum(["a", "b"])`. */
export const field = {
  string: <const O extends FieldOptions<string> = {}>(options?: O) => make<string, O>("string", options),
  number: <const O extends NumberOptions = {}>(options?: O) => make<number, O>("number", options),
  /**
   * A whole number from -2^31 to 2^31-1 (GraphQL's `Int`, 32-bit signed); other values are a
   * ValidationError. For larger integers use `field.number()` (`Float`, exact to 2^53).
   */
  int: <const O extends NumberOptions = {}>(options?: O) => make<number, O>("int", options),
  boolean: <const O extends FieldOptions<boolean> = {}>(options?: O) => make<boolean, O>("boolean", options),
  /** An ISO-8601 date-time string. */
  datetime: <const O extends DatetimeOptions = {}>(options?: O) => make<string, O>("datetime", options),
  /**
   * A map stored as a DynamoDB M attribute: `field.json<Address>()`, or with options
   * `field.json({ optional: true }).$type<Address>()` (options stay inferred that way).
   */
  json: jsonField,
  /** A list stored as a DynamoDB L attribute: `field.list<string>()`, or `field.list({ default: () => [] }).$type<string[]>()`. */
  list: listField,
  enum: <const V extends readonly [string, ...string[]], const O extends FieldOptions<V[number]> = {}>(values: V, options?: O) =>
    make<V[number], O>("enum", options, values),
};
