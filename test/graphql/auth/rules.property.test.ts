import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { useFreshTable } from "../../support/storm.js";
import { authClient, Customer, Order, Product, type Caller } from "./fixture.js";

let gql: ReturnType<typeof authClient>;
let run = 0;

beforeAll(async () => {
  await useFreshTable();
  gql = authClient();
  await Product.objects.create({ product_id: "p1", category: "BOOKS", name: "Book" });
});

const STATUSES = ["PENDING", "PAID", "CANCELLED"] as const;
const data = fc.record({
  customers: fc.integer({ min: 1, max: 3 }),
  orders: fc.array(fc.record({ customer: fc.nat(2), status: fc.constantFrom(...STATUSES) }), { maxLength: 8 }),
});
const caller = fc.oneof(
  fc.constant<Caller>({ role: "admin" }),
  fc.constant<Caller>({ role: "anonymous" }),
  fc.nat(3).map((i): Caller => ({ role: "shopper", id: `c${i}` })),
);
/** Queries over every read path, with ids the data may or may not hold. */
const query = fc.nat(3).chain((c) =>
  fc.constantFrom(
    `{ customer(customer_id: "c${c}") { name orders { nodes { note status } } } }`,
    `{ orders(customer_id: "c${c}", first: 2) { nodes { note customer { name } } } }`,
    `{ orders(customer_id: "c${c}", filter: { status: { eq: CANCELLED } }) { nodes { note } } }`,
    `{ orders(customer_id: "c${c}", sk: { beginsWith: { order_id: "o" } }) { nodes { note } } }`,
    `{ order(customer_id: "c${c}", order_id: "o1") { note customer { name } } }`,
    `{ ordersByProductId(product_id: "p1", first: 3) { nodes { note } } product(product_id: "p1") { orders { nodes { note } } } }`,
  ),
);

/** Whether `who` may see an order of customer `owner` with `status`, by the fixture's rules. */
function visible(who: Caller, owner: string, status: string): boolean {
  if (who.role === "admin") return true;
  return who.role === "shopper" && who.id === owner && status !== "CANCELLED";
}

it("no response ever holds a value of an item the caller's rules refuse", async () => {
  await fc.assert(
    fc.asyncProperty(data, caller, fc.array(query, { minLength: 1, maxLength: 4 }), async (d, who, queries) => {
      // Each run writes its own product's orders and names, so runs never see each other's values.
      run++;
      const tag = `r${run}`;
      const customers = Array.from({ length: d.customers }, (_, i) => new Customer({ customer_id: `c${i}`, name: `${tag}-name-c${i}` }));
      const orders = d.orders
        .filter((o) => o.customer < d.customers)
        .map((o, i) => new Order({ customer_id: `c${o.customer}`, order_id: `o${i}`, product_id: "p1", status: o.status, note: `${tag}-note-${i}` }));
      await Customer.objects.batchSave(customers);
      await Order.objects.batchSave(orders);
      const refused = [
        ...customers.filter((c) => !(who.role === "admin" || (who.role === "shopper" && who.id === c.customer_id))).map((c) => c.name),
        ...orders.filter((o) => !visible(who, o.customer_id, o.status)).map((o) => o.note!),
      ];
      for (const q of queries) {
        const text = JSON.stringify(await gql(who, q));
        for (const value of refused) expect(text, `${JSON.stringify(who)} ${q}`).not.toContain(value);
      }
      await Order.objects.batchDelete(orders.map((o) => ({ customer_id: o.customer_id, order_id: o.order_id })));
    }),
    { numRuns: 25 },
  );
});
