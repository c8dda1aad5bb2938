import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AlreadyExists, batchWrite, buildBatchWrites, ConditionFailed, defineModel, DoesNotExist, F, field, MissingRequiredFields,
  transaction, TransactionCancelled, ValidationError, VersionConflict, withLoaders,
} from "../../src/index.js";
import { Order, User } from "../support/models.js";
import { useFreshTable } from "../support/storm.js";

const Account = defineModel("Account", {
  account_id: field.string({ pk: true }),
  balance: field.number(),
  version: field.number({ version: true }),
  updated: field.datetime({ autoNow: true }),
});

let env: Awaited<ReturnType<typeof useFreshTable>>;
beforeAll(async () => {
  env = await useFreshTable();
});
beforeEach(() => env.requests.reset());

const orderId = (i: number) => `o${String(i).padStart(3, "0")}`;
const ordersOf = (user_id: string, n: number, amount = 1) => Array.from({ length: n }, (_, i) => new Order({ user_id, order_id: orderId(i), amount: amount + i }));

describe("batch writes", () => {
  it("saves 60 instances in 3 BatchWriteItem calls, each item once", async () => {
    await Order.objects.batchSave(ordersOf("b1", 60));
    expect(env.requests.calls).toEqual(["BatchWriteItem", "BatchWriteItem", "BatchWriteItem"]);
    const stored = await Order.objects.using({ user_id: "b1" }).all();
    expect(stored.map((o) => o.amount)).toEqual(Array.from({ length: 60 }, (_, i) => 1 + i));
  });

  it("shows its requests: 25 writes each", () => {
    const requests = buildBatchWrites(ordersOf("b0", 30).map((put) => ({ put })));
    expect(requests.map((r) => r.RequestItems![env.name]!.length)).toEqual([25, 5]);
    expect(requests[0]!.RequestItems![env.name]![0]).toEqual({
      PutRequest: { Item: { PK: { S: "U#b0#USER" }, SK: { S: "O#o000" }, _type: { S: "Order" }, user_id: { S: "b0" }, order_id: { S: "o000" }, amount: { N: "1" }, tags: { L: [] } } },
    });
  });

  it("mixes puts and deletes, and deletes by key", async () => {
    await Order.objects.batchSave(ordersOf("b2", 5));
    const [first, second] = await Order.objects.using({ user_id: "b2" }).limit(2).all();
    await batchWrite([{ delete: first! }, { delete: second! }, { put: new User({ user_id: "b2", name: "Batch" }) }]);
    await Order.objects.batchDelete([{ user_id: "b2", order_id: orderId(2) }]);
    expect((await Order.objects.using({ user_id: "b2" }).all()).map((o) => o.order_id)).toEqual([orderId(3), orderId(4)]);
    expect((await User.objects.get({ user_id: "b2" })).name).toBe("Batch");
  });

  it("refreshes saved instances (timestamps, version) as save does", async () => {
    const accounts = [new Account({ account_id: "a1", balance: 1 }), new Account({ account_id: "a2", balance: 2 })];
    await Account.objects.batchSave(accounts);
    expect(accounts.map((a) => a.version)).toEqual([1, 1]);
    expect(typeof accounts[0]!.updated).toBe("string");
    expect((await Account.objects.get({ account_id: "a2" })).toJSON()).toEqual(accounts[1]!.toJSON());
  });

  it("refuses, before sending anything, a batch writing one item twice or holding an invalid item", async () => {
    const twice = [new Order({ user_id: "b3", order_id: "x", amount: 1 }), new Order({ user_id: "b3", order_id: "x", amount: 2 })];
    await expect(Order.objects.batchSave(twice)).rejects.toThrow(/written twice/);
    const invalid = [new Order({ user_id: "b3", order_id: "y", amount: 1 }), new Order({ user_id: "b3", order_id: "z" } as never)];
    await expect(Order.objects.batchSave(invalid)).rejects.toBeInstanceOf(MissingRequiredFields);
    await expect(Order.objects.batchSave([new Order({ user_id: "b3", order_id: "w", amount: "1" } as never)])).rejects.toBeInstanceOf(ValidationError);
    expect(env.requests.total).toBe(0);
  });

  it("clears what the current loaders hold for the items it writes", async () => {
    await Order.objects.batchSave(ordersOf("b4", 2));
    await withLoaders(async () => {
      expect(await Order.objects.using({ user_id: "b4" }).all()).toHaveLength(2);
      await Order.objects.batchSave(ordersOf("b4", 3, 10));
      expect((await Order.objects.using({ user_id: "b4" }).all()).map((o) => o.amount)).toEqual([10, 11, 12]);
    });
  });
});

describe("transactions", () => {
  it("commits create, save, update, delete and a condition check in 1 TransactWriteItems", async () => {
    await User.objects.create({ user_id: "t1", name: "Tia" });
    const gone = await Order.objects.create({ user_id: "t1", order_id: "gone", amount: 1 });
    await Order.objects.create({ user_id: "t1", order_id: "bump", amount: 5 });
    env.requests.reset();
    const fresh = new Order({ user_id: "t1", order_id: "new", amount: 7 });
    const tx = transaction()
      .create(fresh)
      .save(new Order({ user_id: "t1", order_id: "saved", amount: 8 }))
      .update(Order, { user_id: "t1", order_id: "bump" }, { amount: F("amount").add(1) })
      .delete(gone)
      .conditionCheck(User, { user_id: "t1" }, { status: "active" });
    expect(tx.size).toBe(5);
    await tx.commit();
    expect(env.requests.calls).toEqual(["TransactWriteItems"]);
    const orders = await Order.objects.using({ user_id: "t1" }).all();
    expect(orders.map((o) => [o.order_id, o.amount])).toEqual([["bump", 6], ["new", 7], ["saved", 8]]);
  });

  it("shows its request, with a client request token", () => {
    const input = transaction().delete(Order, { user_id: "t9", order_id: "o" }).getTransactQuery("token-1");
    expect(input).toEqual({
      ClientRequestToken: "token-1",
      TransactItems: [{ Delete: { TableName: env.name, Key: { PK: { S: "U#t9#USER" }, SK: { S: "O#o" } } } }],
    });
  });

  it("writes nothing when cancelled, and maps each reason to the operation's error", async () => {
    await Order.objects.create({ user_id: "t2", order_id: "exists", amount: 1 });
    await User.objects.create({ user_id: "t2", name: "Ban", status: "banned" });
    env.requests.reset();
    const error = await transaction()
      .create(new Order({ user_id: "t2", order_id: "fresh", amount: 1 }))
      .create(new Order({ user_id: "t2", order_id: "exists", amount: 2 }))
      .update(Order, { user_id: "t2", order_id: "absent" }, { amount: 3 })
      .conditionCheck(User, { user_id: "t2" }, { status: "active" })
      .commit()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCancelled);
    const reasons = (error as TransactionCancelled).reasons;
    expect(reasons.map((r) => [r.code, r.model, r.key])).toEqual([
      ["None", "Order", { user_id: "t2", order_id: "fresh" }],
      ["ConditionalCheckFailed", "Order", { user_id: "t2", order_id: "exists" }],
      ["ConditionalCheckFailed", "Order", { user_id: "t2", order_id: "absent" }],
      ["ConditionalCheckFailed", "User", { user_id: "t2" }],
    ]);
    expect(reasons[0]!.error).toBeUndefined();
    expect(reasons[1]!.error).toBeInstanceOf(AlreadyExists);
    expect(reasons[2]!.error).toBeInstanceOf(DoesNotExist);
    expect(reasons[3]!.error).toBeInstanceOf(ConditionFailed);
    expect(await Order.objects.find({ user_id: "t2", order_id: "fresh" })).toBeNull();
    expect((await Order.objects.get({ user_id: "t2", order_id: "exists" })).amount).toBe(1);
    expect(env.requests.count("TransactWriteItems")).toBe(1);
  });

  it("checks versions: a stale instance cancels with VersionConflict", async () => {
    const account = await Account.objects.create({ account_id: "v1", balance: 10 });
    const stale = await Account.objects.get({ account_id: "v1" });
    await transaction().update(account, { balance: 20 }).commit();
    const error = await transaction().save(stale).commit().catch((e: unknown) => e);
    expect((error as TransactionCancelled).reasons[0]!.error).toBeInstanceOf(VersionConflict);
    const fresh = await Account.objects.get({ account_id: "v1" });
    expect([fresh.balance, fresh.version]).toEqual([20, 2]);
    await transaction().save(fresh).commit();
    expect(fresh.version).toBe(3);
  });

  it("updates a versioned model by key (no version known): increments the stored version", async () => {
    await Account.objects.create({ account_id: "v2", balance: 10 });
    await transaction().update(Account, { account_id: "v2" }, { balance: F("balance").add(5) }).commit();
    const stored = await Account.objects.get({ account_id: "v2" });
    expect([stored.balance, stored.version]).toEqual([15, 2]);
    const error = await transaction().update(Account, { account_id: "v2" }, { balance: 0 }, { condition: { balance: { gt: 100 } } }).commit().catch((e: unknown) => e);
    expect((error as TransactionCancelled).reasons[0]!.error).toBeInstanceOf(ConditionFailed);
  });

  it("applies a transaction retried with the same client request token once", async () => {
    const token = "retry-token-0001";
    await transaction().create(new Order({ user_id: "t3", order_id: "once", amount: 1 })).commit({ clientRequestToken: token });
    await transaction().create(new Order({ user_id: "t3", order_id: "once", amount: 1 })).commit({ clientRequestToken: token });
    expect(await Order.objects.using({ user_id: "t3" }).all()).toHaveLength(1);
    await expect(transaction().create(new Order({ user_id: "t3", order_id: "once", amount: 1 })).commit()).rejects.toBeInstanceOf(TransactionCancelled);
  });

  it("refuses more than 100 operations, one item twice, and invalid values, before sending", async () => {
    const tx = transaction();
    for (let i = 0; i < 100; i++) tx.delete(Order, { user_id: "t4", order_id: orderId(i) });
    expect(() => tx.delete(Order, { user_id: "t4", order_id: "x" })).toThrow(/at most 100/);
    expect(() => transaction().delete(Order, { user_id: "t4", order_id: "a" }).update(Order, { user_id: "t4", order_id: "a" }, { amount: 1 })).toThrow(/once/);
    expect(() => transaction().create(new Order({ user_id: "t4", order_id: "a" } as never))).toThrow(MissingRequiredFields);
    expect(() => transaction().update(Order, { user_id: "t4", order_id: "a" }, { amount: "x" } as never)).toThrow(ValidationError);
    await transaction().commit();
    expect(env.requests.total).toBe(0);
  });

  it("types each operation from its model", () => {
    const o = new Order({ user_id: "t7", order_id: "a", amount: 1 });
    // @ts-expect-error amount is a number
    expect(() => transaction().update(o, { amount: "x" })).toThrow(ValidationError);
    // @ts-expect-error Order has no field "nope"
    expect(() => transaction().update(Order, { user_id: "t7", order_id: "a" }, { nope: 1 })).toThrow(ValidationError);
    // @ts-expect-error the key lacks order_id
    expect(() => transaction().delete(Order, { user_id: "t7" })).toThrow(MissingRequiredFields);
    // @ts-expect-error conditions name the model's fields
    expect(() => transaction().conditionCheck(User, { user_id: "t7" }, { amount: 1 })).toThrow(ValidationError);
    // @ts-expect-error key fields cannot be updated
    expect(() => transaction().update(o, { order_id: "b" })).toThrow(/cannot be updated/);
  });

  it("commits 100 operations at once", async () => {
    const tx = transaction();
    for (const o of ordersOf("t5", 100)) tx.create(o);
    await tx.commit();
    expect(env.requests.calls).toEqual(["TransactWriteItems"]);
    expect(await Order.objects.using({ user_id: "t5" }).all()).toHaveLength(100);
  });

  it("clears what the current loaders hold for the items it writes", async () => {
    await Order.objects.create({ user_id: "t6", order_id: "a", amount: 1 });
    await withLoaders(async () => {
      expect((await Order.objects.get({ user_id: "t6", order_id: "a" })).amount).toBe(1);
      await transaction().update(Order, { user_id: "t6", order_id: "a" }, { amount: 2 }).commit();
      expect((await Order.objects.get({ user_id: "t6", order_id: "a" })).amount).toBe(2);
    });
  });
});
