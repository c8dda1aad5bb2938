import { setTimeout as delay } from "node:timers/promises";
import { CreateTableCommand, DescribeTableCommand, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BadCursor, ConditionFailed, defineModel, F, field, table, ValidationError, VersionConflict,
  type InstanceOf, type ItemOf, type SortKeyCondition, type SortKeyOf, type StandardSchemaV1, type Where,
} from "../../src/index.js";
import { User } from "../support/models.js";
import { useFreshTable } from "../support/storm.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
beforeAll(async () => {
  env = await useFreshTable();
});

/** The item as stored, read past the library. */
async function stored(m: { getPk(): string; getSk(): string }) {
  const out = await env.client.send(new GetItemCommand({ TableName: env.name, Key: { PK: { S: m.getPk() }, SK: { S: m.getSk() } }, ConsistentRead: true }));
  return out.Item ? unmarshall(out.Item) : undefined;
}

/** Runs `write`, expects it to throw `error`, and checks that the stored item did not change. */
async function expectRefused(m: { getPk(): string; getSk(): string }, write: () => Promise<unknown>, error: abstract new (...args: never[]) => Error) {
  const before = await stored(m);
  await expect(write()).rejects.toBeInstanceOf(error);
  expect(await stored(m)).toEqual(before);
}

/** A time strictly later than any taken so far (ISO strings have millisecond resolution). */
const tick = () => delay(3);

describe("field kinds", () => {
  const Event = defineModel("Event", {
    id: field.string({ pk: true }),
    at: field.datetime(),
    kind: field.enum(["meeting", "call"]),
    done: field.boolean(),
  });
  const valid = { id: "e1", at: "2024-05-01T10:30:00.000Z", kind: "call", done: false } as const;

  it("stores datetimes, enums and booleans and reads them back", async () => {
    for (const at of ["2024-05-01T10:30:00.000Z", "2024-05-01", "2024-05-01T10:30:00+02:00", "2024-02-29T23:59:59Z"]) {
      const e = await Event.objects.create({ ...valid, id: at, at });
      expect((await Event.objects.get({ id: at })).toJSON()).toEqual(e.toJSON());
    }
    const e = await Event.objects.get({ id: valid.at });
    expect(e.done).toBe(false);
    expect(e.kind).toBe("call");
  });

  it.each([
    ["a datetime that is not a date", { at: "not a date" }],
    ["an impossible datetime", { at: "2024-13-45T99:00:00Z" }],
    ["a datetime on a day that does not exist", { at: "2023-02-29T10:00:00Z" }],
    ["an enum value outside its values", { kind: "party" }],
    ["a boolean given as a string", { done: "false" }],
  ])("refuses %s with ValidationError and writes nothing", async (_, bad) => {
    const e = new Event({ ...valid, id: "bad", ...(bad as object) });
    await expectRefused(e, () => e.save(), ValidationError);
    expect(await stored(e)).toBeUndefined();
  });
});

describe("automatic timestamps", () => {
  const Note = defineModel("Note", {
    id: field.string({ pk: true }),
    created: field.datetime({ autoNowAdd: true }),
    modified: field.datetime({ autoNow: true }),
    text: field.string(),
  });

  it("sets autoNowAdd once at create and autoNow on every save and update", async () => {
    const before = new Date().toISOString();
    const n = await Note.objects.create({ id: "n1", text: "a" });
    const { created } = n;
    expect(created >= before).toBe(true);
    expect(n.modified).toBe(created);
    expect(await stored(n)).toMatchObject({ created, modified: created });

    const seen = [created];
    const writes = [() => n.save(), () => n.update({ text: "b" }), () => Note.objects.update({ id: "n1" }, { text: "c" })];
    for (const write of writes) {
      await tick();
      await write();
      const now = await stored(n);
      expect(now?.created).toBe(created);
      expect(seen).not.toContain(now?.modified);
      seen.push(now?.modified as string);
    }
    expect(n.created).toBe(created);
  });
});

describe("optimistic locking", () => {
  const Doc = defineModel("Doc", {
    id: field.string({ pk: true }),
    version: field.number({ version: true }),
    body: field.string(),
  });

  it("starts at 1 and counts every save and update", async () => {
    const d = await Doc.objects.create({ id: "v1", body: "a" });
    expect(d.version).toBe(1);
    await d.save();
    expect(d.version).toBe(2);
    await d.update({ body: "b" });
    expect(d.version).toBe(3);
    expect((await Doc.objects.update({ id: "v1" }, { body: "c" })).version).toBe(4);
    expect(await stored(d)).toMatchObject({ version: 4, body: "c" });
  });

  it("refuses a stale instance's save, update and delete with VersionConflict", async () => {
    await Doc.objects.create({ id: "v2", body: "a" });
    const stale = await Doc.objects.get({ id: "v2" });
    await (await Doc.objects.get({ id: "v2" })).update({ body: "fresh" });
    for (const write of [() => stale.save(), () => stale.update({ body: "stale" }), () => stale.delete()]) {
      await expectRefused(stale, write, VersionConflict);
      await expect(write()).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    }
    expect(await stored(stale)).toMatchObject({ version: 2, body: "fresh" });
  });

  it("refuses a stale instance whose item another writer deleted", async () => {
    const stale = await Doc.objects.create({ id: "v4", body: "a" });
    await Doc.objects.delete({ id: "v4" });
    await expect(stale.save()).rejects.toBeInstanceOf(VersionConflict);
    await expect(stale.update({ body: "b" })).rejects.toMatchObject({ code: "DOES_NOT_EXIST" });
    await expect(stale.delete()).rejects.toBeInstanceOf(VersionConflict);
    expect(await Doc.objects.find({ id: "v4" })).toBeNull();
  });

  it("deletes by key with a failing condition as ConditionFailed, whatever the version", async () => {
    await Doc.objects.create({ id: "v5", body: "a" });
    await expect(Doc.objects.delete({ id: "v5" }, { condition: { body: "b" } })).rejects.toBeInstanceOf(ConditionFailed);
  });

  it("refuses to set the version by hand", async () => {
    const d = await Doc.objects.create({ id: "v3", body: "a" });
    // @ts-expect-error the version field is not updatable; JavaScript callers get a ValidationError
    await expectRefused(d, () => d.update({ version: 7 }), ValidationError);
    // @ts-expect-error likewise for an expression
    await expectRefused(d, () => d.update({ version: F("version").add(1) }), ValidationError);
  });
});

describe("Standard Schema validators", () => {
  /** A minimal Standard Schema validator: `check` returns the problem, or null. */
  const schema = (check: (value: unknown) => string | null, path?: string): StandardSchemaV1 => ({
    "~standard": {
      version: 1,
      vendor: "test",
      validate: async (value) => {
        const message = check(value);
        return message ? { issues: [{ message, ...(path ? { path: [path] } : {}) }] } : { value };
      },
    },
  });
  const loWithinHi = ({ lo, hi }: { lo: number; hi: number }) => lo <= hi;
  const Range = defineModel(
    "Range",
    {
      id: field.string({ pk: true }),
      email: field.string({ validate: schema((v) => (String(v).includes("@") ? null : "not an email")) }),
      lo: field.number(),
      hi: field.number(),
    },
    { validate: schema((v) => (loWithinHi(v as { lo: number; hi: number }) ? null : "lo exceeds hi"), "hi") },
  );
  const valid = { id: "r1", email: "a@b.c", lo: 1, hi: 2 };

  it("rejects a bad field value and a bad item, listing the issues, and writes nothing", async () => {
    const bad = new Range({ ...valid, email: "nope", lo: 3 });
    const error = await bad.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: "email", message: "not an email" },
      { path: "hi", message: "lo exceeds hi" },
    ]);
    expect(await stored(bad)).toBeUndefined();
  });

  it("runs field validators on update", async () => {
    const r = await Range.objects.create(valid);
    await expectRefused(r, () => r.update({ email: "nope" }), ValidationError);
  });
});

/** Items for conditions and filters, and which operators they exercise. */
const Cond = defineModel("Cond", {
  group: field.string({ pk: true }),
  id: field.string({ sk: true }),
  amount: field.number(),
  status: field.enum(["new", "paid", "void"]),
  note: field.string({ optional: true }),
  tags: field.list({ default: () => [] }).$type<string[]>(),
  hits: field.number({ default: 0 }),
});
type CondItem = ItemOf<typeof Cond>;
const condItems: Omit<CondItem, "group" | "hits">[] = [
  { id: "1", amount: 1, status: "new", note: "hello world", tags: ["a"] },
  { id: "2", amount: 5, status: "paid", tags: [] },
  { id: "3", amount: 10, status: "paid", note: "say hello", tags: ["a", "b"] },
  { id: "4", amount: 20, status: "void", note: "x", tags: ["b"] },
];
/** Each Where and the same test in plain code: the oracle for both conditions and filters. */
const whereCases: [string, Where<typeof Cond.fields>, (i: CondItem) => boolean][] = [
  ["bare value", { status: "paid" }, (i) => i.status === "paid"],
  ["eq", { amount: { eq: 5 } }, (i) => i.amount === 5],
  ["ne", { status: { ne: "paid" } }, (i) => i.status !== "paid"],
  ["lt", { amount: { lt: 5 } }, (i) => i.amount < 5],
  ["lte", { amount: { lte: 5 } }, (i) => i.amount <= 5],
  ["gt", { amount: { gt: 5 } }, (i) => i.amount > 5],
  ["gte", { amount: { gte: 10 } }, (i) => i.amount >= 10],
  ["between", { amount: { between: [5, 10] } }, (i) => i.amount >= 5 && i.amount <= 10],
  ["in", { status: { in: ["new", "void"] } }, (i) => ["new", "void"].includes(i.status)],
  ["beginsWith", { note: { beginsWith: "hello" } }, (i) => !!i.note?.startsWith("hello")],
  ["contains (string)", { note: { contains: "lo" } }, (i) => !!i.note?.includes("lo")],
  ["contains (list)", { tags: { contains: "b" } }, (i) => i.tags.includes("b")],
  ["exists", { note: { exists: true } }, (i) => i.note !== undefined],
  ["exists: false", { note: { exists: false } }, (i) => i.note === undefined],
  ["notExists", { note: { notExists: true } }, (i) => i.note === undefined],
  ["two fields", { status: "paid", amount: { gt: 5 } }, (i) => i.status === "paid" && i.amount > 5],
  ["and", { and: [{ amount: { gte: 5 } }, { tags: { contains: "a" } }] }, (i) => i.amount >= 5 && i.tags.includes("a")],
  ["or", { or: [{ amount: { lt: 2 } }, { status: "void" }] }, (i) => i.amount < 2 || i.status === "void"],
  ["not", { not: { status: "paid" } }, (i) => i.status !== "paid"],
  ["not over two fields", { not: { status: "paid", amount: { gt: 5 } } }, (i) => !(i.status === "paid" && i.amount > 5)],
  ["one-element and", { and: [{ or: [{ amount: 1 }, { amount: 5 }] }] }, (i) => i.amount === 1 || i.amount === 5],
  ["nested", { not: { or: [{ note: { notExists: true } }, { amount: { between: [1, 5] } }] } }, (i) => !(i.note === undefined || (i.amount >= 1 && i.amount <= 5))],
];

it("each Where case holds for some items and not for others, so no test below is vacuous", () => {
  for (const [, , holds] of whereCases) {
    expect(new Set(condItems.map((i) => holds({ group: "g", hits: 0, ...i })))).toEqual(new Set([true, false]));
  }
});

describe("conditions on writes", () => {
  beforeAll(async () => {
    for (const item of condItems) await Cond.objects.create({ group: "cond", ...item });
  });
  const load = (id: string) => Cond.objects.get({ group: "cond", id }, { consistent: true });

  it.each(whereCases)("%s: updates when it holds, else ConditionFailed and nothing changed", async (_, condition, holds) => {
    for (const { id } of condItems) {
      const item = await load(id);
      const write = () => item.update({ hits: F("hits").add(1) }, { condition });
      if (holds(item)) {
        const hits = item.hits;
        await write();
        expect((await load(id)).hits).toBe(hits + 1);
      } else {
        await expectRefused(item, write, ConditionFailed);
      }
    }
  });

  it.each(whereCases)("%s: save and delete are refused where it does not hold", async (_, condition, holds) => {
    for (const { id } of condItems) {
      const item = await load(id);
      if (holds(item)) continue;
      await expectRefused(item, () => item.save({ condition }), ConditionFailed);
      await expectRefused(item, () => item.delete({ condition }), ConditionFailed);
    }
  });

  it("saves and deletes when the condition holds", async () => {
    const c = await Cond.objects.create({ group: "cond-ok", id: "1", amount: 7, status: "new" });
    await c.save({ condition: { amount: 7 } });
    await c.delete({ condition: { status: { in: ["new"] } } });
    expect(await stored(c)).toBeUndefined();
  });
});

describe("filters on queries", () => {
  beforeAll(async () => {
    for (const item of condItems) await Cond.objects.create({ group: "filter", ...item });
  });

  it.each(whereCases)("%s", async (_, where, holds) => {
    const all = await Cond.objects.using({ group: "filter" }).all();
    const expected = all.filter(holds).map((i) => i.id);
    const found = await Cond.objects.using({ group: "filter" }).filter(where).all();
    expect(found.map((i) => i.id)).toEqual(expected);
  });

  it("combines chained filters with AND", async () => {
    const found = await Cond.objects.using({ group: "filter" }).filter({ status: "paid" }).filter({ tags: { contains: "a" } }).all();
    expect(found.map((i) => i.id)).toEqual(["3"]);
  });
});

describe("sortKey on two sk fields", () => {
  const Ranged = defineModel("Ranged", {
    p: field.string({ pk: true }),
    c_sk: field.string({ sk: true }),
    d_sk: field.string({ sk: true }),
  });
  type Ranged = InstanceOf<typeof Ranged>;
  // "5 a" extends "5" with a character below "#", "55" with one above "$": both must stay outside the "5" block.
  const cs = ["4", "5 a", "5", "55", "6"];
  const ds = ["a", "b", "zz"];
  let all: Ranged[];

  beforeAll(async () => {
    for (const c_sk of cs) for (const d_sk of ds) await Ranged.objects.create({ p: "r", c_sk, d_sk });
    all = await Ranged.objects.using({ p: "r" }).all();
  });

  const query = (condition: SortKeyCondition<SortKeyOf<typeof Ranged>>) =>
    Ranged.objects.using({ p: "r" }).sortKey(condition).all().then((found) => found.map((r) => r.getSk()));
  /** The SKs, in reading order, from the first item matching `from` to the last matching `to`. */
  const span = (from: (r: Ranged) => boolean, to: (r: Ranged) => boolean) => {
    const first = all.findIndex(from);
    const last = all.findLastIndex(to);
    return all.slice(first, last + 1).map((r) => r.getSk());
  };
  const isBlock = (c: string, d?: string) => (r: Ranged) => r.c_sk === c && (d === undefined || r.d_sk === d);
  const any = () => true;

  it("reads the partition in SK order", () => {
    expect(all.map((r) => r.getSk())).toEqual([...all.map((r) => r.getSk())].sort());
    expect(all).toHaveLength(cs.length * ds.length);
  });

  it.each([
    ["eq", { eq: { c_sk: "5", d_sk: "b" } }, isBlock("5", "b"), isBlock("5", "b")],
    ["beginsWith (partial)", { beginsWith: { c_sk: "5" } }, isBlock("5"), isBlock("5")],
    ["gt (partial)", { gt: { c_sk: "5" } }, isBlock("55"), any],
    ["gte (partial)", { gte: { c_sk: "5" } }, isBlock("5"), any],
    ["lt (partial)", { lt: { c_sk: "5" } }, any, isBlock("5 a")],
    ["lte (partial)", { lte: { c_sk: "5" } }, any, isBlock("5")],
    ["between (partial)", { between: [{ c_sk: "5 a" }, { c_sk: "5" }] }, isBlock("5 a"), isBlock("5")],
    ["gt (full)", { gt: { c_sk: "5", d_sk: "a" } }, isBlock("5", "b"), any],
    ["gte (full)", { gte: { c_sk: "5", d_sk: "b" } }, isBlock("5", "b"), any],
    ["lt (full)", { lt: { c_sk: "5", d_sk: "b" } }, any, isBlock("5", "a")],
    ["lte (full)", { lte: { c_sk: "5", d_sk: "b" } }, any, isBlock("5", "b")],
    ["between (full)", { between: [{ c_sk: "4", d_sk: "b" }, { c_sk: "5", d_sk: "a" }] }, isBlock("4", "b"), isBlock("5", "a")],
  ] as const)("%s", async (_, condition, from, to) => {
    expect(await query(condition)).toEqual(span(from, to));
  });

  it("lte on a partial prefix includes every extension of it, and nothing that merely starts with its text", async () => {
    const found = await query({ lte: { c_sk: "5" } });
    expect(found).toContain("C#5#D#zz");
    expect(found.some((sk) => sk.startsWith("C#55"))).toBe(false);
  });

  it("startingAfter a partial prefix skips its whole block, in either direction", async () => {
    const after = (reverse: boolean) =>
      Ranged.objects.using({ p: "r", c_sk: "5" }).startingAfter().reverse(reverse).all().then((found) => found.map((r) => r.getSk()));
    expect(await after(false)).toEqual(span(isBlock("55"), any));
    expect(await after(true)).toEqual(span(any, isBlock("5 a")).reverse());
  });

  it("splits the partition around a block: lt + block + gt, and gte = block + gt", async () => {
    const [lt, block, gt, gte, lte] = await Promise.all([
      query({ lt: { c_sk: "5" } }), query({ beginsWith: { c_sk: "5" } }), query({ gt: { c_sk: "5" } }),
      query({ gte: { c_sk: "5" } }), query({ lte: { c_sk: "5" } }),
    ]);
    expect([...lt, ...block, ...gt]).toEqual(all.map((r) => r.getSk()));
    expect(gte).toEqual([...block, ...gt]);
    expect(lte).toEqual([...lt, ...block]);
  });
});

describe("page()", () => {
  const Row = defineModel("Row", {
    part: field.string({ pk: true }),
    n: field.string({ sk: true }),
    pick: field.boolean(),
  });
  const ids = (count: number) => Array.from({ length: count }, (_, i) => String(i).padStart(3, "0"));

  beforeAll(async () => {
    const rows = [
      ...ids(50).map((n) => ({ part: "fifty", n, pick: false })),
      ...ids(250).map((n) => ({ part: "sparse", n, pick: Number(n) % 5 === 0 })),
      ...ids(3).map((n) => ({ part: "other", n, pick: false })),
    ];
    for (let i = 0; i < rows.length; i += 25) await Promise.all(rows.slice(i, i + 25).map((r) => Row.objects.create(r)));
  });

  /** Every page of a query, as the sizes and the ids read. */
  async function readPages(query: ReturnType<typeof Row.objects.using>, size: number) {
    const sizes: number[] = [];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof query.page>> = await query.page({ size, cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((r) => r.n));
      expect(page.hasMore).toBe(page.cursor !== null);
      cursor = page.cursor;
    } while (cursor);
    return { sizes, seen };
  }

  it("pages 50 items 20 at a time: 20, 20, 10, no gaps or duplicates, null cursor at the end", async () => {
    const { sizes, seen } = await readPages(Row.objects.using({ part: "fifty" }), 20);
    expect(sizes).toEqual([20, 20, 10]);
    expect(seen).toEqual(ids(50));
  });

  it("pages in reverse", async () => {
    const { sizes, seen } = await readPages(Row.objects.using({ part: "fifty" }).reverse(), 20);
    expect(sizes).toEqual([20, 20, 10]);
    expect(seen).toEqual(ids(50).reverse());
  });

  it("fills each filtered page with `size` matches when they exist (1 item in 5 matches)", async () => {
    const { sizes, seen } = await readPages(Row.objects.using({ part: "sparse" }).filter({ pick: true }), 30);
    expect(sizes).toEqual([30, 20]);
    expect(seen).toEqual(ids(250).filter((n) => Number(n) % 5 === 0));
  });

  it("refuses tampered, foreign and garbage cursors with BadCursor", async () => {
    const fifty = Row.objects.using({ part: "fifty" });
    const { cursor } = await fifty.page({ size: 5 });
    const [payload, signature] = cursor!.split(".") as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString()) as { k: Record<string, string> };
    decoded.k.SK = "N#040";
    const tampered = `${Buffer.from(JSON.stringify(decoded)).toString("base64url")}.${signature}`;
    const badSignature = `${payload}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    for (const bad of [tampered, badSignature, "garbage", "a.b.c", "%%%.###"]) {
      await expect(fifty.page({ size: 5, cursor: bad })).rejects.toBeInstanceOf(BadCursor);
    }
    await expect(Row.objects.using({ part: "other" }).page({ size: 5, cursor })).rejects.toMatchObject({ code: "BAD_CURSOR" });
    await expect(fifty.filter({ pick: true }).page({ size: 5, cursor })).rejects.toMatchObject({ code: "BAD_CURSOR" });
    await expect(fifty.reverse().page({ size: 5, cursor })).rejects.toMatchObject({ code: "BAD_CURSOR" });
  });
});

describe("table", () => {
  it("context() keeps concurrent overrides apart across awaits", async () => {
    const names = [`ctx-a-${env.name}`, `ctx-b-${env.name}`];
    for (const name of names) await env.client.send(new CreateTableCommand(table.definition(name)));
    const inTable = (name: string) =>
      table.context({ name }, async () => {
        await User.objects.create({ user_id: "same", name });
        await tick();
        const seen = [table.name];
        const got = await User.objects.get({ user_id: "same" });
        await tick();
        return [...seen, table.name, got.name];
      });
    const results = await Promise.all(names.map(inTable));
    expect(results).toEqual(names.map((n) => [n, n, n]));
    expect(table.name).toBe(env.name);
    await expect(User.objects.get({ user_id: "same" })).rejects.toMatchObject({ code: "DOES_NOT_EXIST" });
  });

  it("definition() is the CreateTable input of the single-table layout", () => {
    expect(table.definition()).toEqual({
      TableName: env.name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "PK", AttributeType: "S" },
        { AttributeName: "SK", AttributeType: "S" },
        { AttributeName: "GSI1PK", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "GSI1",
          KeySchema: [
            { AttributeName: "GSI1PK", KeyType: "HASH" },
            { AttributeName: "SK", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    });
  });

  it("create() makes that table, and with ifNotExists tolerates an existing one", async () => {
    const name = `created-${env.name}`;
    await table.context({ name }, async () => {
      expect(await table.create()).toBe(true);
      expect(await table.create({ ifNotExists: true })).toBe(false);
    });
    const { Table } = await env.client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.KeySchema).toEqual(table.definition().KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.KeySchema])).toEqual([["GSI1", table.definition().GlobalSecondaryIndexes?.[0]?.KeySchema]]);
  });
});
