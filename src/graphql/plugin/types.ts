import type { SchemaTypes } from "@pothos/core";
import type { InstanceOf } from "../../model/model-types.js";
import type { RulesOf } from "../auth/types.js";
import type { SubscriptionOptions } from "../subscriptions/options.js";
import type { OperationLimits } from "../limits/limits.js";
import type { AnyModel, Relation } from "../relations.js";

/** The scalars the derived schema uses; declare them in your builder's types. */
export type StormScalars = {
  JSON: { Input: unknown; Output: unknown };
  DateTime: { Input: string; Output: string };
};

/** Pothos schema types for a builder that only hosts STORM models. */
export type StormSchemaTypes = {
  Context: object;
  Scalars: StormScalars;
};

/** Returns false (or throws) to refuse: the field answers a FORBIDDEN error. */
export type Guard = (parent: unknown, args: Record<string, unknown>, context: unknown) => boolean | Promise<boolean>;

/** The generated mutation a write guard is asked about. */
export type WriteOperation = "create" | "update";

/**
 * Whether a client may set a field through `createX(input)` or `updateX(key, input)`. Called
 * only when `input` sets the field (on update, an explicit null counts: it removes the
 * value), with the mutation's `input`, all its arguments (`key` on update), the context and
 * the operation. Returns false (or throws) to refuse: the mutation answers FORBIDDEN and
 * writes nothing.
 */
export type WriteGuard = (input: Record<string, unknown>, args: Record<string, unknown>, context: unknown, operation: WriteOperation) => boolean | Promise<boolean>;

/** The read and write guards of one field, declared apart; a side left out is open. */
export interface FieldGuard {
  read?: Guard;
  write?: WriteGuard;
}

type ModelName<Ms extends readonly AnyModel[]> = Ms[number]["modelName"];
type FieldNameOf<Ms extends readonly AnyModel[], N> = keyof Extract<Ms[number], { modelName: N }>["fields"] & string;

/** Options of `buildSchema` and `builder.stormModels`. */
export interface StormModelsOptions<Ms extends readonly AnyModel[] = readonly AnyModel[]> {
  /** The models to expose. */
  models: Ms;
  /**
   * Row-level rules per model (`scope`, `read`, `create`, `update`, `delete`; see
   * `ModelRules`), applied on every path that reaches the model's items: root fields,
   * connections, relations, `node` and mutation results. Rules see the GraphQL context.
   * @example rules: { Order: { scope: (ctx: AppContext) => (ctx.admin ? null : { customer_id: ctx.userId }) } }
   */
  rules?: RulesOf<Ms>;
  /** Relation fields per model: `{ Customer: { orders: hasMany(Order) } }`. */
  relations?: { [N in ModelName<Ms>]?: Record<string, Relation> };
  /**
   * Model fields left out of every output and input type (and filters): only server code
   * writes them. `{ User: ["password_hash"] }`. Key fields cannot be hidden.
   */
  hide?: { [N in ModelName<Ms>]?: readonly FieldNameOf<Ms, N>[] };
  /** Output names for model fields: `{ User: { name: "fullName" } }`. */
  rename?: { [N in ModelName<Ms>]?: Partial<Record<FieldNameOf<Ms, N>, string>> };
  /**
   * Guards per type (or model) and output field, including root fields. A function guards
   * both reads of the field and writes of it through the generated mutations (see
   * `WriteGuard` for how it is called then); `{ read, write }` declares them apart.
   * Key fields cannot be guarded.
   * `{ User: { email: (user, args, ctx) => isAdmin(ctx), role: { write: (input, args, ctx) => isAdmin(ctx) } }, Mutation: { deleteUser: ... } }`.
   */
  guard?: Record<string, Record<string, Guard | FieldGuard>>;
  /**
   * Batch and deduplicate reads per operation, and read a parent with its same-partition
   * children in one Query. Off, every field makes its own requests (for comparison only).
   * @default true
   */
  batching?: boolean;
  /** Generate create/update/delete mutations. @default true */
  mutations?: boolean;
  /** Depth, alias, token and cost limits per operation. */
  limits?: Partial<OperationLimits>;
  /**
   * Subscription fields fed by the table's DynamoDB Stream: `orderChanged(<key>)` and
   * `ordersChanged(<pk>)`, each event `{ kind, node, previous }`, with the model's rules
   * applied to every event. Off (no Subscription type) unless given.
   * @default undefined
   * @example subscriptions: { pubsub } // createPubSub() that a StreamReader publishes to with publishTo(pubsub)
   */
  subscriptions?: SubscriptionOptions;
}

/** The object type refs `stormModels` returns, typed from the models, to add fields to. */
export type StormRefs<Types extends SchemaTypes, Ms extends readonly AnyModel[]> = {
  [M in Ms[number] as M["modelName"]]: PothosSchemaTypes.ObjectRef<Types, InstanceOf<M>>;
};
