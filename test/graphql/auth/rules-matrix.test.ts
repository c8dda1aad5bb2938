import { beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "../../support/graphql.js";
import { useFreshTable } from "../../support/storm.js";
import { authClient, Customer, Order, Product, Profile, type Caller } from "./fixture.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
let gql: ReturnType<typeof authClient>;

const admin: Caller = { role: "admin" };
const ada: Caller = { role: "shopper", id: "c1" };
const bob: Caller = { role: "shopper", id: "c2" };
const anonymous: Caller = { role: "anonymous" };

beforeAll(async () => {
  env = await useFreshTable();
  gql = authClient();
  await Product.objects.create({ product_id: "p1", category: "BOOKS", name: "Book" });
  await Product.objects.create({ product_id: "p2", category: "BOOKS", name: "Secret draft", draft: true });
  for (const [id, name] of [["c1", "Ada"], ["c2", "Bob"]] as const) {
    await Customer.objects.create({ customer_id: id, name });
    await Profile.objects.create({ customer_id: id, bio: `${name}'s bio` });
    // Every other order is cancelled: shoppers never see those.
    for (let i = 0; i < 6; i++) {
      await Order.objects.create({ customer_id: id, order_id: `o${i}`, product_id: "p1", status: i % 2 ? "CANCELLED" : "PENDING", note: `${id}-note-${i}` });
    }
  }
});

/** The response and the DynamoDB requests it cost. */
async function measured(caller: Caller, query: string, variables?: Record<string, unknown>) {
  env.requests.reset();
  const response = await gql(caller, query, variables);
  return { response, data: response.data as Record<string, unknown> | null | undefined, requests: env.requests.total };
}

const ids = (connection: unknown) => (connection as { nodes: { order_id: string }[] }).nodes.map((n) => n.order_id);

describe("root get", () => {
  it("answers the caller's own item with one request and fills the scoped key from the context", async () => {
    expect(await measured(ada, `{ customer { name } }`)).toMatchObject({ data: { customer: { name: "Ada" } }, requests: 1 });
    expect(await measured(ada, `{ customer(customer_id: "c1") { name } }`)).toMatchObject({ data: { customer: { name: "Ada" } }, requests: 1 });
  });

  it("answers null with 0 requests for another partition, or for an anonymous caller", async () => {
    expect(await measured(ada, `{ customer(customer_id: "c2") { name } }`)).toMatchObject({ data: { customer: null }, requests: 0 });
    expect(await measured(anonymous, `{ customer(customer_id: "c1") { name } }`)).toMatchObject({ data: { customer: null }, requests: 0 });
    expect(await measured(ada, `{ order(customer_id: "c2", order_id: "o0") { note } }`)).toMatchObject({ data: { order: null }, requests: 0 });
  });

  it("lets an admin read any partition, and asks an unscoped caller for the key", async () => {
    expect(await measured(admin, `{ customer(customer_id: "c2") { name } }`)).toMatchObject({ data: { customer: { name: "Bob" } }, requests: 1 });
    const missing = await measured(admin, `{ customer { name } }`);
    expect(errorCodes(missing.response)).toEqual(["BAD_USER_INPUT"]);
    expect(missing.requests).toBe(0);
  });

  it("answers null for an item the read rule refuses, from the one read", async () => {
    expect(await measured(ada, `{ order(order_id: "o1") { note } }`)).toMatchObject({ data: { order: null }, requests: 1 });
    expect(await measured(admin, `{ order(customer_id: "c1", order_id: "o1") { note } }`)).toMatchObject({ data: { order: { note: "c1-note-1" } }, requests: 1 });
    expect(await measured(anonymous, `{ product(product_id: "p2") { name } }`)).toMatchObject({ data: { product: null }, requests: 1 });
    expect(await measured(anonymous, `{ product(product_id: "p1") { name } }`)).toMatchObject({ data: { product: { name: "Book" } }, requests: 1 });
  });
});

describe("root list", () => {
  it("reads the caller's own partition with one request; refused items neither show nor shorten the page", async () => {
    const own = await measured(ada, `{ orders(first: 2) { nodes { order_id } pageInfo { hasNextPage endCursor } } }`);
    expect(ids(own.data!.orders)).toEqual(["o0", "o2"]);
    expect((own.data!.orders as { pageInfo: { hasNextPage: boolean } }).pageInfo.hasNextPage).toBe(true);
    // The refused o1 made the page read on: one Query for 3 items, one for the missing one.
    expect(own.requests).toBe(2);
    const cursor = (own.data!.orders as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const next = await measured(ada, `query($after: String) { orders(first: 2, after: $after) { nodes { order_id } pageInfo { hasNextPage } } }`, { after: cursor });
    expect(ids(next.data!.orders)).toEqual(["o4"]);
    expect(await measured(admin, `{ orders(customer_id: "c1", first: 2) { nodes { order_id } } }`)).toMatchObject({ data: { orders: { nodes: [{ order_id: "o0" }, { order_id: "o1" }] } }, requests: 1 });
  });

  it("answers an empty page with 0 requests for another partition or an anonymous caller", async () => {
    const empty = { orders: { nodes: [], pageInfo: { hasNextPage: false } } };
    expect(await measured(ada, `{ orders(customer_id: "c2") { nodes { order_id } pageInfo { hasNextPage } } }`)).toMatchObject({ data: empty, requests: 0 });
    expect(await measured(anonymous, `{ orders(customer_id: "c1") { nodes { order_id } pageInfo { hasNextPage } } }`)).toMatchObject({ data: empty, requests: 0 });
  });

  it("never lets a filter or a sort-key condition reach a refused item", async () => {
    const probes = [
      `{ orders(filter: { note: { eq: "c1-note-1" } }) { nodes { order_id } } }`,
      `{ orders(filter: { status: { eq: CANCELLED } }) { nodes { order_id } } }`,
      `{ orders(sk: { eq: { order_id: "o1" } }) { nodes { order_id } } }`,
      `{ orders(customer_id: "c2", filter: { note: { beginsWith: "c2" } }) { nodes { order_id } } }`,
    ];
    for (const probe of probes) expect((await measured(ada, probe)).data).toEqual({ orders: { nodes: [] } });
    expect(ids((await measured(admin, `{ orders(customer_id: "c1", sk: { eq: { order_id: "o1" } }) { nodes { order_id } } }`)).data!.orders)).toEqual(["o1"]);
  });
});

describe("GSI list", () => {
  it("confines a scoped model's GSI1 read to the caller's partition with a filter, in one request", async () => {
    const own = await measured(ada, `{ ordersByProductId(product_id: "p1", first: 10) { nodes { customer_id order_id } } }`);
    expect((own.data!.ordersByProductId as { nodes: { customer_id: string }[] }).nodes).toEqual(["o0", "o2", "o4"].map((order_id) => ({ customer_id: "c1", order_id })));
    expect(own.requests).toBe(1);
    const all = await measured(admin, `{ ordersByProductId(product_id: "p1", first: 20) { nodes { order_id } } }`);
    expect(ids(all.data!.ordersByProductId)).toHaveLength(12);
    expect(all.requests).toBe(1);
    expect(await measured(anonymous, `{ ordersByProductId(product_id: "p1") { nodes { order_id } } }`)).toMatchObject({ data: { ordersByProductId: { nodes: [] } }, requests: 0 });
  });

  it("leaves out items the read rule refuses on an unscoped model", async () => {
    const names = (await measured(anonymous, `{ productsByCategory(category: "BOOKS") { nodes { name } } }`)).data;
    expect(names).toEqual({ productsByCategory: { nodes: [{ name: "Book" }] } });
  });
});

describe("relations", () => {
  it("hasMany and hasOne of the caller's own partition cost what they cost unscoped", async () => {
    const query = `{ customer(customer_id: "c1") { name orders(first: 10) { nodes { order_id } } profile { bio } } }`;
    const own = await measured(ada, query);
    const unscoped = await measured(admin, query);
    expect(own.data).toEqual({ customer: { name: "Ada", orders: { nodes: [{ order_id: "o0" }, { order_id: "o2" }, { order_id: "o4" }] }, profile: { bio: "Ada's bio" } } });
    expect(own.requests).toBe(unscoped.requests);
  });

  it("belongsTo answers the parent when allowed, and null for a refused target", async () => {
    const own = await measured(ada, `{ order(order_id: "o0") { customer { name } product { name } } }`);
    expect(own.data).toEqual({ order: { customer: { name: "Ada" }, product: { name: "Book" } } });
    await Order.objects.create({ customer_id: "c1", order_id: "o9", product_id: "p2" });
    const draft = await measured(ada, `{ order(order_id: "o9") { product { name } } }`);
    expect(draft.data).toEqual({ order: { product: null } });
    await Order.objects.delete({ customer_id: "c1", order_id: "o9" });
  });

  it("a GSI hasMany into other partitions shows only the caller's items", async () => {
    const own = await measured(ada, `{ product(product_id: "p1") { orders(first: 10) { nodes { customer_id } } } }`);
    expect((own.data!.product as { orders: { nodes: { customer_id: string }[] } }).orders.nodes.map((n) => n.customer_id)).toEqual(["c1", "c1", "c1"]);
    expect(own.requests).toBe(2);
  });
});

describe("node(id)", () => {
  const nodeQuery = `query($id: ID!) { node(id: $id) { ... on Customer { name } ... on Order { note } } }`;

  it("answers the caller's own item, and null with 0 requests for another partition", async () => {
    const bobId = ((await measured(bob, `{ customer { id } }`)).data!.customer as { id: string }).id;
    const adaId = ((await measured(ada, `{ customer { id } }`)).data!.customer as { id: string }).id;
    expect(await measured(ada, nodeQuery, { id: adaId })).toMatchObject({ data: { node: { name: "Ada" } }, requests: 1 });
    expect(await measured(ada, nodeQuery, { id: bobId })).toMatchObject({ data: { node: null }, requests: 0 });
    expect(await measured(admin, nodeQuery, { id: bobId })).toMatchObject({ data: { node: { name: "Bob" } }, requests: 1 });
  });

  it("answers null for an item of the caller's partition that the read rule refuses", async () => {
    const orderIds = await measured(admin, `{ orders(customer_id: "c1", first: 2) { nodes { id } } }`);
    const [, cancelled] = (orderIds.data!.orders as { nodes: { id: string }[] }).nodes;
    expect(await measured(ada, nodeQuery, { id: cancelled!.id })).toMatchObject({ data: { node: null }, requests: 1 });
  });
});

describe("aliases and fragments", () => {
  it("apply the rules per field, and refused aliases send nothing", async () => {
    const query = `fragment C on Customer { name orders(first: 1) { nodes { order_id } } }
      { mine: customer(customer_id: "c1") { ...C } theirs: customer(customer_id: "c2") { ...C } other: order(customer_id: "c2", order_id: "o0") { note } }`;
    const own = await measured(ada, query);
    expect(own.data).toEqual({ mine: { name: "Ada", orders: { nodes: [{ order_id: "o0" }] } }, theirs: null, other: null });
    const alone = await measured(ada, `fragment C on Customer { name orders(first: 1) { nodes { order_id } } } { mine: customer(customer_id: "c1") { ...C } }`);
    expect(own.requests).toBe(alone.requests);
  });
});

describe("mutations", () => {
  const create = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order_id status } }`;

  it("create: inside the scope and allowed, one request; elsewhere FORBIDDEN with 0 requests and nothing written", async () => {
    expect(await measured(ada, create, { input: { customer_id: "c1", order_id: "n1", product_id: "p1" } })).toMatchObject({ data: { createOrder: { order_id: "n1", status: "PENDING" } }, requests: 1 });
    for (const [caller, input] of [
      [ada, { customer_id: "c2", order_id: "n1", product_id: "p1" }],
      [ada, { customer_id: "c1", order_id: "n2", product_id: "p1", status: "PAID" }],
      [anonymous, { customer_id: "c1", order_id: "n3", product_id: "p1" }],
    ] as const) {
      const refused = await measured(caller, create, { input });
      expect(errorCodes(refused.response)).toEqual(["FORBIDDEN"]);
      expect(refused.requests).toBe(0);
    }
    expect(await Order.objects.find({ customer_id: "c2", order_id: "n1" })).toBeNull();
    const product = await measured(ada, `mutation { createProduct(input: { product_id: "p9", category: "BOOKS", name: "X" }) { name } }`);
    expect(errorCodes(product.response)).toEqual(["FORBIDDEN"]);
    expect(product.requests).toBe(0);
  });

  it("update: FORBIDDEN with 0 requests outside the scope; the update rule sees the stored item", async () => {
    const update = `mutation($key: OrderKeyInput!, $input: UpdateOrderInput!) { updateOrder(key: $key, input: $input) { note status } }`;
    const own = await measured(ada, update, { key: { customer_id: "c1", order_id: "o0" }, input: { note: "gift" } });
    expect(own).toMatchObject({ data: { updateOrder: { note: "gift", status: "PENDING" } }, requests: 2 });
    const other = await measured(ada, update, { key: { customer_id: "c2", order_id: "o0" }, input: { note: "x" } });
    expect(errorCodes(other.response)).toEqual(["FORBIDDEN"]);
    expect(other.requests).toBe(0);
    const status = await measured(ada, update, { key: { customer_id: "c1", order_id: "o0" }, input: { status: "PAID" } });
    expect(errorCodes(status.response)).toEqual(["FORBIDDEN"]);
    expect(status.requests).toBe(1);
    const hidden = await measured(ada, update, { key: { customer_id: "c1", order_id: "o1" }, input: { note: "x" } });
    expect(errorCodes(hidden.response)).toEqual(["NOT_FOUND"]);
    expect((await Order.objects.get({ customer_id: "c1", order_id: "o1" })).note).toBe("c1-note-1");
    expect((await Order.objects.get({ customer_id: "c2", order_id: "o0" })).note).toBe("c2-note-0");
  });

  it("delete: FORBIDDEN outside the scope (0 requests) or when the rule refuses; an admin deletes", async () => {
    const remove = `mutation($key: OrderKeyInput!) { deleteOrder(key: $key) { order_id } }`;
    const other = await measured(ada, remove, { key: { customer_id: "c2", order_id: "o2" } });
    expect([errorCodes(other.response), other.requests]).toEqual([["FORBIDDEN"], 0]);
    const own = await measured(ada, remove, { key: { customer_id: "c1", order_id: "o2" } });
    expect([errorCodes(own.response), own.requests]).toEqual([["FORBIDDEN"], 1]);
    expect(await Order.objects.find({ customer_id: "c1", order_id: "o2" })).not.toBeNull();
    expect(await measured(admin, remove, { key: { customer_id: "c1", order_id: "n1" } })).toMatchObject({ data: { deleteOrder: { order_id: "n1" } }, requests: 2 });
  });
});
