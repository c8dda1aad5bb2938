import { beforeAll, describe, expect, it } from "vitest";
import { Customer, models, Order, Product } from "../../example-server/models.js";
import { relations } from "../../example-server/schema.js";
import { buildSchema } from "../../src/graphql/index.js";
import { errorCodes, graphqlClient } from "../support/graphql.js";
import type { RequestCounter } from "../support/request-counter.js";
import { useFreshTable } from "../support/storm.js";

const gql = graphqlClient(buildSchema({ models: [...models], relations }));
const ORDER_IDS = Array.from({ length: 7 }, (_, i) => `o${i}`);
let requests: RequestCounter;

interface PageData {
  nodes: { order_id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = `nodes { order_id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

beforeAll(async () => {
  ({ requests } = await useFreshTable());
  await Customer.objects.create({ customer_id: "c1", name: "Ada", email: "ada@example.com" });
  await Order.objects.batchSave(ORDER_IDS.map((order_id, i) => new Order({ customer_id: "c1", order_id, product_id: "p", quantity: i % 2 ? 1 : 2, total: 1 })));
  await Product.objects.batchSave(["a", "b", "c", "d"].map((id) => new Product({ product_id: id, category: "BOOKS", name: id, price: 1 })));
});

/** One root page of c1's orders with these arguments. */
async function orders(args: string): Promise<PageData> {
  const response = await gql<{ orders: PageData }>(`{ orders(customer_id: "c1", ${args}) { ${PAGE} } }`);
  expect(response.errors).toBeUndefined();
  return response.data!.orders;
}

const ids = (page: PageData) => page.nodes.map((n) => n.order_id);

describe("backward paging (last, before)", () => {
  it("reads the last items, then the pages before them, in the connection's order", async () => {
    const last = await orders("last: 3");
    expect(ids(last)).toEqual(["o4", "o5", "o6"]);
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await orders(`last: 3, before: "${last.pageInfo.startCursor}"`);
    expect(ids(before)).toEqual(["o1", "o2", "o3"]);
    expect(before.pageInfo.hasPreviousPage).toBe(true);
    const first = await orders(`last: 3, before: "${before.pageInfo.startCursor}"`);
    expect(ids(first)).toEqual(["o0"]);
    expect(first.pageInfo.hasPreviousPage).toBe(false);
  });

  it("serves forward and backward pages with the same cursors", async () => {
    const forward = await orders("first: 4");
    expect(ids(forward)).toEqual(["o0", "o1", "o2", "o3"]);
    const back = await orders(`last: 2, before: "${forward.pageInfo.endCursor}"`);
    expect(ids(back)).toEqual(["o1", "o2"]);
    // A backward page's endCursor continues forward after its last item.
    expect(ids(await orders(`first: 2, after: "${back.pageInfo.endCursor}"`))).toEqual(["o3", "o4"]);
  });

  it("pages backward in descending order with reverse, and a filter keeps reading as it does forward", async () => {
    expect(ids(await orders("last: 2, reverse: true"))).toEqual(["o1", "o0"]);
    const filtered = await orders("last: 2, filter: { quantity: { eq: 1 } }");
    expect(ids(filtered)).toEqual(["o3", "o5"]);
    expect(ids(await orders(`last: 5, filter: { quantity: { eq: 1 } }, before: "${filtered.pageInfo.startCursor}"`))).toEqual(["o1"]);
  });

  it("binds cursors to the connection's order and refuses first with last", async () => {
    const descending = await orders("first: 2, reverse: true");
    const response = await gql(`{ orders(customer_id: "c1", last: 2, before: "${descending.pageInfo.endCursor}") { nodes { order_id } } }`);
    expect(errorCodes(response)).toEqual(["BAD_CURSOR"]);
    expect(errorCodes(await gql(`{ orders(customer_id: "c1", first: 2, last: 2) { nodes { order_id } } }`))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await gql(`{ orders(customer_id: "c1", last: 0) { nodes { order_id } } }`))).toEqual(["BAD_USER_INPUT"]);
  });

  it("pages GSI lists backward", async () => {
    const forward = await gql<{ productsByCategory: { nodes: { product_id: string }[] } }>(`{ productsByCategory(category: BOOKS) { nodes { product_id } } }`);
    const order = forward.data!.productsByCategory.nodes.map((n) => n.product_id);
    expect(order).toHaveLength(4);
    const response = await gql<{ productsByCategory: { nodes: { product_id: string }[]; pageInfo: { hasPreviousPage: boolean; startCursor: string } } }>(
      `{ productsByCategory(category: BOOKS, last: 3) { nodes { product_id } pageInfo { hasPreviousPage startCursor } } }`,
    );
    expect(response.errors).toBeUndefined();
    const page = response.data!.productsByCategory;
    expect(page.nodes.map((n) => n.product_id)).toEqual(order.slice(1));
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    const before = await gql<{ productsByCategory: { nodes: { product_id: string }[] } }>(`{ productsByCategory(category: BOOKS, last: 3, before: "${page.pageInfo.startCursor}") { nodes { product_id } } }`);
    expect(before.data!.productsByCategory.nodes.map((n) => n.product_id)).toEqual(order.slice(0, 1));
  });

  it("pages hasMany relations backward, read ahead with their item in one Query", async () => {
    requests.reset();
    const response = await gql<{ customer: { name: string; orders: PageData } }>(`{ customer(customer_id: "c1") { name orders(last: 2) { ${PAGE} } } }`);
    expect(response.errors).toBeUndefined();
    expect(ids(response.data!.customer.orders)).toEqual(["o5", "o6"]);
    expect(response.data!.customer.orders.pageInfo.hasPreviousPage).toBe(true);
    expect(requests.calls).toEqual(["Query"]);
  });
});
