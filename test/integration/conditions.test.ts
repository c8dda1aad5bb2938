import { beforeAll, describe, expect, it } from "vitest";
import {
  ConditionFailed, defineModel, F, field, type InstanceOf, type ItemOf, type SortKeyCondition, type SortKeyOf, type Where,
} from "../../src/index.js";
import { expectRefused, storedItem } from "../support/stored.js";
import { useFreshTable } from "../support/storm.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
beforeAll(async () => {
  env = await useFreshTable();
});

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
        await expectRefused(env, item, write, ConditionFailed);
      }
    }
  });

  it.each(whereCases)("%s: save and delete are refused where it does not hold", async (_, condition, holds) => {
    for (const { id } of condItems) {
      const item = await load(id);
      if (holds(item)) continue;
      await expectRefused(env, item, () => item.save({ condition }), ConditionFailed);
      await expectRefused(env, item, () => item.delete({ condition }), ConditionFailed);
    }
  });

  it("saves and deletes when the condition holds", async () => {
    const c = await Cond.objects.create({ group: "cond-ok", id: "1", amount: 7, status: "new" });
    await c.save({ condition: { amount: 7 } });
    await c.delete({ condition: { status: { in: ["new"] } } });
    expect(await storedItem(env, c)).toBeUndefined();
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
