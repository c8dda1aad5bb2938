import type { Field } from "./fields.js";

/** A model's field definitions, as given to `defineModel`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: any field of any value type
export type AnyField = Field<any, any>;
export type Fields = Record<string, AnyField>;

export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value type of one field. */
export type ValueOf<F> = F extends Field<infer T, infer _O> ? T : never;

type OptionsOf<F> = F extends Field<infer _T, infer O> ? O : never;
type HasFlag<F, K extends string> = OptionsOf<F> extends Record<K, true> ? true : false;
type HasDefault<F> = OptionsOf<F> extends { default: unknown } ? true : OptionsOf<F> extends { autoNow: true } | { autoNowAdd: true } | { version: true } ? true : false;

type NamesWhere<Fs, Flag extends string> = { [K in keyof Fs]: HasFlag<Fs[K], Flag> extends true ? K : never }[keyof Fs] & string;
export type OptionalNames<Fs> = NamesWhere<Fs, "optional">;
/** The optimistic-locking field: written by the library, never by callers. */
export type VersionNames<Fs> = NamesWhere<Fs, "version">;
type InputOptionalNames<Fs> = { [K in keyof Fs]: HasFlag<Fs[K], "optional"> extends true ? K : HasDefault<Fs[K]> extends true ? K : never }[keyof Fs] & string;

export type PkNames<Fs> = NamesWhere<Fs, "pk">;
export type SkNames<Fs> = NamesWhere<Fs, "sk">;
export type GsiNames<Fs> = NamesWhere<Fs, "gsi">;
export type KeyNames<Fs> = PkNames<Fs> | SkNames<Fs>;

/** Accepts a model class or its fields, so `ItemOf<typeof User>` reads naturally. */
export type FieldsOf<X> = X extends { readonly fields: infer Fs extends Fields } ? Fs : X extends Fields ? X : never;

/** A stored item: required fields always present, optional ones possibly absent. */
export type ItemOf<X, Fs = FieldsOf<X>> = Simplify<
  { -readonly [K in Exclude<keyof Fs & string, OptionalNames<Fs>>]: ValueOf<Fs[K]> } & {
    -readonly [K in OptionalNames<Fs>]?: ValueOf<Fs[K]>;
  }
>;

/** What `new Model(...)` and `create` accept: fields with defaults or `optional` may be omitted. */
export type InputOf<X, Fs = FieldsOf<X>> = Simplify<
  { [K in Exclude<keyof Fs & string, InputOptionalNames<Fs>>]: ValueOf<Fs[K]> } & {
    [K in InputOptionalNames<Fs>]?: ValueOf<Fs[K]>;
  }
>;

/** The primary key: every pk and sk field. */
export type KeyOf<X, Fs = FieldsOf<X>> = Simplify<{ [K in KeyNames<Fs>]: ValueOf<Fs[K]> }>;
/** The partition: every pk field. */
export type PartitionOf<X, Fs = FieldsOf<X>> = Simplify<{ [K in PkNames<Fs>]: ValueOf<Fs[K]> }>;
/** Values accepted by `using(...)`: any subset of fields; which are needed depends on the index. */
export type UsingOf<X, Fs = FieldsOf<X>> = Simplify<{ [K in keyof Fs & string]?: ValueOf<Fs[K]> }>;
/** Sort-key values: a prefix of the sk fields, in order. */
export type SortKeyOf<X, Fs = FieldsOf<X>> = Simplify<{ [K in SkNames<Fs>]?: ValueOf<Fs[K]> }>;
