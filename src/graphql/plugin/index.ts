import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from "graphql";
import { toClientError } from "../errors.js";
import { checkOperationLimits } from "../limits/check.js";
import { requestBudget } from "../limits/limits.js";
import { recordSchemaLimits } from "../limits/schema-limits.js";
import { loadersFor } from "../operation-loaders.js";
import { authorized } from "./guards.js";
import { stormStateOf } from "./state.js";
import { stormModels } from "./schema-builder.js";
import type { Guard } from "./types.js";
import "./global-types.js";

const rejectAsClientError = (error: unknown): never => {
  throw toClientError(error);
};

/** Resolver results may be values or promises; errors of both kinds become client errors. */
function mapErrors<P, A, C>(resolve: (parent: P, args: A, context: C, info: GraphQLResolveInfo) => unknown, parent: P, args: A, context: C, info: GraphQLResolveInfo): unknown {
  try {
    const result = resolve(parent, args, context, info);
    return result instanceof Promise ? result.catch(rejectAsClientError) : result;
  } catch (error) {
    throw toClientError(error);
  }
}

/**
 * The STORM Pothos plugin: adds `builder.stormModels(...)`, and wraps resolvers so each
 * finds its operation's loaders made (with the request budget), honours read and write guards, maps ORM errors to client codes, and
 * (on root fields) checks the operation's depth, alias, token and cost limits.
 */
export class PothosStormPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  /** Remembers the schema's limits for the server plugins (`useStormLimits`). */
  override afterBuild(schema: GraphQLSchema): GraphQLSchema {
    recordSchemaLimits(schema, stormStateOf(this.builder).limits);
    return schema;
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const state = stormStateOf(this.builder);
    const isRoot = fieldConfig.kind === "Query" || fieldConfig.kind === "Mutation" || fieldConfig.kind === "Subscription";
    const coordinate = `${fieldConfig.parentType}.${fieldConfig.name}`;
    const rules = { guard: (fieldConfig.pothosOptions as { stormGuard?: Guard }).stormGuard ?? state.guards.get(coordinate), write: state.writeChecks.get(coordinate) };
    const checked = !!(rules.guard || rules.write);
    const budget = requestBudget(state.limits);
    // Plain field reads are the hot path (one call per field per item): leave them bare.
    if (fieldConfig.extensions?.stormPlain && !checked) return resolver;
    return (parent, args, context, info) => {
      if (isRoot) checkOperationLimits(info, state.limits);
      // Resolvers pass the loaders to the ORM themselves; none runs inside an async context.
      if (state.batching) loadersFor(context, budget);
      // No closure per call on the unchecked path: relation fields run once per node of a page.
      if (!checked) return mapErrors(resolver, parent, args, context, info);
      return mapErrors((p, a, c, i) => authorized(rules, p, a as Record<string, unknown>, c, () => resolver(p, a, c, i)), parent, args, context, info);
    };
  }
}

/** The plugin's name, for `new SchemaBuilder({ plugins: [StormPlugin] })`. */
export const StormPlugin = "storm" as const;

SchemaBuilder.registerPlugin(StormPlugin, PothosStormPlugin);
const proto = SchemaBuilder.prototype as PothosSchemaTypes.SchemaBuilder<SchemaTypes>;
proto.stormModels = function (this: PothosSchemaTypes.SchemaBuilder<SchemaTypes>, options) {
  return stormModels(this, options);
} as typeof proto.stormModels;

