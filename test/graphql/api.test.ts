import { beforeAll, describe, expect, it } from "vitest";
import { Customer, Order, Product } from "../../example-server/models.js";
import { buildExampleSchema } from "../../example-server/schema.js";
import { errorCodes, graphqlClient } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";
import { tamper } from "../support/tokens.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
let gql: ReturnType<typeof graphqlClient>;

const orderId = (i: number) => `2024-${String(i).padStart(4, "0")}`;

beforeAll(async () => {
  env = await useFreshTable();
  gql = graphqlClient(buildExampleSchema());
  for (let p = 0; p < 5; p++) {
    await Product.objects.create({ product_id: `p${p}`, category: p < 3 ? "BOOKS" : "TOYS", name: `Product ${p}`, price: 10 + p });
  }
  await Customer.objects.create({ customer_id: "c1", name: "Ada", email: "ada@example.com" });
  for (let i = 0; i < 50; i++) {
    await Order.objects.create({ customer_id: "c1", order_id: orderId(i), product_id: `p${i % 5}`, quantity: 1, total: 10 + (i % 5) });
  }
  await Customer.objects.create({ customer_id: "c2", name: "Bob", email: "bob@example.com" });
});

/** Runs a query and returns its response with the DynamoDB requests it made. */
async function measured(query: string, variables?: Record<string, unknown>) {
  env.requests.reset();
  const response = await gql(query, variables);
  return { response, requests: [...env.requests.calls] };
}

describe("DynamoDB requests per operation", () => {
  it("reads one item by key with one request", async () => {
    const { response, requests } = await measured(`{ customer(customer_id: "c1") { name email tier } }`);
    expect(response.data).toEqual({ customer: { name: "Ada", email: "ada@example.com", tier: "STANDARD" } });
    expect(requests).toHaveLength(1);
  });

  it("reads a parent and its same-partition children with ONE Query", async () => {
    const { response, requests } = await measured(`{
      customer(customer_id: "c1") { name orders(first: 10) { edges { node { order_id total } } pageInfo { hasNextPage } } }
    }`);
    const customer = (response.data as { customer: { name: string; orders: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } } }).customer;
    expect(customer.name).toBe("Ada");
    expect(customer.orders.edges).toHaveLength(10);
    expect(customer.orders.pageInfo.hasNextPage).toBe(true);
    expect(requests).toEqual(["Query"]);
  });

  it("plans no look-ahead read for children @skip or @include leaves out: the parent alone is one GetItem", async () => {
    const { response, requests } = await measured(`query ($skip: Boolean!) {
      customer(customer_id: "c1") { name orders(first: 10) @skip(if: $skip) { nodes { order_id } } ... @include(if: false) { more: orders(first: 3) { nodes { order_id } } } }
    }`, { skip: true });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ customer: { name: "Ada" } });
    expect(requests).toEqual(["GetItem"]);
  });

  it("keeps the look-ahead bounded: a parent with 150 children still costs one small Query", async () => {
    for (let i = 0; i < 150; i++) await Order.objects.create({ customer_id: "c3", order_id: orderId(i), product_id: "p0", quantity: 1, total: 1 });
    await Customer.objects.create({ customer_id: "c3", name: "Cy", email: "cy@example.com" });
    const { response, requests } = await measured(`{ customer(customer_id: "c3") { name orders(first: 5) { nodes { order_id } } } }`);
    expect(response.data).toEqual({ customer: { name: "Cy", orders: { nodes: [0, 1, 2, 3, 4].map((i) => ({ order_id: orderId(i) })) } } });
    expect(requests).toEqual(["Query"]);
  });

  it("reads a first page of children, each with their same-partition parent, with ONE Query", async () => {
    const { response, requests } = await measured(`{ orders(customer_id: "c1", first: 10) { nodes { order_id customer { name } } } }`);
    const nodes = (response.data as { orders: { nodes: { order_id: string; customer: { name: string } }[] } }).orders.nodes;
    expect(nodes.map((n) => n.order_id)).toEqual(Array.from({ length: 10 }, (_, i) => orderId(i)));
    expect(nodes.every((n) => n.customer.name === "Ada")).toBe(true);
    expect(requests).toEqual(["Query"]);
  });

  it("reads a page of 50 children, each with its belongsTo parent, with 1 Query + 1 BatchGetItem", async () => {
    const { response, requests } = await measured(`{
      orders(customer_id: "c1", first: 50) { nodes { order_id product { name price } } }
    }`);
    const nodes = (response.data as { orders: { nodes: { product: { name: string } }[] } }).orders.nodes;
    expect(nodes).toHaveLength(50);
    expect(nodes[7]?.product.name).toBe("Product 2");
    expect(requests.sort()).toEqual(["BatchGetItem", "Query"]);
  });

  it("reads three aliased items with one BatchGetItem", async () => {
    const { response, requests } = await measured(`{
      a: product(product_id: "p0") { name } b: product(product_id: "p1") { name } c: customer(customer_id: "c2") { name }
    }`);
    expect(response.data).toEqual({ a: { name: "Product 0" }, b: { name: "Product 1" }, c: { name: "Bob" } });
    expect(requests).toEqual(["BatchGetItem"]);
  });

  it("queries GSI1 with one Query", async () => {
    const { response, requests } = await measured(`{ productsByCategory(category: BOOKS) { nodes { product_id } } }`);
    expect((response.data as { productsByCategory: { nodes: { product_id: string }[] } }).productsByCategory.nodes.map((n) => n.product_id).sort()).toEqual(["p0", "p1", "p2"]);
    expect(requests).toEqual(["Query"]);
  });

  it("returns null for an absent item", async () => {
    const { response } = await measured(`{ customer(customer_id: "nobody") { name } }`);
    expect(response.data).toEqual({ customer: null });
  });
});

describe("mutations", () => {
  const create = `mutation($input: CreateProductInput!) { createProduct(input: $input) { product_id name price in_stock } }`;

  it("creates, refuses a duplicate, updates, refuses to update an absent item, deletes", async () => {
    const input = { product_id: "new", category: "KITCHEN", name: "Pan", price: 20 };
    expect((await gql(create, { input })).data).toEqual({ createProduct: { product_id: "new", name: "Pan", price: 20, in_stock: true } });
    const duplicate = await gql(create, { input });
    expect(errorCodes(duplicate)).toEqual(["ALREADY_EXISTS"]);

    const updated = await gql(`mutation { updateProduct(key: { product_id: "new" }, input: { price: 25, description: "Cast iron" }) { price description } }`);
    expect(updated.data).toEqual({ updateProduct: { price: 25, description: "Cast iron" } });
    expect((await Product.objects.get({ product_id: "new" })).price).toBe(25);

    const absent = await gql(`mutation { updateProduct(key: { product_id: "ghost" }, input: { price: 1 }) { price } }`);
    expect(errorCodes(absent)).toEqual(["NOT_FOUND"]);
    expect(await Product.objects.find({ product_id: "ghost" })).toBeNull();

    const deleted = await gql(`mutation { deleteProduct(key: { product_id: "new" }) { name } }`);
    expect(deleted.data).toEqual({ deleteProduct: { name: "Pan" } });
    expect((await gql(`mutation { deleteProduct(key: { product_id: "new" }) { name } }`)).data).toEqual({ deleteProduct: null });
  });

  it("keeps nulls inside JSON values as given", async () => {
    const response = await gql(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { address } }`, {
      input: { customer_id: "json", name: "J", email: "j@example.com", phone: null, address: { street: "1 Main", flat: null } },
    });
    expect(response.data).toEqual({ createCustomer: { address: { street: "1 Main", flat: null } } });
    expect((await Customer.objects.get({ customer_id: "json" })).phone).toBeUndefined();
  });

  it("answers a wrong-typed input with a GraphQL error, never a 500", async () => {
    const response = await gql(create, { input: { product_id: "x", category: "KITCHEN", name: "Pan", price: "cheap" } });
    expect(response.status).toBeLessThan(500);
    expect(response.errors?.[0]?.message).toMatch(/price/);
    expect(await Product.objects.find({ product_id: "x" })).toBeNull();
  });

  it("answers an invalid value the schema cannot see (an unsafe integer) with BAD_USER_INPUT", async () => {
    const response = await gql(create, { input: { product_id: "big", category: "TOYS", name: "Big", price: 2 ** 60 } });
    expect(errorCodes(response)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("paging", () => {
  const page = `query($after: String) { orders(customer_id: "c1", first: 20, after: $after) { edges { node { order_id } cursor } pageInfo { hasNextPage endCursor } } }`;
  type PageData = { orders: { edges: { node: { order_id: string }; cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

  it("pages a 50-item partition 20 at a time", async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    do {
      const response = await gql<PageData>(page, { after });
      const orders: PageData["orders"] = response.data!.orders;
      sizes.push(orders.edges.length);
      seen.push(...orders.edges.map((e) => e.node.order_id));
      after = orders.pageInfo.hasNextPage ? orders.pageInfo.endCursor : null;
    } while (after);
    expect(sizes).toEqual([20, 20, 10]);
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => orderId(i)));
  });

  it("resumes from an edge cursor", async () => {
    const first = await gql<PageData>(page, { after: null });
    const fifth = first.data!.orders.edges[4]!.cursor;
    const next = await gql<PageData>(page, { after: fifth });
    expect(next.data!.orders.edges[0]!.node.order_id).toBe(orderId(5));
  });

  it("refuses a forged cursor and a cursor from another partition with BAD_CURSOR", async () => {
    const first = await gql<PageData>(page, { after: null });
    const cursor = first.data!.orders.pageInfo.endCursor!;
    expect(errorCodes(await gql(page, { after: tamper(cursor) }))).toEqual(["BAD_CURSOR"]);
    expect(errorCodes(await gql(page, { after: "garbage" }))).toEqual(["BAD_CURSOR"]);
    const foreign = await gql(`query($after: String) { orders(customer_id: "c2", after: $after) { nodes { order_id } } }`, { after: cursor });
    expect(errorCodes(foreign)).toEqual(["BAD_CURSOR"]);
  });

  it("clamps the page size to the maximum", async () => {
    for (let i = 50; i < 160; i++) await Order.objects.create({ customer_id: "big", order_id: orderId(i), product_id: "p0", quantity: 1, total: 1 });
    const response = await gql<{ orders: { nodes: unknown[] } }>(`{ orders(customer_id: "big", first: 101) { nodes { order_id } } }`);
    expect(response.data!.orders.nodes).toHaveLength(100);
  });

  it("filters and orders by sort key", async () => {
    const response = await gql<{ orders: { nodes: { order_id: string; total: number }[] } }>(`{
      orders(customer_id: "c1", filter: { total: { gte: 14 } }, sk: { lt: { order_id: "2024-0020" } }, reverse: true) { nodes { order_id total } }
    }`);
    expect(response.data!.orders.nodes.map((n) => n.order_id)).toEqual([orderId(19), orderId(14), orderId(9), orderId(4)]);
  });
});

describe("Relay node", () => {
  it("refetches any item by its global id", async () => {
    const { data } = await gql<{ order: { id: string } }>(`{ order(customer_id: "c1", order_id: "${orderId(3)}") { id } }`);
    const node = await gql(`query($id: ID!) { node(id: $id) { __typename ... on Order { order_id } } }`, { id: data!.order.id });
    expect(node.data).toEqual({ node: { __typename: "Order", order_id: orderId(3) } });
    expect(errorCodes(await gql(`{ node(id: "nonsense") { id } }`))).toEqual(["BAD_USER_INPUT"]);
  });
});
