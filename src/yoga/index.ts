// graphql-yoga plugins, in their own entry so that `single-table-orm/graphql` (and its
// .d.ts) never loads graphql-yoga: apps that serve the schema another way need not install it.
export { useStormCost, type StormCostOptions } from "./use-cost.js";
export { useStormIntrospection, type IntrospectionOptions } from "./use-introspection.js";
export { useStormLimits } from "./use-limits.js";
export { useStormParserLimit } from "./use-parser-limit.js";
