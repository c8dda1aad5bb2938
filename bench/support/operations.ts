import type { GraphQLResponse, graphqlClient } from "../../test/support/graphql.js";
import { orderId } from "./shop.js";

export type Send = ReturnType<typeof graphqlClient>;

/** A GraphQL operation whose DynamoDB requests are counted: one query, or a few in sequence. */
export interface Operation {
  name: string;
  /** The error codes the answers must carry, in order; none by default. */
  errors?: readonly string[];
  /** Uncounted requests the operation needs first (a node id); the result goes to `run`. */
  prepare?(send: Send): Promise<Record<string, unknown>>;
  /** Sends the counted requests and returns their responses. */
  run(send: Send, prepared: Record<string, unknown>): Promise<GraphQLResponse[]>;
}

function single(name: string, query: string, variables?: Record<string, unknown>, errors?: readonly string[]): Operation {
  return { name, ...(errors ? { errors } : {}), run: async (send) => [await send(query, variables)] };
}

const createProduct = `mutation($input: CreateProductInput!) { createProduct(input: $input) { product_id name price in_stock } }`;
const newProduct = { product_id: "new", category: "KITCHEN", name: "Pan", price: 20 };

const ordersPage = `query($after: String) {
  orders(customer_id: "c1", first: 20, after: $after) { nodes { order_id } pageInfo { hasNextPage endCursor } }
}`;
type OrdersPage = { orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
/** A guard against a cursor that never ends; 50 orders take 3 pages. */
const MAX_PAGES = 10;

/** Reads the 50 orders of c1 20 at a time, following `endCursor`. */
async function pageThroughOrders(send: Send): Promise<GraphQLResponse[]> {
  const pages: GraphQLResponse[] = [];
  let after: string | null = null;
  do {
    const page: GraphQLResponse<OrdersPage> = await send<OrdersPage>(ordersPage, { after });
    pages.push(page);
    const info = page.data?.orders.pageInfo;
    after = info?.hasNextPage ? info.endCursor : null;
  } while (after && pages.length < MAX_PAGES);
  return pages;
}

/**
 * The operations of bench/requests.ts, in the order they run. The mutations create, update
 * and delete one product, so the table ends as it began and the list can run once per schema.
 */
export const operations: readonly Operation[] = [
  single("one item by key", `{ customer(customer_id: "c1") { name email tier } }`),
  single(
    "customer + its first 10 orders (same partition)",
    `{ customer(customer_id: "c1") { name orders(first: 10) { nodes { order_id total } pageInfo { hasNextPage } } } }`,
  ),
  single(
    "customer + its first 10 of 1,000 orders",
    `{ customer(customer_id: "c3") { name orders(first: 10) { nodes { order_id total } pageInfo { hasNextPage } } } }`,
  ),
  single(
    "customer + its latest 3 of 1,000 orders (reverse)",
    `{ customer(customer_id: "c3") { name orders(first: 3, reverse: true) { nodes { order_id total } } } }`,
  ),
  single("10 orders, each with its customer (same partition)", `{ orders(customer_id: "c1", first: 10) { nodes { order_id customer { name } } } }`),
  single("50 orders, each with its product", `{ orders(customer_id: "c1", first: 50) { nodes { order_id product { name price } } } }`),
  single(
    "50 orders, each with its product and customer",
    `{ orders(customer_id: "c1", first: 50) { nodes { order_id product { name price } customer { name } } } }`,
  ),
  single(
    "three aliased gets",
    `{ a: product(product_id: "p0") { name } b: product(product_id: "p1") { name } c: customer(customer_id: "c2") { name } }`,
  ),
  single("GSI query (productsByCategory)", `{ productsByCategory(category: BOOKS) { nodes { product_id name } } }`),
  single("create", createProduct, { input: newProduct }),
  single("duplicate create", createProduct, { input: newProduct }, ["ALREADY_EXISTS"]),
  single("update", `mutation { updateProduct(key: { product_id: "new" }, input: { price: 25, description: "Cast iron" }) { price description } }`),
  single("update of an absent item", `mutation { updateProduct(key: { product_id: "ghost" }, input: { price: 1 }) { price } }`, undefined, ["NOT_FOUND"]),
  single("delete", `mutation { deleteProduct(key: { product_id: "new" }) { name price } }`),
  { name: "50 orders, 20 per page (3 pages)", run: pageThroughOrders },
  {
    name: "node(id) refetch",
    async prepare(send) {
      const response = await send<{ order: { id: string } }>(`{ order(customer_id: "c1", order_id: "${orderId(3)}") { id } }`);
      return { id: response.data?.order.id };
    },
    run: async (send, { id }) => [await send(`query($id: ID!) { node(id: $id) { __typename ... on Order { order_id total } } }`, { id })],
  },
];
