import { createLoaders, type LoaderOptions } from "../loader/index.js";
import { noCost, type OperationCost } from "../loader/budget.js";
import type { Loaders } from "../loader/context.js";

/**
 * Loaders live for one GraphQL operation: keyed on its context object, so any server
 * (yoga, Apollo, plain `graphql()`) gets batching with no context setup. Resolvers hand
 * them to the ORM explicitly: no AsyncLocalStorage, whose promise hooks would slow the
 * whole process.
 */
const byContext = new WeakMap<object, Loaders>();

/** The loaders of the operation `context` belongs to; `options` apply when they are created. */
export function loadersFor(context: unknown, options: LoaderOptions = {}): Loaders {
  // Without a context object there is no operation to scope a cache to: never share one.
  if (typeof context !== "object" || context === null) return createLoaders(options);
  let loaders = byContext.get(context);
  if (!loaders) {
    loaders = createLoaders(options);
    byContext.set(context, loaders);
  }
  return loaders;
}

/**
 * Forgets the loaders of `context`. A subscription executes once per event on one context:
 * each event must read afresh (a cache would answer with what an earlier event read) and
 * spend its own request budget.
 */
export function dropLoaders(context: unknown): void {
  if (typeof context === "object" && context !== null) byContext.delete(context);
}

/**
 * The loaders of the GraphQL operation `context` belongs to, for fields you add to the
 * derived schema: ORM calls made under `runWithLoaders(operationLoaders(ctx), fn)` join the
 * operation's batches, caches and request budget.
 * @example resolve: (order, _, ctx) => runWithLoaders(operationLoaders(ctx), () => Customer.objects.find({ customer_id: order.customer_id }))
 */
export function operationLoaders(context: object): Loaders {
  return loadersFor(context);
}

/**
 * What the GraphQL operation `context` belongs to really cost in DynamoDB so far: requests
 * by command, consumed capacity, items read, time waiting. An operation that sent nothing
 * (or ran with batching off, so without loaders) cost nothing.
 */
export function operationCost(context: object): OperationCost {
  return byContext.get(context)?.cost ?? noCost();
}
