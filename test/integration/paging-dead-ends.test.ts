import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defineModel, field, InvalidDefinition } from "../../src/index.js";
import { useFreshTable } from "../support/storm.js";

/** Orders ("O#...") between many invoices ("I#...") and many payments ("P#...") of one partition. */
const Invoice = defineModel("Invoice", { shop: field.string({ pk: true }), invoice_id: field.string({ sk: true }) }, { suffix: "SHOP" });
const Order = defineModel("Order", { shop: field.string({ pk: true }), order_id: field.string({ sk: true }) }, { suffix: "SHOP" });
const Payment = defineModel("Payment", { shop: field.string({ pk: true }), payment_id: field.string({ sk: true }) }, { suffix: "SHOP" });

let env: Awaited<ReturnType<typeof useFreshTable>>;
const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(4, "0")}`;
const orders = () => Order.objects.using({ shop: "s1" });

beforeAll(async () => {
  env = await useFreshTable();
  await Invoice.objects.batchSave(Array.from({ length: 200 }, (_, i) => new Invoice({ shop: "s1", invoice_id: id("i", i) })));
  await Order.objects.batchSave(Array.from({ length: 8 }, (_, i) => new Order({ shop: "s1", order_id: id("o", i) })));
  await Payment.objects.batchSave(Array.from({ length: 200 }, (_, i) => new Payment({ shop: "s1", payment_id: id("p", i) })));
});

beforeEach(() => env.requests.reset());

describe("QuerySet.page on a partition shared with other models", () => {
  it("ends a gt range at the last order instead of reading on into payments", async () => {
    const page = await orders().sortKey({ gt: { order_id: id("o", 4) } }).page({ size: 5 });
    expect(page.items.map((o) => o.order_id)).toEqual([5, 6, 7].map((i) => id("o", i)));
    expect(page.hasMore).toBe(false);
    expect(page.cursor).toBeNull();
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("ends a reversed lt range at the first order instead of reading on into invoices", async () => {
    const page = await orders().sortKey({ lt: { order_id: id("o", 2) } }).reverse().page({ size: 5 });
    expect(page.items.map((o) => o.order_id)).toEqual([1, 0].map((i) => id("o", i)));
    expect(page.hasMore).toBe(false);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("reads past another model's items inside the SK block in wide reads", async () => {
    for (let i = 0; i < 60; i++) {
      await env.client.send(new PutItemCommand({ TableName: env.name, Item: marshall({ PK: "S#s2#SHOP", SK: `O#a${String(i).padStart(3, "0")}`, _type: "Offer" }) }));
    }
    await Order.objects.create({ shop: "s2", order_id: "z1" });
    env.requests.reset();
    const page = await Order.objects.using({ shop: "s2" }).page({ size: 2 });
    expect(page.items.map((o) => o.order_id)).toEqual(["z1"]);
    expect(page.hasMore).toBe(false);
    expect(env.requests.count("Query")).toBeLessThanOrEqual(2);
  });
});

describe("collections over models whose items would interleave", () => {
  it("refuses them named together, naming both and the fix", async () => {
    const Offer = defineModel("Offer", { shop: field.string({ pk: true }), offer_id: field.string({ sk: true }) }, { suffix: "SHOP" });
    const read = Order.objects.collection({ shop: "s1" }, { models: [Order, Offer] });
    await expect(read).rejects.toThrow(InvalidDefinition);
    await expect(read).rejects.toThrow(/Order and Offer share table partitions.*`identifier`/);
    expect(env.requests.total).toBe(0);
  });
});
