import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defineModel, field } from "../../src/index.js";
import { buildSchema } from "../../src/graphql/index.js";
import { graphqlClient } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";

/** A shop partition: the customer (SK "Customer"), invoices ("I#..."), orders ("O#..."), payments ("P#..."). */
const Customer = defineModel("Customer", { customer_id: field.string({ pk: true }), name: field.string() }, { suffix: "SHOP" });
const Invoice = defineModel("Invoice", { customer_id: field.string({ pk: true }), invoice_id: field.string({ sk: true }), amount: field.number({ default: 1 }) }, { suffix: "SHOP" });
const Order = defineModel("Order", {
  customer_id: field.string({ pk: true }),
  order_id: field.string({ sk: true }),
  status: field.string(),
}, { suffix: "SHOP" });
const Payment = defineModel("Payment", { customer_id: field.string({ pk: true }), payment_id: field.string({ sk: true }), amount: field.number({ default: 1 }) }, { suffix: "SHOP" });

let env: Awaited<ReturnType<typeof useFreshTable>>;
const gql = graphqlClient(buildSchema({ models: [Customer, Invoice, Order, Payment] }));
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(4, "0")}`;

interface OrderPage {
  orders: { nodes: { order_id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

async function ordersPage(args: string, after?: string | null) {
  const response = await gql<OrderPage>(
    `query ($after: String) { orders(${args}, after: $after) { nodes { order_id } pageInfo { hasNextPage endCursor } } }`,
    { after: after ?? null },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.orders;
}

/** Every page of a connection, following `endCursor` while `hasNextPage`. */
async function allPages(args: string) {
  const pages: OrderPage["orders"][] = [];
  let after: string | null = null;
  do {
    const page = await ordersPage(args, after);
    pages.push(page);
    after = page.pageInfo.endCursor;
    if (page.pageInfo.hasNextPage) expect(after, "a page with hasNextPage gives a cursor to continue from").toEqual(expect.any(String));
  } while (pages.at(-1)!.pageInfo.hasNextPage && pages.length < 20);
  return pages;
}

beforeAll(async () => {
  env = await useFreshTable();
  // 1,100 orders of which one, far down, is "lost": more than one page's 10 reads of 100 items.
  await Order.objects.batchSave(Array.from({ length: 1100 }, (_, i) => new Order({ customer_id: "sparse", order_id: id("o", i), status: i === 1050 ? "lost" : "done" })));
  // A partition where orders sit between many invoices (below) and many payments (above).
  await Customer.objects.create({ customer_id: "mixed", name: "Mia" });
  await Invoice.objects.batchSave(Array.from({ length: 300 }, (_, i) => new Invoice({ customer_id: "mixed", invoice_id: id("i", i) })));
  await Order.objects.batchSave(Array.from({ length: 8 }, (_, i) => new Order({ customer_id: "mixed", order_id: id("o", i), status: "done" })));
  await Payment.objects.batchSave(Array.from({ length: 300 }, (_, i) => new Payment({ customer_id: "mixed", payment_id: id("p", i) })));
});

beforeEach(() => env.requests.reset());

describe("a page that matched nothing still continues", () => {
  it("reaches a sparse filter's only match by following endCursor, re-reading nothing", async () => {
    const pages = await allPages(`customer_id: "sparse", first: 2, filter: { status: { eq: "lost" } }`);
    expect(pages[0]!.nodes).toEqual([]);
    expect(pages[0]!.pageInfo.hasNextPage).toBe(true);
    expect(pages.flatMap((p) => p.nodes)).toEqual([{ order_id: id("o", 1050) }]);
    expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    // 1,100 items read 100 at a time: 10 reads for the first page, 2 from where it stopped.
    expect(env.requests.count("Query")).toBeLessThanOrEqual(12);
  });
});

describe("a range on the sort key ends with the model's items", () => {
  it("gt reads no payments past the last order", async () => {
    const page = await ordersPage(`customer_id: "mixed", first: 5, sk: { gt: { order_id: "${id("o", 4)}" } }`);
    expect(page.nodes.map((n) => n.order_id)).toEqual([5, 6, 7].map((i) => id("o", i)));
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("lt in reverse reads no invoices or customer below the first order", async () => {
    const page = await ordersPage(`customer_id: "mixed", first: 5, reverse: true, sk: { lt: { order_id: "${id("o", 3)}" } }`);
    expect(page.nodes.map((n) => n.order_id)).toEqual([2, 1, 0].map((i) => id("o", i)));
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("lt read forward passes over the items below the orders and still reaches them", async () => {
    const pages = await allPages(`customer_id: "mixed", first: 5, sk: { lt: { order_id: "${id("o", 3)}" } }`);
    expect(pages.flatMap((p) => p.nodes.map((n) => n.order_id))).toEqual([0, 1, 2].map((i) => id("o", i)));
    // 301 items below the orders, read 100 at a time once the first read found none.
    expect(env.requests.count("Query")).toBeLessThanOrEqual(5);
  });
});

describe("items of another model inside the model's SK block", () => {
  it("are read past in wide reads instead of ending the page empty", async () => {
    // Written by another process (or before the clash was refused): same block "O#", another _type.
    for (let i = 0; i < 60; i++) {
      await env.client.send(new PutItemCommand({ TableName: env.name, Item: marshall({ PK: "C#legacy#SHOP", SK: `O#a${String(i).padStart(3, "0")}`, _type: "Offer" }) }));
    }
    await Order.objects.create({ customer_id: "legacy", order_id: "z1", status: "done" });
    env.requests.reset();
    const pages = await allPages(`customer_id: "legacy", first: 2`);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.nodes).toEqual([{ order_id: "z1" }]);
    expect(env.requests.count("Query")).toBeLessThanOrEqual(2);
  });
});

describe("models whose items would interleave", () => {
  const Offer = defineModel("Offer", { customer_id: field.string({ pk: true }), offer_id: field.string({ sk: true }), price: field.number() }, { suffix: "SHOP" });

  it("are refused together in one schema, naming both and the fix", () => {
    expect(() => buildSchema({ models: [Customer, Order, Offer] })).toThrow(
      /Order and Offer share table partitions.*Order\.order_id \(identifier "O"\).*Offer\.offer_id \(identifier "O"\).*identifier/,
    );
    const Offer2 = defineModel("Offer2", { customer_id: field.string({ pk: true }), offer_id: field.string({ sk: true, identifier: "OF" }) }, { suffix: "SHOP" });
    expect(() => buildSchema({ models: [Customer, Order, Offer2] }), "an identifier tells them apart").not.toThrow();
  });

  it("are refused on a shared GSI1 partition too", () => {
    const Ticket = defineModel("Ticket", { org: field.string({ pk: true }), ticket_id: field.string({ sk: true }), assignee: field.string({ gsi: true }) }, { suffix: "DESK" });
    const Task = defineModel("Task", { team: field.string({ pk: true }), task_id: field.string({ sk: true }), assignee: field.string({ gsi: true }) }, { suffix: "DESK" });
    expect(() => buildSchema({ models: [Ticket, Task] })).toThrow(/Ticket and Task share GSI1 partitions/);
  });
});
