import SchemaBuilder from "@pothos/core";
import { executionAsyncId } from "node:async_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { Customer, Order, Product } from "../../example-server/models.js";
import { relations } from "../../example-server/schema.js";
import { operationLoaders, StormPlugin, type StormScalars } from "../../src/graphql/index.js";
import { currentLoaders, runWithLoaders } from "../../src/index.js";
import { graphqlClient } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";

/**
 * Whether Node's promise hooks are on (AsyncLocalStorage turns them on for the whole
 * process): without them, a promise reaction runs with execution async id 0.
 */
function promiseHooksOn(): Promise<boolean> {
  return new Promise((resolve) => void Promise.resolve().then(() => resolve(executionAsyncId() !== 0)));
}

/** What the probe fields saw while they ran. */
const seen: { storeInResolver: unknown[]; hooksInResolver: boolean[] } = { storeInResolver: [], hooksInResolver: [] };

function probedSchema() {
  const builder = new SchemaBuilder<{ Context: object; Scalars: StormScalars }>({ plugins: [StormPlugin] });
  const refs = builder.stormModels({ models: [Customer, Order, Product], relations });
  builder.objectField(refs.Order, "probe", (t) =>
    t.boolean({
      resolve: async () => {
        seen.storeInResolver.push(currentLoaders());
        seen.hooksInResolver.push(await promiseHooksOn());
        return true;
      },
    }),
  );
  // A field you add joins the operation's batches by naming its loaders.
  builder.objectField(refs.Order, "sameProduct", (t) =>
    t.string({
      nullable: true,
      resolve: (order, _args, ctx) => runWithLoaders(operationLoaders(ctx), async () => (await Product.objects.find({ product_id: order.product_id }))?.name ?? null),
    }),
  );
  return builder.toSchema();
}

let env: Awaited<ReturnType<typeof useFreshTable>>;

beforeAll(async () => {
  env = await useFreshTable();
  for (let p = 0; p < 3; p++) await Product.objects.create({ product_id: `p${p}`, category: "BOOKS", name: `Product ${p}`, price: 10 });
  await Customer.objects.create({ customer_id: "c1", name: "Ada", email: "ada@example.com" });
  for (let i = 0; i < 6; i++) await Order.objects.create({ customer_id: "c1", order_id: `o${i}`, product_id: `p${i % 3}`, quantity: 1, total: 10 });
});

describe("the GraphQL path without AsyncLocalStorage", () => {
  it("leaves Node's promise hooks off for a whole operation (when nothing else in the process turned them on)", async () => {
    // Other code in this worker may have turned them on already; then nothing can be told.
    if (await promiseHooksOn()) return;
    seen.hooksInResolver.length = 0;
    const gql = graphqlClient(probedSchema());
    const response = await gql(`{ orders(customer_id: "c1", first: 3) { nodes { probe customer { name } product { name } } } }`);
    expect(response.errors).toBeUndefined();
    expect(seen.hooksInResolver).toEqual([false, false, false]);
    expect(await promiseHooksOn()).toBe(false);
  });

  it("runs resolvers with no loader scope in async context, while gets still batch and the look-ahead still plans", async () => {
    seen.storeInResolver.length = 0;
    const gql = graphqlClient(probedSchema());
    env.requests.reset();
    const response = await gql(`{
      customer(customer_id: "c1") { name orders(first: 6) { nodes { order_id probe product { name } } } }
      again: orders(customer_id: "c1", first: 2) { nodes { probe } }
    }`);
    expect(response.errors).toBeUndefined();
    const customer = (response.data as { customer: { orders: { nodes: { product: { name: string } }[] } } }).customer;
    expect(customer.orders.nodes.map((n) => n.product.name)).toEqual(["Product 0", "Product 1", "Product 2", "Product 0", "Product 1", "Product 2"]);
    expect(seen.storeInResolver).toHaveLength(8);
    expect(seen.storeInResolver.every((store) => store === undefined)).toBe(true);
    // One look-ahead Query answers the customer, its orders and the second (enclosed) page; one BatchGetItem the 3 products.
    expect(env.requests.calls.sort()).toEqual(["BatchGetItem", "Query"]);
  });

  it("lets a field you add join the operation's batch through operationLoaders", async () => {
    const gql = graphqlClient(probedSchema());
    env.requests.reset();
    const response = await gql(`{ orders(customer_id: "c1", first: 6) { nodes { product { name } sameProduct } } }`);
    const nodes = (response.data as { orders: { nodes: { product: { name: string }; sameProduct: string }[] } }).orders.nodes;
    expect(nodes.map((n) => n.sameProduct)).toEqual(nodes.map((n) => n.product.name));
    // The added field's gets join the derived fields' BatchGetItem (and its cache).
    expect(env.requests.calls.sort()).toEqual(["BatchGetItem", "Query"]);
  });
});
