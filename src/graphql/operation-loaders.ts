import { createLoaders, type LoaderOptions } from "../loader/index.js";
import { runWithLoaders, type Loaders } from "../loader/context.js";

/**
 * Loaders live for one GraphQL operation: keyed on its context object, so any server
 * (yoga, Apollo, plain `graphql()`) gets batching with no context setup.
 */
const byContext = new WeakMap<object, Loaders>();

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

/** Runs a resolver with its operation's loaders active; `options` apply when they are created. */
export function inOperation<T>(context: unknown, fn: () => T, options: LoaderOptions = {}): T {
  return runWithLoaders(loadersFor(context, options), fn);
}
