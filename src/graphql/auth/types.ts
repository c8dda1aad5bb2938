import type { InstanceOf } from "../../model/model-types.js";
import type { FieldsOf, InputOf, PartitionOf } from "../../model/types.js";
import type { UpdateOf } from "../../ops/write/update.js";
import type { AnyModel } from "../relations.js";

/**
 * What a `scope` rule answers for one caller: the pk values the caller is confined to
 * (some or all pk fields), `null`/`undefined` for no confinement (an admin), or `false` for
 * no partition at all (an anonymous caller: nothing of the model is read or written).
 */
export type ScopeOf<M extends AnyModel> = Partial<PartitionOf<M>> | null | undefined | false;

/**
 * Row-level rules of one model. Each rule is synchronous and decides from the GraphQL
 * context and what is already at hand (the item read, the input sent), so a rule never
 * costs a DynamoDB request. Returning false refuses: a read answers as if the item did not
 * exist (null, or left out of a page), a write is FORBIDDEN and sends nothing.
 *
 * @example
 * rules: {
 *   Order: {
 *     scope: (ctx: AppContext) => (ctx.user?.role === "admin" ? null : ctx.user ? { customer_id: ctx.user.id } : false),
 *     read: (ctx: AppContext, order) => order.status !== "CANCELLED" || ctx.user?.role === "admin",
 *   },
 * }
 */
export interface ModelRules<M extends AnyModel = AnyModel, Ctx = unknown> {
  /**
   * Confines the caller to partitions, from the context alone: checked on keys BEFORE any
   * request (a read elsewhere answers null or an empty page with 0 requests, a write
   * elsewhere is FORBIDDEN). The model's pk arguments become optional and default to it.
   * @example scope: (ctx) => ({ customer_id: ctx.userId })
   */
  scope?(context: Ctx): ScopeOf<M>;
  /** Whether the caller may see this item, on every path that returns it. */
  read?(context: Ctx, item: InstanceOf<M>): boolean;
  /** Whether the caller may create an item from this input (defaults applied, not yet written). */
  create?(context: Ctx, input: InputOf<M>): boolean;
  /** Whether the caller may apply `input` to the stored `item` (read just before the write). */
  update?(context: Ctx, item: InstanceOf<M>, input: UpdateOf<FieldsOf<M>>): boolean;
  /** Whether the caller may delete the stored `item` (read just before the write). */
  delete?(context: Ctx, item: InstanceOf<M>): boolean;
}

/** Rules per model name, typed from the models. */
export type RulesOf<Ms extends readonly AnyModel[], Ctx = unknown> = {
  [M in Ms[number] as M["modelName"]]?: ModelRules<M, Ctx>;
};
