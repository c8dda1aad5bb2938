import { beforeAll, describe, expect, it } from "vitest";
import { Customer, models, Order, Product } from "../../example-server/models.js";
import { relations } from "../../example-server/schema.js";
import { buildSchema } from "../../src/graphql/index.js";
import { RequestLimitExceeded } from "../../src/index.js";
import { errorCodes, graphqlClient } from "../support/graphql.js";
import type { RequestCounter } from "../support/request-counter.js";
import { useFreshTable } from "../support/storm.js";

const gql = graphqlClient(buildSchema({ models: [...models], relations }));
/** Orders of ~4 KB: more than DynamoDB reads in one 1 MB Query page. */
const BIG_ORDERS = 300;
let requests: RequestCounter;

beforeAll(async () => {
  ({ requests } = await useFreshTable());
  await Customer.objects.create({ customer_id: "c1", name: "Ada", email: "ada@example.com" });
  await Order.objects.batchSave(Array.from({ length: 7 }, (_, i) => new Order({ customer_id: "c1", order_id: `o${i}`, product_id: "p", quantity: i % 2 ? 1 : 2, total: 1 })));
  await Product.objects.batchSave(["a", "b", "c", "d"].map((id) => new Product({ product_id: id, category: "BOOKS", name: id, price: 1 })));
  const note = "x".repeat(4000);
  await Order.objects.batchSave(Array.from({ length: BIG_ORDERS }, (_, i) => new Order({ customer_id: "big", order_id: `b${String(i).padStart(3, "0")}`, product_id: "p", quantity: 1, total: 1, note })));
}, 60_000);

describe("totalCount on connections", () => {
  it("counts every item of the connection with one Select: COUNT Query beside the page", async () => {
    requests.reset();
    const response = await gql<{ orders: { totalCount: number; nodes: unknown[] } }>(`{ orders(customer_id: "c1", first: 2) { totalCount nodes { order_id } } }`);
    expect(response.data?.orders).toMatchObject({ totalCount: 7 });
    expect(response.data?.orders.nodes).toHaveLength(2);
    expect(requests.calls).toEqual(["Query", "Query"]);
  });

  it("counts what the filter and sort-key condition keep, only the model's own items", async () => {
    const response = await gql<Record<string, { totalCount: number }>>(
      `{ odd: orders(customer_id: "c1", filter: { quantity: { eq: 1 } }) { totalCount } late: orders(customer_id: "c1", sk: { gt: { order_id: "o3" } }) { totalCount } }`,
    );
    expect(response.data).toEqual({ odd: { totalCount: 3 }, late: { totalCount: 3 } });
  });

  it("counts GSI lists and hasMany relations", async () => {
    const response = await gql<{ productsByCategory: { totalCount: number }; customer: { orders: { totalCount: number } } }>(
      `{ productsByCategory(category: BOOKS, first: 1) { totalCount } customer(customer_id: "c1") { orders(last: 1) { totalCount } } }`,
    );
    expect(response.data).toEqual({ productsByCategory: { totalCount: 4 }, customer: { orders: { totalCount: 7 } } });
  });

  it("reads the count page by page, up to maxReads", async () => {
    expect(await Order.objects.using({ customer_id: "big" }).count()).toBe(BIG_ORDERS);
    await expect(Order.objects.using({ customer_id: "big" }).count({ maxReads: 1 })).rejects.toMatchObject({ limit: "countReads", max: 1 });
    await expect(Order.objects.using({ customer_id: "big" }).count({ maxReads: 1 })).rejects.toBeInstanceOf(RequestLimitExceeded);
  });

  it("is estimated at 10 reads per connection and spends the request budget", async () => {
    const counts = (n: number) => Array.from({ length: n }, (_, i) => `c${i}: orders(customer_id: "c1", first: 1) { totalCount }`).join(" ");
    requests.reset();
    const refused = await gql(`{ ${counts(9)} }`);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "cost" });
    expect(requests.total).toBe(0);
    expect((await gql(`{ ${counts(5)} }`)).errors).toBeUndefined();
    const budgeted = graphqlClient(buildSchema({ models: [...models], relations, limits: { maxRequests: 1 } }));
    expect(errorCodes(await budgeted(`{ orders(customer_id: "c1") { totalCount nodes { order_id } } }`))).toEqual(["LIMIT_EXCEEDED"]);
  });

  it("is refused where a read rule decides per item: a count would tell what it hides", async () => {
    const ruled = graphqlClient(buildSchema({ models: [...models], relations, rules: { Order: { read: () => true } } }));
    const response = await ruled(`{ orders(customer_id: "c1") { totalCount } }`);
    expect(errorCodes(response)).toEqual(["FORBIDDEN"]);
  });
});
