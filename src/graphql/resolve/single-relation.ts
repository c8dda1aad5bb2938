import type { GraphQLResolveInfo } from "graphql";
import type { Loaders } from "../../loader/context.js";
import type { ModelAuth } from "../auth/model-auth.js";
import type { AnyModel, Relation } from "../relations.js";
import { relationValuesReader } from "../relations.js";
import { fieldsUnder, selectedFields } from "../selection.js";
import { SharedGets } from "./shared-gets.js";

type Values = Readonly<Record<string, unknown>>;

/** One belongsTo/hasOne field of a model: the target's key read off a node, and its get shared across the operation. */
export class SingleRelation {
  readonly #values: (item: Values) => Record<string, unknown> | null;
  readonly #gets: SharedGets;

  constructor(
    source: AnyModel,
    name: string,
    relation: Relation,
    private readonly auth: ModelAuth,
    private readonly loaders: (context: unknown) => Loaders | undefined,
  ) {
    this.#values = relationValuesReader(source.meta, name, relation);
    this.#gets = new SharedGets(relation.target);
  }

  /** The target of `node` the caller may see, or null: a value once it was fetched, else a promise. */
  resolve(node: object, context: unknown): object | null | Promise<object | null> {
    // Field values are own properties of the instance: read them in place, no copy per node.
    const key = this.#values(node as Values);
    return key && this.auth.inScope(context, key) ? this.auth.readable(context, this.#gets.find(this.loaders(context), key)) : null;
  }

  /** Starts the gets of every node's target at once, adding to `pending` those not settled yet. */
  preload(nodes: readonly unknown[], context: unknown, pending: Set<Promise<unknown>>): void {
    const loaders = this.loaders(context);
    if (!loaders) return;
    for (const node of nodes) {
      const key = this.#values(node as Values);
      if (!key || !this.auth.inScope(context, key)) continue;
      const found = this.#gets.find(loaders, key);
      if (found instanceof Promise) pending.add(found);
    }
  }
}

/** The belongsTo/hasOne fields of one model, by field name. */
export type SingleRelations = ReadonlyMap<string, SingleRelation>;

/**
 * Gets, before a page's nodes are returned, every target their selected belongsTo/hasOne
 * fields name (`under` is the connection field: `nodes`, or `edges` whose `node` holds them).
 * Those fields then resolve to values: graphql-js completes each node without a promise per
 * node and relation, instead of awaiting one per field. The gets are those the fields would
 * send (batched in the same tick); a failed one is reported by its field, as before.
 * Fields with a read guard are left to resolve on their own: the guard decides first.
 */
export function preloadNodeTargets(relations: SingleRelations, guarded: (field: string) => boolean, nodes: readonly unknown[], context: unknown, info: GraphQLResolveInfo, under: "nodes" | "edges"): Promise<unknown> | undefined {
  if (relations.size === 0 || nodes.length === 0) return undefined;
  const top = selectedFields(info);
  const fields = under === "nodes" ? top : fieldsUnder(info, top, "node");
  const pending = new Set<Promise<unknown>>();
  const seen = new Set<string>();
  for (const field of fields) {
    const name = field.name.value;
    const relation = relations.get(name);
    if (!relation || seen.has(name) || guarded(name)) continue;
    seen.add(name);
    relation.preload(nodes, context, pending);
  }
  return pending.size ? settled(pending) : undefined;
}

/** Resolves once every promise settled, never rejects: `Promise.allSettled` without a result object per promise. */
function settled(promises: Set<Promise<unknown>>): Promise<void> {
  return new Promise((resolve) => {
    let left = promises.size;
    const one = () => --left === 0 && resolve();
    for (const promise of promises) promise.then(one, one);
  });
}
