import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Where } from "../../src/ops/where.js";
import { whereMatcher } from "../../src/ops/where-match.js";
import { Order } from "../support/models.js";
import { useFreshTable } from "../support/storm.js";

/** The in-memory filter (stream changes never pass through a Query) agrees with DynamoDB's FilterExpression. */

const user = randomUUID();
const rows = [
  { order_id: "a", amount: 1, note: "gift wrap", tags: ["x", "y"], type: "é" },
  { order_id: "b", amount: 10, tags: [], type: "z" },
  { order_id: "c", amount: 2.5, note: "Gift", tags: ["y"], type: "\u{1F600}" },
  { order_id: "d", amount: -3, note: "", tags: ["x"], type: "\uFF21", data: { lines: [{ sku: "s", qty: 1 }] } },
];

beforeAll(async () => {
  await useFreshTable();
  for (const row of rows) await Order.objects.create({ user_id: user, ...row });
});

const filters: Where<typeof Order.fields>[] = [
  { amount: { gt: 1 } },
  { amount: { between: [-3, 2.5] } },
  { amount: 10 },
  { note: { exists: true } },
  { note: { notExists: true } },
  { note: { beginsWith: "gift" } },
  { note: { contains: "ift" } },
  { note: { ne: "Gift" } }, // absent notes included, as DynamoDB's <> does
  { tags: { contains: "x" } },
  { tags: [] },
  { order_id: { in: ["a", "d", "zz"] } },
  // Strings order by UTF-8 bytes: U+FF21 sorts before U+1F600, unlike UTF-16 code units.
  { type: { gt: "\uFF21" } },
  { type: { lt: "\u{1F600}" } },
  { or: [{ amount: { lt: 0 } }, { note: "Gift" }], not: { tags: { contains: "x" } } },
  { and: [{ amount: { gte: 1 } }, { amount: { lte: 2.5 } }] },
  { data: { exists: true } },
];

it.each(filters.map((f) => [JSON.stringify(f), f] as const))("%s selects what DynamoDB selects", async (_name, filter) => {
  const fromDynamo = (await Order.objects.using({ user_id: user }).filter(filter).all()).map((o) => o.order_id);
  const matcher = whereMatcher(Order.meta, filter);
  const inMemory = (await Order.objects.using({ user_id: user }).all()).filter(matcher).map((o) => o.order_id);
  expect(inMemory).toEqual(fromDynamo);
});

it("refuses what a Query's filter refuses", () => {
  expect(() => whereMatcher(Order.meta, { nope: 1 } as never)).toThrow(/unknown field "nope"/);
  expect(() => whereMatcher(Order.meta, { amount: { between: [5, 1] } })).toThrow(/low bound/);
});
