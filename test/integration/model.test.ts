import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AlreadyExists, defineModel, DoesNotExist, F, field, InvalidDefinition, KeyFieldUpdateError, MissingRequiredFields, table, ValidationError,
} from "../../src/index.js";
import { Order, TestModel, User } from "../support/models.js";
import { useFreshTable } from "../support/storm.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
beforeAll(async () => {
  env = await useFreshTable();
});

async function rawItem(PK: string, SK: string) {
  const out = await env.client.send(new GetItemCommand({ TableName: env.name, Key: { PK: { S: PK }, SK: { S: SK } } }));
  return out.Item ? unmarshall(out.Item) : undefined;
}

const full = { a_pk: "aaa", b_pk: "bbb", c_sk: "ccc", d_sk: "ddd", e_gsi: "eee", f_gsi: "fff" };

describe("keys (ported from the Python library)", () => {
  it("builds PK, SK and GSI1PK from several fields in field order", () => {
    const m = new TestModel(full);
    expect(m.getPk()).toBe("A#aaa#B#bbb#TestModel");
    expect(m.getSk()).toBe("C#ccc#D#ddd");
    expect(m.getGsi1pk()).toBe("E#eee#F#fff#TestModel");
  });

  it("uses a changed suffix", () => {
    const Changed = defineModel("Changed", { v: field.string({ pk: true }) }, { suffix: "ChangedSuffix" });
    expect(new Changed({ v: "value_1" }).getPk()).toBe("V#value_1#ChangedSuffix");
  });

  it("throws when a key field is missing", () => {
    const m = new TestModel({ ...full, a_pk: undefined as unknown as string });
    expect(() => m.getPk()).toThrow(MissingRequiredFields);
  });

  it("gives null GSI1PK without gsi fields and a non-empty SK without sk fields", () => {
    const u = new User({ user_id: "u1", name: "Ann" });
    expect(u.getGsi1pk()).toBeNull();
    expect(u.getSk()).toBe("User");
  });
});

describe("writes and reads against DynamoDB Local", () => {
  it("saves the exact item shape and gets it back", async () => {
    const m = new TestModel({ ...full, another_attribute: "x" });
    await m.save();
    expect(await rawItem("A#aaa#B#bbb#TestModel", "C#ccc#D#ddd")).toEqual({
      PK: "A#aaa#B#bbb#TestModel", SK: "C#ccc#D#ddd", GSI1PK: "E#eee#F#fff#TestModel", _type: "TestModel",
      ...full, another_attribute: "x",
    });
    const got = await TestModel.objects.get({ a_pk: "aaa", b_pk: "bbb", c_sk: "ccc", d_sk: "ddd" });
    expect(got.equals(m)).toBe(true);
    expect(got.another_attribute).toBe("x");
  });

  it("throws DoesNotExist for an absent item", async () => {
    await expect(TestModel.objects.get({ a_pk: "no", b_pk: "no", c_sk: "no", d_sk: "no" })).rejects.toBeInstanceOf(DoesNotExist);
  });

  it("saves with override, and refuses to without", async () => {
    await Order.objects.create({ user_id: "s1", order_id: "o1", amount: 1 });
    await new Order({ user_id: "s1", order_id: "o1", amount: 2 }).save();
    expect((await Order.objects.get({ user_id: "s1", order_id: "o1" })).amount).toBe(2);
    await expect(new Order({ user_id: "s1", order_id: "o1", amount: 3 }).save({ allowOverride: false })).rejects.toBeInstanceOf(AlreadyExists);
    await expect(Order.objects.create({ user_id: "s1", order_id: "o1", amount: 4 })).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    expect((await Order.objects.get({ user_id: "s1", order_id: "o1" })).amount).toBe(2);
  });

  it("round-trips json and list fields, and numbers stay numbers", async () => {
    const data = { lines: [{ sku: "a", qty: 2 }, { sku: "b", qty: 1 }] };
    await Order.objects.create({ user_id: "j1", order_id: "o1", amount: 10.25, data, tags: ["x", "y"] });
    const got = await Order.objects.get({ user_id: "j1", order_id: "o1" });
    expect(got.data).toEqual(data);
    expect(got.tags).toEqual(["x", "y"]);
    expect(got.amount).toBe(10.25);
    expect(typeof got.amount).toBe("number");
  });

  it("deletes", async () => {
    const o = await Order.objects.create({ user_id: "d1", order_id: "o1", amount: 1 });
    await o.delete();
    await expect(Order.objects.get({ user_id: "d1", order_id: "o1" })).rejects.toBeInstanceOf(DoesNotExist);
  });

  it("updates with plain values and F expressions", async () => {
    const o = await Order.objects.create({ user_id: "u1", order_id: "o1", amount: 9.5 });
    await o.update({ amount: F("amount").add(1), note: "hi" });
    expect(o.amount).toBe(10.5);
    expect(o.note).toBe("hi");
    await o.update({ amount: F("amount").subtract(0.5), note: null });
    expect(o.amount).toBe(10);
    expect(o.note).toBeUndefined();
    const stored = await Order.objects.get({ user_id: "u1", order_id: "o1" });
    expect(stored.amount).toBe(10);
    expect(stored.note).toBeUndefined();
  });

  it("updates with F + F, list append and if-not-exists", async () => {
    const Counter = defineModel("Counter", {
      id: field.string({ pk: true }), a: field.number(), b: field.number(), hits: field.number({ optional: true }), log: field.list<string>(),
    });
    const c = await Counter.objects.create({ id: "c1", a: 2, b: 3, log: ["x"] });
    await c.update({ a: F("a").add(F("b")), hits: F("hits").ifNotExists(0), log: F("log").append(["y"]) });
    expect(c.toJSON()).toEqual({ id: "c1", a: 5, b: 3, hits: 0, log: ["x", "y"] });
  });

  it("never creates on update", async () => {
    const ghost = new Order({ user_id: "ghost", order_id: "o1", amount: 1 });
    await expect(ghost.update({ amount: 2 })).rejects.toBeInstanceOf(DoesNotExist);
    expect(await rawItem(ghost.getPk(), ghost.getSk())).toBeUndefined();
  });

  it("refuses to update key fields", async () => {
    const o = await Order.objects.create({ user_id: "k1", order_id: "o1", amount: 1 });
    // @ts-expect-error key fields are not updatable
    await expect(o.update({ order_id: "o2" })).rejects.toBeInstanceOf(KeyFieldUpdateError);
  });

  it("rewrites GSI1PK when a gsi field changes", async () => {
    const m = await TestModel.objects.create({ ...full, a_pk: "g1" });
    await m.update({ e_gsi: "new" });
    expect((await rawItem(m.getPk(), m.getSk()))?.GSI1PK).toBe("E#new#F#fff#TestModel");
    await TestModel.objects.update({ a_pk: "g1", b_pk: "bbb", c_sk: "ccc", d_sk: "ddd" }, { f_gsi: "z" });
    expect((await rawItem(m.getPk(), m.getSk()))?.GSI1PK).toBe("E#new#F#z#TestModel");
  });

  it("works with fields named after reserved words", async () => {
    const Reserved = defineModel("Reserved", {
      name: field.string({ pk: true }), type: field.string({ sk: true }), status: field.string(), data: field.json({ optional: true }),
    });
    const r = await Reserved.objects.create({ name: "n", type: "t", status: "s", data: { a: 1 } });
    await r.update({ status: "s2", data: { b: 2 } });
    expect((await Reserved.objects.get({ name: "n", type: "t" })).status).toBe("s2");
    const [only] = await Reserved.objects.using({ name: "n" }).only("status").all();
    expect(only?.status).toBe("s2");
    expect(only?.data).toBeUndefined();
    expect(await Reserved.objects.using({ name: "n" }).filter({ status: "s2", type: { beginsWith: "t" } }).all()).toHaveLength(1);
  });

  it("refuses numbers it cannot store exactly", async () => {
    await expect(Order.objects.create({ user_id: "n1", order_id: "o1", amount: 2 ** 60 })).rejects.toBeInstanceOf(ValidationError);
    await expect(Order.objects.create({ user_id: "n1", order_id: "o1", amount: Number.NaN })).rejects.toBeInstanceOf(ValidationError);
    await Order.objects.create({ user_id: "n1", order_id: "o2", amount: Number.MAX_SAFE_INTEGER });
    expect((await Order.objects.get({ user_id: "n1", order_id: "o2" })).amount).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("ignores a removed field, and reads an added one empty until updated", async () => {
    const V1 = defineModel("Evolving", { id: field.string({ pk: true }), old: field.string() });
    await V1.objects.create({ id: "e1", old: "x" });
    const V2 = defineModel("Evolving", { id: field.string({ pk: true }), added: field.string({ optional: true }) }, { replace: true });
    const got = await V2.objects.get({ id: "e1" });
    expect(got.toJSON()).toEqual({ id: "e1" });
    await got.update({ added: "now" });
    expect((await V2.objects.get({ id: "e1" })).added).toBe("now");
  });

  it("refuses a second model under a name already defined (replace: true, above, redefines on purpose)", () => {
    expect(() => defineModel("User", { id: field.string({ pk: true }) })).toThrow(InvalidDefinition);
    expect(() => defineModel("User", { id: field.string({ pk: true }) })).toThrow(/already defined/);
  });

  it("refuses __proto__ as a field name: assigning it would set an instance's prototype", () => {
    expect(() => defineModel("Proto", { id: field.string({ pk: true }), ["__proto__"]: field.string() })).toThrow(/"__proto__" is reserved/);
  });

  it("escapes # so distinct values never share a key", async () => {
    const Pair = defineModel("Pair", { a: field.string({ pk: true }), b: field.string({ pk: true }) });
    const one = await Pair.objects.create({ a: "x#B#y", b: "z" });
    const two = await Pair.objects.create({ a: "x", b: "y#B#z" });
    expect(one.getPk()).not.toBe(two.getPk());
    expect((await Pair.objects.get({ a: "x#B#y", b: "z" })).a).toBe("x#B#y");
  });

  it("runs inside table.context with another table name", async () => {
    await expect(table.context({ name: "missing-table" }, () => User.objects.get({ user_id: "x" }))).rejects.toMatchObject({ code: "DYNAMODB" });
    await User.objects.create({ user_id: "ctx", name: "C" });
    expect((await User.objects.get({ user_id: "ctx" })).status).toBe("active");
  });
});

describe("queries", () => {
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      const id = String(i).padStart(2, "0");
      await Order.objects.create({ user_id: "q1", order_id: id, amount: i });
    }
    await User.objects.create({ user_id: "q1", name: "Quinn" });
  });

  it("returns a partition in sort-key order, and reversed", async () => {
    const orders = await Order.objects.using({ user_id: "q1" }).all();
    expect(orders.map((o) => o.order_id)).toEqual(Array.from({ length: 12 }, (_, i) => String(i).padStart(2, "0")));
    const reversed = await Order.objects.using({ user_id: "q1" }).reverse().limit(3).all();
    expect(reversed.map((o) => o.order_id)).toEqual(["11", "10", "09"]);
  });

  it("limits, starts after a sort key, and takes the first", async () => {
    const after = await Order.objects.using({ user_id: "q1", order_id: "05" }).startingAfter().limit(2).all();
    expect(after.map((o) => o.order_id)).toEqual(["06", "07"]);
    expect((await Order.objects.using({ user_id: "q1" }).first())?.order_id).toBe("00");
    expect(await Order.objects.using({ user_id: "nobody" }).first()).toBeNull();
  });

  it("iterates over every page", async () => {
    env.requests.reset();
    const seen: string[] = [];
    for await (const o of Order.objects.using({ user_id: "q1" }).filter({ amount: { gte: 0 } })) seen.push(o.order_id);
    expect(seen).toHaveLength(12);
    const small = Order.objects.using({ user_id: "q1" });
    let n = 0;
    for await (const _ of small) n++;
    expect(n).toBe(12);
  });

  it("queries GSI1", async () => {
    for (const c of ["c1", "c2", "c3"]) await TestModel.objects.create({ ...full, a_pk: "gsi", c_sk: c, e_gsi: "idx" });
    const found = await TestModel.objects.using({ e_gsi: "idx", f_gsi: "fff" }).useIndex().all();
    expect(found.map((m) => m.c_sk)).toEqual(["c1", "c2", "c3"]);
  });

  it("builds the request with every option", () => {
    const q = TestModel.objects
      .using({ e_gsi: "e", f_gsi: "f", c_sk: "c" })
      .useIndex()
      .limit(5)
      .reverse()
      .only("another_attribute")
      .filter({ another_attribute: { exists: true } });
    expect(q.getQuery()).toEqual({
      TableName: env.name,
      IndexName: "GSI1",
      KeyConditionExpression: "#n0 = :v0 AND begins_with(#n1, :v1)",
      FilterExpression: "attribute_exists(#n2)",
      ProjectionExpression: "#n3, #n1, #n0, #n4, #n5, #n6, #n7, #n8, #n2",
      ExpressionAttributeNames: {
        "#n0": "GSI1PK", "#n1": "SK", "#n2": "another_attribute", "#n3": "PK", "#n4": "_type",
        "#n5": "a_pk", "#n6": "b_pk", "#n7": "c_sk", "#n8": "d_sk",
      },
      ExpressionAttributeValues: { ":v0": { S: "E#e#F#f#TestModel" }, ":v1": { S: "C#c#" } },
      ScanIndexForward: false,
      Limit: 5,
    });
  });

  it("keeps models apart in a shared partition", async () => {
    expect(await Order.objects.using({ user_id: "q1" }).all()).toHaveLength(12);
    expect((await User.objects.get({ user_id: "q1" })).name).toBe("Quinn");
  });
});

describe("what a write must not lose", () => {
  it("refuses to save an instance read with only(), which would erase the fields left out", async () => {
    await Order.objects.create({ user_id: "p1", order_id: "o1", amount: 3, note: "keep me" });
    const partial = await Order.objects.using({ user_id: "p1" }).only("amount").first();
    await expect(partial!.save()).rejects.toBeInstanceOf(ValidationError);
    await partial!.update({ amount: 4 });
    expect(await Order.objects.get({ user_id: "p1", order_id: "o1" })).toMatchObject({ amount: 4, note: "keep me" });
  });

  it("refuses a stored number JavaScript cannot hold exactly, rather than rounding it or returning a BigInt", async () => {
    await env.client.send(new PutItemCommand({
      TableName: env.name,
      Item: { PK: { S: "U#big#USER" }, SK: { S: "O#o1" }, user_id: { S: "big" }, order_id: { S: "o1" }, amount: { N: "12345678901234567890" } },
    }));
    await expect(Order.objects.get({ user_id: "big", order_id: "o1" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("GSI1PK stays in step with concurrent writers", () => {
  it("refuses to rebuild GSI1PK from a gsi field another writer has changed since", async () => {
    const key = { a_pk: "race", b_pk: "bbb", c_sk: "ccc", d_sk: "ddd" };
    const mine = await TestModel.objects.create({ ...key, e_gsi: "e1", f_gsi: "f1" });
    await TestModel.objects.update(key, { e_gsi: "e2", f_gsi: "f2" });
    await expect(mine.update({ e_gsi: "e3" })).rejects.toMatchObject({ code: "CONDITION_FAILED" });
    expect((await rawItem(mine.getPk(), mine.getSk()))?.GSI1PK).toBe("E#e2#F#f2#TestModel");
  });
});
