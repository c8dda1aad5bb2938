import { orderId } from "../support/shop.js";

/** An operation timed end to end: the same document is sent to every contender. */
export interface E2eOperation {
  name: string;
  query: string;
}

/** The operations of bench/e2e.ts, over the shop of bench/support/shop.ts. */
export const e2eOperations: readonly E2eOperation[] = [
  {
    name: "a customer and its first 20 orders, each with its product",
    query: `{ customer(customer_id: "c1") { name email orders(first: 20) { nodes { order_id total product { name price } } pageInfo { hasNextPage } } } }`,
  },
  {
    name: "50 orders of a customer, each with its product",
    query: `{ orders(customer_id: "c1", first: 50) { nodes { order_id total status product { name price } } pageInfo { hasNextPage } } }`,
  },
  {
    name: "three aliased customer gets",
    query: `{ a: customer(customer_id: "c1") { name email tier } b: customer(customer_id: "c2") { name email tier } c: customer(customer_id: "c3") { name email tier } }`,
  },
  {
    name: "one order by key",
    query: `{ order(customer_id: "c1", order_id: "${orderId(3)}") { order_id total quantity status placed_at } }`,
  },
];
