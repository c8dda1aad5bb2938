import { beforeAll, describe, expect, it } from "vitest";
import { defineModel, field, withLoaders } from "../../src/index.js";
import { prefetchPartition } from "../../src/loader/index.js";
import { useFreshTable } from "../support/storm.js";

// One partition, sorted: N#… (notes) < O#… (orders) < "User".
const User = defineModel("User", { user_id: field.string({ pk: true }), name: field.string() }, { suffix: "U" });
const Note = defineModel("Note", { user_id: field.string({ pk: true }), note_id: field.string({ sk: true, identifier: "N" }) }, { suffix: "U" });
const Order = defineModel("Order", { user_id: field.string({ pk: true }), order_id: field.string({ sk: true, identifier: "O" }) }, { suffix: "U" });

let env: Awaited<ReturnType<typeof useFreshTable>>;
const id = (i: number) => String(i).padStart(3, "0");

beforeAll(async () => {
  env = await useFreshTable();
  await User.objects.create({ user_id: "u1", name: "Ann" });
  for (let i = 0; i < 40; i++) await Note.objects.create({ user_id: "u1", note_id: id(i) });
  for (let i = 0; i < 30; i++) await Order.objects.create({ user_id: "u1", order_id: id(i) });
});

/** Prefetches `limit` items, then reads the first 5 orders and the user in the same tick. */
async function readWithLookahead(limit: number) {
  env.requests.reset();
  return withLoaders(async () => {
    prefetchPartition(User.meta, { user_id: "u1" }, { limit });
    const [page, user] = await Promise.all([Order.objects.using({ user_id: "u1" }).page({ size: 5 }), User.objects.get({ user_id: "u1" })]);
    return { orders: page.items.map((o) => o.order_id), hasMore: page.hasMore, user: user.name, requests: [...env.requests.calls].sort() };
  });
}

describe("a bounded look-ahead read of a partition", () => {
  it("answers a page and a get from ONE Query when it reaches them", async () => {
    const result = await readWithLookahead(200);
    expect(result).toEqual({ orders: ["000", "001", "002", "003", "004"], hasMore: true, user: "Ann", requests: ["Query"] });
  });

  it("answers a page that ends inside a read cut short by its Limit", async () => {
    // 40 notes + 6 orders: the page of 5 (plus one to see a next page) ends inside the read; the user is past it.
    const result = await readWithLookahead(46);
    expect(result).toEqual({ orders: ["000", "001", "002", "003", "004"], hasMore: true, user: "Ann", requests: ["GetItem", "Query"] });
  });

  it("sends what the read does not hold, with the same answers", async () => {
    const result = await readWithLookahead(10);
    expect(result).toEqual({ orders: ["000", "001", "002", "003", "004"], hasMore: true, user: "Ann", requests: ["GetItem", "Query", "Query"] });
  });
});

describe("reads of a GSI1 partition whose items share one SK", () => {
  // No sk fields: every item's SK is "Gadget", so the index orders them by SK alone.
  const Gadget = defineModel("Gadget", { gadget_id: field.string({ pk: true }), kind: field.string({ gsi: true }) });

  it("never answers a longer page from a shorter one that stopped inside the shared SK", async () => {
    for (let i = 0; i < 5; i++) await Gadget.objects.create({ gadget_id: `g${i}`, kind: "k" });
    const [short, long] = await withLoaders(async () => {
      const query = Gadget.objects.using({ kind: "k" }).useIndex();
      const first = await query.page({ size: 1 });
      return [first, await query.page({ size: 5 })];
    });
    expect(short.items).toHaveLength(1);
    expect(long.items).toHaveLength(5);
    expect(long.hasMore).toBe(false);
  });
});
