import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { belongsTo, buildSchema, hasMany, type RulesOf, type SubscriptionOptions } from "../src/graphql/index.js";
import { exampleRules, type ExampleContext } from "./auth.js";
import { changes } from "./changes.js";
import { Customer, models, Order, Product } from "./models.js";

/**
 * `Customer.orders` reads the customer's own partition; `Order.customer` builds the
 * customer's key from the order's `customer_id`; `Order.product` maps `product_id`
 * explicitly (it would also match by name), crossing to the product's partition.
 */
export const relations = {
  Customer: { orders: hasMany(Order) },
  Order: {
    customer: belongsTo(Customer),
    product: belongsTo(Product, { product_id: "product_id" }),
  },
};

/**
 * Subscriptions (`orderChanged`, `ordersChanged`, ...) from the changes the stream reader
 * publishes (main.ts starts it); at most 10 open per shopper (and for admins together).
 */
const subscriptions: SubscriptionOptions = {
  pubsub: changes,
  // Anonymous callers cannot be told apart: only the per-process limit holds them.
  callerKey: ({ caller }: ExampleContext) => (caller.role === "shopper" ? caller.customerId : caller.role === "admin" ? "admin" : undefined),
};

/**
 * The example's complete GraphQL schema: queries, mutations, subscriptions and relations, no
 * resolvers written. The server passes `exampleRules` (callers confined to their own data); without
 * rules every caller reads everything, as the request-count tests and benchmarks do.
 */
export function buildExampleSchema(options: { rules?: RulesOf<typeof models, ExampleContext> } = {}): GraphQLSchema {
  return buildSchema({ models: [...models], relations, subscriptions, ...(options.rules ? { rules: options.rules } : {}) });
}

/** The schema as SDL, types sorted by name so the committed `schema.graphql` diffs cleanly. */
export function exampleSdl(): string {
  return `${printSchema(lexicographicSortSchema(buildExampleSchema({ rules: exampleRules })))}\n`;
}
