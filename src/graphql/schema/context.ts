import type { SchemaTypes } from "@pothos/core";
import type { Loaders } from "../../loader/context.js";
import type { PageSizeLimits } from "../args.js";
import type { ModelAuth } from "../auth/model-auth.js";
import type { ModelNames } from "../naming.js";
import type { AnyModel, Relation } from "../relations.js";
import type { SingleRelations } from "../resolve/single-relation.js";

export type Builder = PothosSchemaTypes.SchemaBuilder<SchemaTypes>;
/** A Pothos type reference; the derived schema is built at run time, so refs are untyped here. */
export type Ref = PothosSchemaTypes.ObjectRef<SchemaTypes, unknown> | string | object;

/** The types derived from one model. */
export interface ModelRefs {
  object: PothosSchemaTypes.ObjectRef<SchemaTypes, unknown>;
  connection: Ref;
  filter: Ref;
  sortKey: Ref | null;
}

/** Shared refs of one builder's derived schema. */
export interface SchemaContext {
  builder: Builder;
  pageLimits: PageSizeLimits;
  /** The loaders resolvers pass to the ORM: the operation's (kept on its context), or undefined without batching. */
  loaders(context: unknown): Loaders | undefined;
  /** Row-level rules per model name; every path that reaches a model's items asks them. */
  auth: ReadonlyMap<string, ModelAuth>;
  /** Read guards by `Type.field`: a guarded field is nullable, since it may be refused. */
  guards: ReadonlyMap<string, unknown>;
  /** Model fields hidden, per model: out of every output and input type. */
  hidden: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Model fields hidden or guarded, per model: filters leave them out, or a client could
   * learn their values by filtering on them.
   */
  restricted: ReadonlyMap<string, ReadonlySet<string>>;
  models: ReadonlyMap<string, AnyModel>;
  names: ReadonlyMap<string, ModelNames>;
  relations: ReadonlyMap<string, Readonly<Record<string, Relation>>>;
  /** The belongsTo/hasOne fields per model name: resolved by their field, preloaded by a page of nodes. */
  singleRelations: Map<string, SingleRelations>;
  /** Type refs per model name. */
  refs: Map<string, ModelRefs>;
  /** Enum refs by `Model.field`. */
  enums: Map<string, Ref>;
  /** Filter input refs by name, shared across models. */
  filters: Map<string, Ref>;
  node: Ref;
  pageInfo: Ref;
}
