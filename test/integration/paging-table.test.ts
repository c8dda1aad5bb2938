import { setTimeout as delay } from "node:timers/promises";
import { CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { BadCursor, defineModel, field, table } from "../../src/index.js";
import { User } from "../support/models.js";
import { useFreshTable } from "../support/storm.js";
import { tamper } from "../support/tokens.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
beforeAll(async () => {
  env = await useFreshTable();
});

/** A time strictly later than any taken so far (ISO strings have millisecond resolution). */
const tick = () => delay(3);

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
    const inIv = tamper(cursor!, 0);
    const inKey = tamper(cursor!, 14);
    const inTag = tamper(cursor!, -1);
    for (const bad of [inIv, inKey, inTag, cursor!.slice(0, -2), "garbage", "a.b.c", "%%%.###"]) {
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
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
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
    // Subscriptions read this stream: every write, whoever made it.
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" });
    expect(Table?.LatestStreamArn).toMatch(/^arn:aws:dynamodb:/);
  });
});
