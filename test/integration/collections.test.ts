import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { Collection, defineModel, field, MissingRequiredFields, ValidationError, withLoaders } from "../../src/index.js";
import { Order, User } from "../support/models.js";
import { useFreshTable } from "../support/storm.js";

/** Shares User's and Order's partition (same suffix and pk identifier). */
const Note = defineModel("Note", {
  user_id: field.string({ pk: true }),
  note_id: field.string({ sk: true, identifier: "N" }),
  text: field.string(),
}, { suffix: "USER" });

/** Two models whose SKs look alike: an item of either without `_type` cannot be told apart. */
const Alpha = defineModel("Alpha", { g: field.string({ pk: true }), x: field.string({ sk: true }), a: field.number() }, { suffix: "AMB" });
const Beta = defineModel("Beta", { g: field.string({ pk: true }), x: field.string({ sk: true }), b: field.number() }, { suffix: "AMB" });

/** Tickets and comments share GSI1 partitions by assignee. */
const Ticket = defineModel("Ticket", {
  org: field.string({ pk: true }),
  ticket_id: field.string({ sk: true }),
  assignee: field.string({ gsi: true }),
  title: field.string(),
}, { suffix: "DESK" });
const Comment = defineModel("Comment", {
  comment_id: field.string({ pk: true }),
  at: field.string({ sk: true }),
  assignee: field.string({ gsi: true }),
  body: field.string(),
}, { suffix: "DESK" });

let env: Awaited<ReturnType<typeof useFreshTable>>;
const orderId = (i: number) => `o${String(i).padStart(2, "0")}`;

async function putRaw(item: Record<string, unknown>) {
  await env.client.send(new PutItemCommand({ TableName: env.name, Item: marshall(item) }));
}

beforeAll(async () => {
  env = await useFreshTable();
  await User.objects.create({ user_id: "u1", name: "Ann" });
  await Order.objects.batchSave(Array.from({ length: 20 }, (_, i) => new Order({ user_id: "u1", order_id: orderId(i), amount: i })));
  await Note.objects.create({ user_id: "u1", note_id: "n1", text: "hello" });
});

beforeEach(() => env.requests.reset());

describe("collections", () => {
  it("reads a user and 20 orders of one partition with 1 Query, each as its own model", async () => {
    const c = await User.objects.collection({ user_id: "u1" });
    expect(env.requests.calls).toEqual(["Query"]);
    expect(c).toBeInstanceOf(Collection);
    const [user] = c.of(User);
    expect(user).toBeInstanceOf(User);
    expect(user?.name).toBe("Ann");
    const orders = c.of(Order);
    expect(orders).toHaveLength(20);
    expect(orders.every((o) => o instanceof Order)).toBe(true);
    expect(orders.map((o) => o.amount)).toEqual([...Array(20).keys()]);
    expect(c.of(Note).map((n) => n.text)).toEqual(["hello"]);
    expect(c.items).toHaveLength(22);
    expect(c.raw).toEqual([]);
    expectTypeOf(orders[0]!.amount).toEqualTypeOf<number>();
    expectTypeOf(user!.name).toEqualTypeOf<string>();
  });

  it("keeps sort-key order across models, and the partition it read", async () => {
    const c = await Order.objects.partition({ user_id: "u1" });
    const sks = c.items.map((i) => (i instanceof User ? "User" : i instanceof Note ? `N#${i.note_id}` : i instanceof Order ? `O#${i.order_id}` : "?"));
    expect(sks).toEqual([...sks].sort());
    expect(c.partition).toEqual({ partition: "U#u1#USER", index: false, consistent: false });
  });

  it("shows the Query it sends", () => {
    expect(User.objects.getCollectionQuery({ user_id: "u1" }, { consistent: true })).toEqual({
      TableName: env.name,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": "PK" },
      ExpressionAttributeValues: { ":pk": { S: "U#u1#USER" } },
      ConsistentRead: true,
    });
  });

  it("routes items without _type (Python library) by SK shape, and returns the rest raw, never dropped", async () => {
    await putRaw({ PK: "U#py#USER", SK: "User", user_id: "py", name: "Py", status: "active" });
    await putRaw({ PK: "U#py#USER", SK: "O#p1", user_id: "py", order_id: "p1", amount: 3, tags: [] });
    await putRaw({ PK: "U#py#USER", SK: "Z#zz", user_id: "py", mystery: true });
    await putRaw({ PK: "U#py#USER", SK: "O#p2", _type: "Unheard", user_id: "py", x: 1 });
    const c = await User.objects.collection({ user_id: "py" });
    expect(c.items).toHaveLength(4);
    expect(c.of(User).map((u) => u.name)).toEqual(["Py"]);
    expect(c.of(Order).map((o) => o.amount)).toEqual([3]);
    expect(c.raw).toEqual([
      { PK: "U#py#USER", SK: "O#p2", _type: "Unheard", user_id: "py", x: 1 },
      { PK: "U#py#USER", SK: "Z#zz", user_id: "py", mystery: true },
    ]);
    expect(env.requests.count("Query")).toBe(1);
  });

  it("returns an item raw when its SK shape fits several models, and routes it when _type says which", async () => {
    await putRaw({ PK: "G#g1#AMB", SK: "X#1", g: "g1", x: "1", a: 1 });
    await Beta.objects.create({ g: "g1", x: "2", b: 2 });
    const c = await Alpha.objects.collection({ g: "g1" });
    expect(c.of(Alpha)).toEqual([]);
    expect(c.of(Beta).map((b) => b.b)).toEqual([2]);
    expect(c.raw).toEqual([{ PK: "G#g1#AMB", SK: "X#1", g: "g1", x: "1", a: 1 }]);
    const told = await Alpha.objects.collection({ g: "g1" }, { models: [Alpha] });
    expect(told.of(Alpha).map((a) => a.a)).toEqual([1]);
  });

  it("reads a GSI1 partition shared by two models", async () => {
    await Ticket.objects.create({ org: "acme", ticket_id: "t1", assignee: "ann", title: "Broken" });
    await Ticket.objects.create({ org: "acme", ticket_id: "t2", assignee: "bob", title: "Other" });
    await Comment.objects.create({ comment_id: "c1", at: "2024-01-01", assignee: "ann", body: "On it" });
    env.requests.reset();
    const c = await Ticket.objects.collection({ assignee: "ann" }, { index: true });
    expect(c.of(Ticket).map((t) => t.title)).toEqual(["Broken"]);
    expect(c.of(Comment).map((x) => x.body)).toEqual(["On it"]);
    expect(c.partition).toEqual({ partition: "A#ann#DESK", index: true, consistent: false });
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("refuses what it cannot read", async () => {
    await expect(User.objects.collection({ user_id: "u1" }, { index: true })).rejects.toBeInstanceOf(ValidationError);
    await expect(Ticket.objects.collection({ assignee: "ann" }, { index: true, consistent: true })).rejects.toBeInstanceOf(ValidationError);
    await expect(User.objects.collection({})).rejects.toBeInstanceOf(MissingRequiredFields);
    expect(env.requests.total).toBe(0);
  });

  it("reads every page of a partition larger than 1 MB", async () => {
    const big = "x".repeat(350_000);
    for (let i = 0; i < 4; i++) await Order.objects.create({ user_id: "big", order_id: orderId(i), amount: i, note: big });
    env.requests.reset();
    const c = await Order.objects.collection({ user_id: "big" });
    expect(c.of(Order).map((o) => o.amount)).toEqual([0, 1, 2, 3]);
    expect(env.requests.count("Query")).toBeGreaterThan(1);
  });
});

describe("collections under loaders", () => {
  it("answers the gets and reads of its partition: 1 Query in all", async () => {
    const [c, user, order, page, none] = await withLoaders(() =>
      Promise.all([
        User.objects.collection({ user_id: "u1" }),
        User.objects.get({ user_id: "u1" }),
        Order.objects.get({ user_id: "u1", order_id: orderId(4) }),
        Order.objects.using({ user_id: "u1" }).reverse().page({ size: 5 }),
        Note.objects.find({ user_id: "u1", note_id: "absent" }),
      ]),
    );
    expect(c.items).toHaveLength(22);
    expect([user.name, order.amount, page.items.map((o) => o.amount), page.hasMore, none]).toEqual(["Ann", 4, [19, 18, 17, 16, 15], true, null]);
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("primes later reads in the scope, and shares identical collections", async () => {
    await withLoaders(async () => {
      const [a, b] = await Promise.all([User.objects.collection({ user_id: "u1" }), Order.objects.collection({ user_id: "u1" })]);
      expect(b.items).toHaveLength(a.items.length);
      const notes = await Note.objects.using({ user_id: "u1" }).all();
      expect(notes.map((n) => n.text)).toEqual(["hello"]);
    });
    expect(env.requests.calls).toEqual(["Query"]);
  });

  it("answers gets from a multi-page collection too", async () => {
    await withLoaders(async () => {
      await Order.objects.collection({ user_id: "big" });
      expect((await Order.objects.get({ user_id: "big", order_id: orderId(3) })).amount).toBe(3);
    });
    expect(env.requests.count("BatchGetItem")).toBe(0);
  });
});
