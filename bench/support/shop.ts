import { Customer, Order, Product } from "../../example-server/models.js";
import type { InputOf } from "../../src/index.js";

/**
 * The data both benchmarks read: 5 products (3 BOOKS, 2 TOYS), customer c1 with 50 orders of
 * those products, customer c2 with none, and customer c3 with 1,000. Fixed values, so every run reads the same items.
 */
export const ORDER_COUNT = 50;
/** Customer c3's orders: a partition far larger than any page asked of it. */
export const LARGE_ORDER_COUNT = 1000;

export const orderId = (i: number): string => `2024-${String(i).padStart(4, "0")}`;

export function productInputs(count = 5): InputOf<typeof Product>[] {
  return Array.from({ length: count }, (_, p) => ({ product_id: `p${p}`, category: p < 3 ? "BOOKS" : "TOYS", name: `Product ${p}`, price: 10 + p }));
}

export function orderInputs(customer_id: string, count: number, products = 5): InputOf<typeof Order>[] {
  return Array.from({ length: count }, (_, i) => ({
    customer_id,
    order_id: orderId(i),
    product_id: `p${i % products}`,
    quantity: 1 + (i % 3),
    total: 10 + (i % products),
    placed_at: "2024-05-01T12:00:00.000Z",
    tags: ["gift"],
  }));
}

/** Writes the shop's items to the configured table, one create each. */
export async function seedShop(): Promise<void> {
  for (const input of productInputs()) await Product.objects.create(input);
  await Customer.objects.create({ customer_id: "c1", name: "Ada", email: "ada@example.com", joined_at: "2023-01-15T09:30:00.000Z" });
  for (const input of orderInputs("c1", ORDER_COUNT)) await Order.objects.create(input);
  await Customer.objects.create({ customer_id: "c2", name: "Bob", email: "bob@example.com", joined_at: "2023-03-02T14:05:00.000Z" });
  await Customer.objects.create({ customer_id: "c3", name: "Cy", email: "cy@example.com", joined_at: "2023-04-09T08:00:00.000Z" });
  await Order.objects.batchSave(orderInputs("c3", LARGE_ORDER_COUNT).map((input) => new Order(input)));
}
