import { createYoga } from "graphql-yoga";
import { defineModel, field } from "../../../src/index.js";
import { belongsTo, buildSchema, hasMany, hasOne } from "../../../src/graphql/index.js";
import type { GraphQLResponse } from "../../support/graphql.js";

/** Who calls: an admin, a shopper confined to their customer partition, or nobody. */
export type Caller = { role: "admin" } | { role: "shopper"; id: string } | { role: "anonymous" };
export interface AppContext {
  caller: Caller;
}

export const Customer = defineModel("Customer", { customer_id: field.string({ pk: true }), name: field.string() }, { suffix: "CUSTOMER" });
export const Profile = defineModel("Profile", { customer_id: field.string({ pk: true }), bio: field.string() }, { suffix: "PROFILE" });
export const Order = defineModel(
  "Order",
  {
    customer_id: field.string({ pk: true }),
    order_id: field.string({ sk: true, identifier: "O" }),
    product_id: field.string({ gsi: true }),
    status: field.enum(["PENDING", "PAID", "CANCELLED"], { default: "PENDING" }),
    note: field.string({ optional: true }),
  },
  { suffix: "CUSTOMER" },
);
export const Product = defineModel(
  "Product",
  { product_id: field.string({ pk: true }), category: field.string({ gsi: true }), name: field.string(), draft: field.boolean({ default: false }) },
  { suffix: "PRODUCT" },
);

const isAdmin = (ctx: AppContext) => ctx.caller.role === "admin";
/** Shoppers see their own partition, admins all, anonymous callers none. */
const ownPartition = (ctx: AppContext) => (ctx.caller.role === "admin" ? null : ctx.caller.role === "shopper" ? { customer_id: ctx.caller.id } : false);

export const rules = {
  Customer: { scope: ownPartition },
  Profile: { scope: ownPartition },
  Order: {
    scope: ownPartition,
    // Cancelled orders are for admins only: left out of every page and relation.
    read: (ctx: AppContext, order: { status: string }) => isAdmin(ctx) || order.status !== "CANCELLED",
    create: (ctx: AppContext, input: { status?: string }) => isAdmin(ctx) || (input.status ?? "PENDING") === "PENDING",
    // Shoppers may only change the note.
    update: (ctx: AppContext, _order: unknown, input: object) => isAdmin(ctx) || Object.keys(input).every((k) => k === "note"),
    delete: isAdmin,
  },
  Product: {
    read: (ctx: AppContext, product: { draft: boolean }) => isAdmin(ctx) || !product.draft,
    create: isAdmin,
    update: isAdmin,
    delete: isAdmin,
  },
};

export const schema = buildSchema({
  models: [Customer, Profile, Order, Product],
  relations: {
    Customer: { orders: hasMany(Order), profile: hasOne(Profile) },
    Order: { customer: belongsTo(Customer), product: belongsTo(Product) },
    Product: { orders: hasMany(Order, { index: true }) },
  },
  rules,
});

/** A yoga server whose context carries the caller named by the `x-caller` test header. */
export function authClient() {
  const yoga = createYoga<object, AppContext>({
    schema,
    maskedErrors: true,
    logging: false,
    context: ({ request }) => ({ caller: JSON.parse(request.headers.get("x-caller") ?? '{"role":"anonymous"}') as Caller }),
  });
  return async function request<D = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>> {
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-caller": JSON.stringify(caller) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<D>, "status">) };
  };
}
