export { currentLoaders, runWithLoaders, type Loaders } from "./context.js";
export { createLoaders, withLoaders, type LoaderOptions } from "./scope.js";
export { prefetchPartition } from "./prefetch.js";
export type { OperationCost } from "./budget.js";
