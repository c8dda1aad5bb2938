import { randomUUID } from "node:crypto";
import { CreateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { currentLoaders, prefetchPartition, table, withLoaders, type InstanceOf } from "../../src/index.js";
import { Order, User } from "../support/models.js";
import { useFreshTable } from "../support/storm.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;

/** Keys asked for by each BatchGetItem call, in order. */
function recordBatchGets(client: DynamoDBClient): string[][] {
  const calls: string[][] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === "BatchGetItemCommand") {
        const input = args.input as { RequestItems: Record<string, { Keys: { SK: { S: string } }[] }> };
        calls.push(Object.values(input.RequestItems).flatMap((r) => r.Keys.map((k) => k.SK.S)));
      }
      return next(args);
    },
    { step: "initialize", name: `batchGetRecorder-${randomUUID()}` },
  );
  return calls;
}

const ORDERS = 300;
const orderId = (i: number) => `o${String(i).padStart(3, "0")}`;
let batchGets: string[][];

beforeAll(async () => {
  env = await useFreshTable();
  batchGets = recordBatchGets(env.client);
  await User.objects.create({ user_id: "u1", name: "Ann" });
  await Order.objects.batchSave(Array.from({ length: ORDERS }, (_, i) => new Order({ user_id: "u1", order_id: orderId(i), amount: i })));
  await Order.objects.batchSave(Array.from({ length: 8 }, (_, i) => new Order({ user_id: "u2", order_id: orderId(i), amount: i, note: i % 2 ? "odd" : "even" })));
  await User.objects.create({ user_id: "u2", name: "Bob" });
});

beforeEach(() => {
  env.requests.reset();
  batchGets.length = 0;
});

const getOrders = (ids: number[]) => Promise.all(ids.map((i) => Order.objects.get({ user_id: "u1", order_id: orderId(i) })));

describe("item loader", () => {
  it("turns 100 gets of one tick into 1 BatchGetItem", async () => {
    const got = await withLoaders(() => getOrders([...Array(100).keys()]));
    expect(got.map((o) => o.amount)).toEqual([...Array(100).keys()]);
    expect(env.requests.calls).toEqual(["BatchGetItem"]);
  });

  it("turns 250 gets into 3 BatchGetItem calls of at most 100 keys", async () => {
    const got = await withLoaders(() => getOrders([...Array(250).keys()]));
    expect(got.map((o) => o.order_id)).toEqual([...Array(250).keys()].map(orderId));
    expect(env.requests.calls).toEqual(["BatchGetItem", "BatchGetItem", "BatchGetItem"]);
    expect(batchGets.map((keys) => keys.length)).toEqual([100, 100, 50]);
  });

  it("fetches a key requested 10 times once, as a GetItem", async () => {
    const got = await withLoaders(() => getOrders(Array(10).fill(7)));
    expect(new Set(got.map((o) => o.amount))).toEqual(new Set([7]));
    expect(env.requests.calls).toEqual(["GetItem"]);
  });

  it("sends a lone get of a tick as a GetItem, two as a BatchGetItem", async () => {
    await withLoaders(async () => {
      await getOrders([1]);
      await getOrders([2, 3]);
      await getOrders([2, 4]);
    });
    expect(env.requests.calls).toEqual(["GetItem", "BatchGetItem", "GetItem"]);
  });

  it("answers absent keys with null (find) or DoesNotExist (get), batched with the rest", async () => {
    const [a, b] = await withLoaders(() =>
      Promise.all([Order.objects.find({ user_id: "u1", order_id: "nope" }), Order.objects.find({ user_id: "u1", order_id: orderId(1) })]),
    );
    expect(a).toBeNull();
    expect(b?.amount).toBe(1);
    await expect(withLoaders(() => Order.objects.get({ user_id: "u1", order_id: "nope" }))).rejects.toMatchObject({ code: "DOES_NOT_EXIST" });
    expect(env.requests.calls).toEqual(["BatchGetItem", "GetItem"]);
  });

  it("batches consistent gets apart, with ConsistentRead", async () => {
    await withLoaders(() =>
      Promise.all([
        Order.objects.get({ user_id: "u1", order_id: orderId(1) }),
        Order.objects.get({ user_id: "u1", order_id: orderId(2) }, { consistent: true }),
        Order.objects.get({ user_id: "u1", order_id: orderId(3) }, { consistent: true }),
      ]),
    );
    expect(batchGets.map((keys) => keys.length)).toEqual([2]);
    expect(env.requests.calls.sort()).toEqual(["BatchGetItem", "GetItem"]);
  });

  it("serves a later get of a fetched key from the cache, and a changed item after a write", async () => {
    await withLoaders(async () => {
      const first = await Order.objects.get({ user_id: "u1", order_id: orderId(5) });
      expect((await Order.objects.get({ user_id: "u1", order_id: orderId(5) })).amount).toBe(5);
      expect(env.requests.total).toBe(1);
      await first.update({ note: "changed" });
      expect((await Order.objects.get({ user_id: "u1", order_id: orderId(5) })).note).toBe("changed");
      await first.update({ note: null });
    });
    expect(env.requests.calls).toEqual(["GetItem", "UpdateItem", "GetItem", "UpdateItem"]);
  });

  it("hands each caller its own copy of a cached item", async () => {
    await withLoaders(async () => {
      const a = await Order.objects.get({ user_id: "u1", order_id: orderId(9) });
      a.tags.push("mutated");
      const b = await Order.objects.get({ user_id: "u1", order_id: orderId(9) });
      expect(b.tags).toEqual([]);
    });
  });
});

describe("partition loader", () => {
  const orders = (user_id = "u2") => Order.objects.using({ user_id });

  it("answers a get issued in the same tick as a read of its partition from the read: 1 Query", async () => {
    const [one, all] = await withLoaders(() => Promise.all([Order.objects.get({ user_id: "u2", order_id: orderId(3) }), orders().all()]));
    expect(one.amount).toBe(3);
    expect(all).toHaveLength(8);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("does so whichever comes first, and answers an absent key with null", async () => {
    const [all, one, none] = await withLoaders(() =>
      Promise.all([orders().all(), Order.objects.get({ user_id: "u2", order_id: orderId(4) }), Order.objects.find({ user_id: "u2", order_id: "zzz" })]),
    );
    expect([all.length, one.amount, none]).toEqual([8, 4, null]);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("sends identical reads once", async () => {
    const results = await withLoaders(() => Promise.all([orders().all(), orders().all(), orders().first()]));
    expect(results[0]).toHaveLength(8);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]?.order_id).toBe(orderId(0));
    expect(env.requests.calls).toEqual(["Query"]);
  });

  /** Narrower reads of u2's orders, each answered without a request inside a complete read. */
  const narrower = {
    sortKeyGte: () => orders().sortKey({ gte: { order_id: orderId(3) } }).all(),
    sortKeyLt: () => orders().sortKey({ lt: { order_id: orderId(3) } }).all(),
    between: () => orders().sortKey({ between: [{ order_id: orderId(2) }, { order_id: orderId(5) }] }).all(),
    beginsWith: () => orders().sortKey({ beginsWith: { order_id: "o00" } }).all(),
    exact: () => orders().using({ order_id: orderId(6) }).all(),
    startingAfter: () => orders().using({ order_id: orderId(5) }).startingAfter().all(),
    reversed: () => orders().reverse().all(),
    limited: () => orders().limit(3).all(),
    reversedLimited: () => orders().reverse().limit(2).all(),
    only: () => orders().only("amount").all(),
    first: () => orders().reverse().first().then((o) => [o]),
  };
  const plain = (xs: (InstanceOf<typeof Order> | null)[]) => xs.map((x) => x?.toJSON());

  it.each(Object.keys(narrower))("answers %s from a complete collection without a request, as DynamoDB does", async (name) => {
    const read = narrower[name as keyof typeof narrower];
    const expected = plain(await read());
    env.requests.reset();
    const [, got] = await withLoaders(async () => [await User.objects.collection({ user_id: "u2" }), plain(await read())]);
    expect(got).toEqual(expected);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  // A read of orders covers SKs "O#..." only: `gte`, `lt` and `startingAfter` reach past them (to "User").
  const insideOrders = ["between", "beginsWith", "exact", "reversed", "limited", "reversedLimited", "only", "first"] as const;
  it.each(insideOrders)("answers %s from a complete read of all orders", async (name) => {
    const expected = plain(await narrower[name]());
    env.requests.reset();
    const [, got] = await withLoaders(async () => [await orders().all(), plain(await narrower[name]())]);
    expect(got).toEqual(expected);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("sends a read reaching past the enclosing read's range", async () => {
    await withLoaders(async () => {
      await orders().all();
      expect(await orders().sortKey({ gte: { order_id: orderId(6) } }).all()).toHaveLength(2);
    });
    expect(env.requests.calls).toEqual(["Query", "Query"]);
  });

  it("pages through a complete read with working cursors and no further request", async () => {
    const direct = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof orders>["page"]>> = await orders().page({ size: 3, cursor });
      direct.push(page.items.map((o) => o.order_id));
      cursor = page.cursor;
    } while (cursor);
    env.requests.reset();
    const served = await withLoaders(async () => {
      await orders().all();
      const pages = [];
      let next: string | null = null;
      do {
        const page: Awaited<ReturnType<ReturnType<typeof orders>["page"]>> = await orders().page({ size: 3, cursor: next });
        pages.push(page.items.map((o) => o.order_id));
        next = page.cursor;
      } while (next);
      return pages;
    });
    expect(served).toEqual(direct);
    expect(served.flat()).toHaveLength(8);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("sends reads with a filter to DynamoDB", async () => {
    const odd = await withLoaders(async () => {
      await orders().all();
      return orders().filter({ note: "odd" }).all();
    });
    expect(odd.map((o) => o.amount)).toEqual([1, 3, 5, 7]);
    expect(env.requests.calls).toEqual(["Query", "Query"]);
  });

  it("answers a read in the same tick as an enclosing one from it", async () => {
    const [page, all] = await withLoaders(() => Promise.all([orders().reverse().page({ size: 2 }), orders().all()]));
    expect(page.items.map((o) => o.amount)).toEqual([7, 6]);
    expect(page.hasMore).toBe(true);
    expect(all).toHaveLength(8);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("does not answer a consistent read from an eventually consistent one", async () => {
    await withLoaders(async () => {
      await orders().all();
      await orders().consistent().all();
      await Order.objects.get({ user_id: "u2", order_id: orderId(1) }, { consistent: true });
    });
    expect(env.requests.calls).toEqual(["Query", "Query"]);
  });

  it("sends a read that a cut-short read does not cover", async () => {
    await withLoaders(async () => {
      await orders().limit(2).all();
      expect(await orders().all()).toHaveLength(8);
    });
    expect(env.requests.calls).toEqual(["Query", "Query"]);
  });

  it("drops the partition's reads after a write in the scope", async () => {
    await withLoaders(async () => {
      expect(await orders().all()).toHaveLength(8);
      const extra = await Order.objects.create({ user_id: "u2", order_id: "o999", amount: 1 });
      expect(await orders().all()).toHaveLength(9);
      await extra.delete();
      expect(await Order.objects.find({ user_id: "u2", order_id: "o999" })).toBeNull();
    });
    expect(env.requests.calls).toEqual(["Query", "PutItem", "Query", "DeleteItem", "GetItem"]);
  });
});

describe("scopes", () => {
  it("gives 100 concurrent scopes their own caches", async () => {
    const key = { user_id: "u1", order_id: orderId(1) };
    const seen = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        withLoaders(async (loaders) => {
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          // A private, made-up version of the item: only this scope may see it.
          loaders.primeItems([{ PK: "U#u1#USER", SK: "O#o001", user_id: "u1", order_id: "o001", amount: 1000 + i, tags: [] }]);
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          return [(await Order.objects.get(key)).amount, currentLoaders() === loaders];
        }),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => [1000 + i, true]));
    expect(env.requests.total).toBe(0);
    // And unprimed scopes each fetch for themselves.
    await Promise.all(Array.from({ length: 3 }, () => withLoaders(() => Order.objects.get(key))));
    expect(env.requests.count("GetItem")).toBe(3);
  });

  it("keys caches on the table name, which table.context may change", async () => {
    const other = `t-${randomUUID()}`;
    await env.client.send(new CreateTableCommand(table.definition(other)));
    await table.context({ name: other }, () => Order.objects.create({ user_id: "u1", order_id: orderId(1), amount: -1 }));
    env.requests.reset();
    const [here, there] = await withLoaders(() =>
      Promise.all([
        Order.objects.get({ user_id: "u1", order_id: orderId(1) }),
        table.context({ name: other }, () => Order.objects.get({ user_id: "u1", order_id: orderId(1) })),
      ]),
    );
    expect([here.amount, there.amount]).toEqual([1, -1]);
    expect(env.requests.count("GetItem")).toBe(2);
  });

  it("works without a scope: every get is its own GetItem", async () => {
    await getOrders([1, 2]);
    expect(env.requests.calls).toEqual(["GetItem", "GetItem"]);
  });
});

describe("priming", () => {
  it("serves gets and reads of a primed partition without a request", async () => {
    const stored = [
      { PK: "U#u9#USER", SK: "O#a", _type: "Order", user_id: "u9", order_id: "a", amount: 1, tags: [] },
      { PK: "U#u9#USER", SK: "O#b", _type: "Order", user_id: "u9", order_id: "b", amount: 2, tags: [] },
      { PK: "U#u9#USER", SK: "User", _type: "User", user_id: "u9", name: "Primed", status: "active" },
    ];
    await withLoaders(async (loaders) => {
      loaders.primePartition({ partition: "U#u9#USER" }, stored);
      const [user, page, missing] = await Promise.all([
        User.objects.get({ user_id: "u9" }),
        Order.objects.using({ user_id: "u9" }).page({ size: 1 }),
        Order.objects.find({ user_id: "u9", order_id: "zzz" }),
      ]);
      expect([user.name, page.items.map((o) => o.order_id), page.hasMore, missing]).toEqual(["Primed", ["a"], true, null]);
      const collection = await User.objects.collection({ user_id: "u9" });
      expect(collection.of(Order)).toHaveLength(2);
    });
    expect(env.requests.total).toBe(0);
  });

  it("prefetchPartition: a user and its orders from one Query", async () => {
    const [user, orders] = await withLoaders(() => {
      prefetchPartition(User.meta, { user_id: "u2" });
      return Promise.all([User.objects.get({ user_id: "u2" }), Order.objects.using({ user_id: "u2" }).page({ size: 5 })]);
    });
    expect(user.name).toBe("Bob");
    expect(orders.items).toHaveLength(5);
    expect(env.requests.calls).toEqual(["Query"]);
  });
});
