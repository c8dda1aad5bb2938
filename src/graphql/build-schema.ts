import SchemaBuilder from "@pothos/core";
import type { GraphQLSchema } from "graphql";
import { StormPlugin } from "./plugin/index.js";
import type { StormModelsOptions, StormSchemaTypes } from "./plugin/types.js";
import type { AnyModel } from "./relations.js";

/**
 * A complete GraphQL schema from models alone: object types, queries, mutations, relations,
 * Relay connections and filters. Serve it with `createYoga({ schema })`; no context setup.
 *
 * @example
 * const schema = buildSchema({ models: [Customer, Order], relations: { Customer: { orders: hasMany(Order) } } });
 */
export function buildSchema<const Ms extends readonly AnyModel[]>(options: StormModelsOptions<Ms>): GraphQLSchema {
  const builder = new SchemaBuilder<StormSchemaTypes>({ plugins: [StormPlugin] });
  builder.stormModels(options);
  return builder.toSchema({ sortSchema: false });
}
