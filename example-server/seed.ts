import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { AlreadyExists, table, type InputOf } from "../src/index.js";
import { Customer, Order, Product } from "./models.js";

type ProductInput = InputOf<typeof Product>;
type CustomerInput = InputOf<typeof Customer>;
type OrderInput = InputOf<typeof Order>;

// Fixed data (no randomness, no "now"), so the README's example answer stays true.

const product = (product_id: string, category: ProductInput["category"], name: string, price: number, extra: Partial<ProductInput> = {}): ProductInput =>
  ({ product_id, category, name, price, ...extra });

export const products: readonly ProductInput[] = [
  product("book-dune", "BOOKS", "Dune", 12.99, { tags: ["sci-fi", "classic"] }),
  product("book-pragmatic", "BOOKS", "The Pragmatic Programmer", 39.9, { tags: ["software"] }),
  product("book-ddia", "BOOKS", "Designing Data-Intensive Applications", 44.5, { tags: ["software", "databases"] }),
  product("book-hobbit", "BOOKS", "The Hobbit", 9.99, { tags: ["fantasy", "classic"] }),
  product("book-sapiens", "BOOKS", "Sapiens", 16.8),
  product("kitchen-skillet", "KITCHEN", "Cast-iron skillet, 26 cm", 34, { description: "Pre-seasoned; works on induction." }),
  product("kitchen-knife", "KITCHEN", "Chef's knife, 20 cm", 59, { tags: ["steel"] }),
  product("kitchen-espresso", "KITCHEN", "Stovetop espresso maker", 45.9, { in_stock: false }),
  product("kitchen-board", "KITCHEN", "Bamboo cutting board", 18.5),
  product("kitchen-scale", "KITCHEN", "Digital kitchen scale", 21.99, { description: "1 g steps up to 5 kg." }),
  product("outdoor-tent", "OUTDOOR", "Two-person tent", 129, { tags: ["camping"], description: "2.1 kg, three seasons." }),
  product("outdoor-shoes", "OUTDOOR", "Trail running shoes", 98),
  product("outdoor-bottle", "OUTDOOR", "Insulated water bottle", 24.9, { tags: ["camping"] }),
  product("outdoor-headlamp", "OUTDOOR", "Headlamp, 300 lm", 29.95),
  product("outdoor-stove", "OUTDOOR", "Camping stove", 49, { tags: ["camping"], in_stock: false }),
  product("toys-train", "TOYS", "Wooden train set", 54, { description: "42 pieces, beech wood." }),
  product("toys-puzzle", "TOYS", "1000-piece puzzle", 19.99),
  product("toys-kite", "TOYS", "Delta kite", 22.5, { tags: ["outdoor"] }),
  product("toys-blocks", "TOYS", "Building blocks, 500 pieces", 39.99),
  product("toys-fox", "TOYS", "Plush fox", 14.99, { tags: ["gift"] }),
];

export const customers: readonly CustomerInput[] = [
  {
    customer_id: "ada", name: "Ada Lovelace", email: "ada@example.com", tier: "PLATINUM",
    joined_at: "2023-01-15T09:30:00.000Z", phone: "+442071234567",
    address: { street: "12 St James's Square", city: "London", postcode: "SW1Y 4JH", country: "GB" },
  },
  {
    customer_id: "grace", name: "Grace Hopper", email: "grace@example.com", tier: "GOLD",
    joined_at: "2023-03-02T14:05:00.000Z",
    address: { street: "1 Navy Yard", city: "Arlington", postcode: "22202", country: "US" },
  },
  { customer_id: "alan", name: "Alan Turing", email: "alan@example.com", joined_at: "2023-06-23T08:00:00.000Z" },
  {
    customer_id: "katherine", name: "Katherine Johnson", email: "katherine@example.com", tier: "GOLD",
    joined_at: "2024-02-10T16:45:00.000Z", phone: "+17575550100",
  },
  { customer_id: "edsger", name: "Edsger Dijkstra", email: "edsger@example.com", joined_at: "2024-05-11T11:11:00.000Z" },
];

/** Orders per customer: Ada has enough for several pages; the others a few each. */
const ORDER_COUNTS: Readonly<Record<string, number>> = { ada: 50, grace: 4, alan: 3, katherine: 3, edsger: 2 };
const DAY_MS = 86_400_000;
const FIRST_ORDER = Date.parse("2024-01-03T10:00:00.000Z");

function statusOf(n: number, count: number): OrderInput["status"] {
  if (n === count) return "PENDING";
  if (n === count - 1) return "PAID";
  if (n >= count - 3) return "SHIPPED";
  return n % 13 === 0 ? "CANCELLED" : "DELIVERED";
}

export const orders: readonly OrderInput[] = customers.flatMap((customer, c) =>
  Array.from({ length: ORDER_COUNTS[customer.customer_id] ?? 0 }, (_, i): OrderInput => {
    const n = i + 1;
    const count = ORDER_COUNTS[customer.customer_id]!;
    const item = products[(n * 7 + c * 3) % products.length]!;
    const quantity = 1 + (n % 3);
    return {
      customer_id: customer.customer_id,
      order_id: `ord-${String(n).padStart(4, "0")}`,
      product_id: item.product_id,
      quantity,
      total: Math.round(item.price * quantity * 100) / 100,
      status: statusOf(n, count),
      placed_at: new Date(FIRST_ORDER + (n * 6 + c) * DAY_MS).toISOString(),
      tags: n % 4 === 0 ? ["gift"] : [],
      ...(n % 10 === 0 ? { note: "Gift wrap, please" } : {}),
    };
  }),
);

/** Whether the configured table holds no item at all: one Scan that reads at most one item. */
export async function isTableEmpty(): Promise<boolean> {
  const out = await table.client.send(new ScanCommand({ TableName: table.name, Limit: 1, ProjectionExpression: "PK" }));
  return (out.Items?.length ?? 0) === 0;
}

/**
 * Writes the example data into the configured table. Never overwrites: an item that already
 * exists (another instance seeding the same empty table at the same time) is left as it is.
 */
export async function seed(): Promise<{ customers: number; orders: number; products: number }> {
  const writes = [
    ...products.map((p) => () => Product.objects.create(p)),
    ...customers.map((c) => () => Customer.objects.create(c)),
    ...orders.map((o) => () => Order.objects.create(o)),
  ].map((create) => () => create().catch(keepExisting));
  // A few at a time: enough to be quick, few enough not to throttle an on-demand table.
  for (let i = 0; i < writes.length; i += 25) {
    await Promise.all(writes.slice(i, i + 25).map((write) => write()));
  }
  return { customers: customers.length, orders: orders.length, products: products.length };
}

function keepExisting(error: unknown): void {
  if (!(error instanceof AlreadyExists)) throw error;
}
