import type { GraphQLSchema } from "graphql";
import { DEFAULT_LIMITS, type OperationLimits } from "./limits.js";

/** The limits each schema was built with, so server plugins need not be told them twice. */
const bySchema = new WeakMap<GraphQLSchema, OperationLimits>();

export function recordSchemaLimits(schema: GraphQLSchema, limits: OperationLimits): void {
  bySchema.set(schema, limits);
}

/**
 * The limits a server applies to `schema`: the defaults, then the ones the schema was built
 * with (`buildSchema({ limits })`), then `overrides`.
 */
export function limitsFor(schema: GraphQLSchema | undefined, overrides: Partial<OperationLimits> = {}): OperationLimits {
  return { ...DEFAULT_LIMITS, ...(schema && bySchema.get(schema)), ...overrides };
}
