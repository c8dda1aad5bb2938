import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { marshall } from "@aws-sdk/util-dynamodb";
import { printSchema } from "graphql";
import { createPubSub, createYoga } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchema, belongsTo, type SubscriptionOptions } from "../../src/graphql/index.js";
import { defineModel, field, type InstanceOf } from "../../src/index.js";
import { publishRecords, publishTo, StreamReader, streamsClientFor, type PublishedChange } from "../../src/stream/index.js";
import { subscribe } from "../support/sse.js";
import { useFreshTable } from "../support/storm.js";

/** Subscriptions through yoga.fetch over SSE, fed by a StreamReader on DynamoDB Local. */

const Shop = defineModel("Shop", { shop_id: field.string({ pk: true }), name: field.string(), secret: field.string({ optional: true }) }, { suffix: "SHOP" });
const Sale = defineModel(
  "Sale",
  { shop_id: field.string({ pk: true }), sale_id: field.string({ sk: true, identifier: "S" }), amount: field.number(), status: field.enum(["OPEN", "HIDDEN"], { default: "OPEN" }) },
  { suffix: "SHOP" },
);

interface Caller {
  shop?: string | undefined;
  admin: boolean;
}

const pubsub = createPubSub<Record<string, [PublishedChange]>>();
let env: Awaited<ReturnType<typeof useFreshTable>>;
let reader: StreamReader;

function server(subscriptions: SubscriptionOptions = { pubsub }) {
  const schema = buildSchema({
    models: [Shop, Sale],
    relations: { Sale: { shop: belongsTo(Shop) } },
    rules: {
      // Shoppers see their own shop; admins all. Hidden sales are for admins only.
      Sale: { scope: (ctx: Caller) => (ctx.admin ? null : ctx.shop ? { shop_id: ctx.shop } : false), read: (ctx: Caller, sale: InstanceOf<typeof Sale>) => sale.status !== "HIDDEN" || ctx.admin },
    },
    guard: { Shop: { secret: (_shop, _args, ctx) => (ctx as Caller).admin } },
    subscriptions,
  });
  return createYoga<object>({
    schema,
    logging: false,
    context: ({ request }): Caller => ({ shop: request.headers.get("x-shop") ?? undefined, admin: request.headers.get("x-admin") === "yes" }),
  });
}

const ADMIN = { "x-admin": "yes" };

beforeAll(async () => {
  env = await useFreshTable();
  reader = new StreamReader({ client: streamsClientFor(env.client), onChange: publishTo(pubsub), pollIntervalMs: 20 });
  await reader.start();
});

afterAll(async () => {
  await reader.stop();
});

const SALES = /* GraphQL */ `
  subscription ($shop: String) {
    salesChanged(shop_id: $shop) { kind node { sale_id amount shop { name } } previous { amount } }
  }
`;

describe("subscriptions", () => {
  it("are off by default; on, each model gets <single>Changed(key), and <plural>Changed(pk) when it has sk fields", () => {
    expect(printSchema(buildSchema({ models: [Shop, Sale] }))).not.toContain("Subscription");
    const sdl = printSchema(buildSchema({ models: [Shop, Sale], subscriptions: { pubsub } }));
    expect(sdl).toContain("shopChanged(shop_id: String!): ShopChangeEvent!");
    expect(sdl).toContain("saleChanged(shop_id: String!, sale_id: String!): SaleChangeEvent!");
    expect(sdl).toMatch(/salesChanged\(\s*shop_id: String!\s*"""[^"]*"""\s*filter: SaleFilter\s*\): SaleChangeEvent!/);
    expect(sdl).not.toContain("shopsChanged");
    expect(sdl).toMatch(/type SaleChangeEvent \{[^}]*kind: ChangeKind![^}]*node: Sale[^}]*previous: Sale\n/);
    expect(sdl).toMatch(/enum ChangeKind \{\s*CREATED\s*UPDATED\s*DELETED\s*\}/);
  });

  it("deliver every write to a partition made by the ORM, once each, with relations resolved, and nothing of another partition", async () => {
    const shop = randomUUID();
    await Shop.objects.create({ shop_id: shop, name: "Corner" });
    const yoga = server();
    const sse = await subscribe(yoga, SALES, { shop }, ADMIN);
    expect(sse.status).toBe(200);
    const sale = await Sale.objects.create({ shop_id: shop, sale_id: "s1", amount: 5 });
    await Sale.objects.create({ shop_id: randomUUID(), sale_id: "elsewhere", amount: 1 });
    await sse.waitFor(1);
    // Each event reads afresh: the shop renamed since the first event shows its new name.
    await (await Shop.objects.get({ shop_id: shop })).update({ name: "Renamed" });
    await sale.update({ amount: 6 });
    await sale.delete();
    const events = await sse.waitFor(3);
    await delay(100);
    await sse.close();
    expect(sse.received.map((e) => e.data)).toEqual([
      { salesChanged: { kind: "CREATED", node: { sale_id: "s1", amount: 5, shop: { name: "Corner" } }, previous: null } },
      { salesChanged: { kind: "UPDATED", node: { sale_id: "s1", amount: 6, shop: { name: "Renamed" } }, previous: { amount: 5 } } },
      { salesChanged: { kind: "DELETED", node: null, previous: { amount: 6 } } },
    ]);
    expect(events.every((e) => e.errors === undefined)).toBe(true);
  });

  it("<single>Changed(key) sees only that item", async () => {
    const shop = randomUUID();
    const sse = await subscribe(server(), `subscription ($shop: String!) { saleChanged(shop_id: $shop, sale_id: "b") { kind node { sale_id } } }`, { shop }, ADMIN);
    await Sale.objects.create({ shop_id: shop, sale_id: "a", amount: 1 });
    await Sale.objects.create({ shop_id: shop, sale_id: "b", amount: 1 });
    await Sale.objects.create({ shop_id: shop, sale_id: "c", amount: 1 });
    await sse.waitFor(1);
    await delay(300);
    await sse.close();
    expect(sse.received.map((e) => e.data)).toEqual([{ saleChanged: { kind: "CREATED", node: { sale_id: "b" } } }]);
  });

  it("apply the model's scope and read rule to every event: a refused event is not delivered; a previous the caller may not read is null", async () => {
    const shop = randomUUID();
    const yoga = server();
    const mine = await subscribe(yoga, SALES, {}, { "x-shop": shop });
    const other = await subscribe(yoga, SALES, { shop }, { "x-shop": "someone-else" });
    const sale = await Sale.objects.create({ shop_id: shop, sale_id: "s", amount: 1 });
    await sale.update({ status: "HIDDEN", amount: 2 });
    await sale.update({ status: "OPEN", amount: 3 });
    await mine.waitFor(2);
    await delay(200);
    await Promise.all([mine.close(), other.close()]);
    expect(mine.received.map((e) => e.data)).toEqual([
      { salesChanged: { kind: "CREATED", node: { sale_id: "s", amount: 1, shop: null }, previous: null } },
      { salesChanged: { kind: "UPDATED", node: { sale_id: "s", amount: 3, shop: null }, previous: null } },
    ]);
    // Another shop's partition is outside this caller's scope: the stream ends with nothing.
    expect(other.received).toEqual([]);
    expect(other.complete).toBe(true);
  });

  it("apply field guards when the event's fields resolve", async () => {
    const shop = randomUUID();
    const query = `subscription ($shop: String!) { shopChanged(shop_id: $shop) { node { name secret } } }`;
    const yoga = server();
    const [shopper, admin] = await Promise.all([subscribe(yoga, query, { shop }, { "x-shop": shop }), subscribe(yoga, query, { shop }, ADMIN)]);
    await Shop.objects.create({ shop_id: shop, name: "Corner", secret: "s3cret" });
    await Promise.all([shopper.waitFor(1), admin.waitFor(1)]);
    await Promise.all([shopper.close(), admin.close()]);
    expect(admin.received.map((e) => e.data)).toEqual([{ shopChanged: { node: { name: "Corner", secret: "s3cret" } } }]);
    expect(shopper.received.map((e) => [e.data, e.errors?.map((x) => x.extensions?.code)])).toEqual([[{ shopChanged: { node: { name: "Corner", secret: null } } }, ["FORBIDDEN"]]]);
  });

  it("enforce the per-caller and per-process limits, and free a slot when a client goes away", async () => {
    const yoga = server({ pubsub, maxPerCaller: 1, maxActive: 2, callerKey: (ctx: Caller) => ctx.shop });
    const query = `subscription ($shop: String!) { shopChanged(shop_id: $shop) { kind } }`;
    const a1 = await subscribe(yoga, query, { shop: "a" }, { ...ADMIN, "x-shop": "a" });
    const refused = await subscribe(yoga, query, { shop: "a" }, { ...ADMIN, "x-shop": "a" });
    const b1 = await subscribe(yoga, query, { shop: "b" }, { ...ADMIN, "x-shop": "b" });
    const overProcess = await subscribe(yoga, query, { shop: "c" }, { ...ADMIN, "x-shop": "c" });
    await Promise.all([refused.waitFor(1), overProcess.waitFor(1)]);
    expect(refused.received[0]?.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "subscriptionsPerCaller", max: 1 });
    expect(overProcess.received[0]?.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "subscriptions", max: 2 });
    await a1.close();
    await delay(50);
    const again = await subscribe(yoga, query, { shop: "c" }, { ...ADMIN, "x-shop": "c" });
    await Shop.objects.create({ shop_id: "c", name: "C" });
    await again.waitFor(1);
    expect(again.received.map((e) => e.data)).toEqual([{ shopChanged: { kind: "CREATED" } }]);
    await Promise.all([again.close(), b1.close(), refused.close(), overProcess.close()]);
  });

  it("refuse a key DynamoDB could never store as BAD_USER_INPUT, without holding a subscription slot", async () => {
    const yoga = server({ pubsub, maxActive: 1 });
    const query = `subscription ($shop: String!) { shopChanged(shop_id: $shop) { kind } }`;
    const refused = await Promise.all([1, 2].map(() => subscribe(yoga, query, { shop: "k".repeat(3000) }, ADMIN)));
    await Promise.all(refused.map((sse) => sse.waitFor(1)));
    expect(refused.map((sse) => sse.received[0]?.errors?.[0]?.extensions?.code)).toEqual(["BAD_USER_INPUT", "BAD_USER_INPUT"]);
    const shop = randomUUID();
    const valid = await subscribe(yoga, query, { shop }, ADMIN);
    await Shop.objects.create({ shop_id: shop, name: "Valid" });
    await valid.waitFor(1);
    expect(valid.received.map((e) => e.data)).toEqual([{ shopChanged: { kind: "CREATED" } }]);
    await Promise.all([valid.close(), ...refused.map((sse) => sse.close())]);
  });

  it("<plural>Changed(filter) delivers writes whose item matches before or after, as a connection's filter selects; a bad filter is BAD_USER_INPUT", async () => {
    const shop = randomUUID();
    const query = `subscription ($shop: String!, $filter: SaleFilter) { salesChanged(shop_id: $shop, filter: $filter) { kind node { sale_id amount } } }`;
    const sse = await subscribe(server(), query, { shop, filter: { amount: { gte: 10 } } }, ADMIN);
    const bad = await subscribe(server(), query, { shop, filter: { amount: { between: [5, 1] } } }, ADMIN);
    const small = await Sale.objects.create({ shop_id: shop, sale_id: "small", amount: 1 });
    await Sale.objects.create({ shop_id: shop, sale_id: "big", amount: 50 });
    await small.update({ amount: 20 });
    await small.update({ amount: 2 });
    await sse.waitFor(3);
    await delay(200);
    await Promise.all([sse.close(), bad.close()]);
    expect(sse.received.map((e) => e.data)).toEqual([
      { salesChanged: { kind: "CREATED", node: { sale_id: "big", amount: 50 } } },
      { salesChanged: { kind: "UPDATED", node: { sale_id: "small", amount: 20 } } },
      // Out of the selection: still told, since it was in it before.
      { salesChanged: { kind: "UPDATED", node: { sale_id: "small", amount: 2 } } },
    ]);
    expect(bad.received.map((e) => e.errors?.[0]?.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  });

  it("receive what a Lambda on the stream publishes (publishRecords over the event's records)", async () => {
    const shop = randomUUID();
    const sse = await subscribe(server(), SALES, { shop }, ADMIN);
    const image = marshall({ PK: `SH#${shop}#SHOP`, SK: "S#l1", _type: "Sale", shop_id: shop, sale_id: "l1", amount: 4, status: "OPEN" });
    // The shape of a Lambda DynamoDBStreamEvent's records; items of no defined model are skipped.
    await publishRecords(pubsub, [
      { eventID: "lambda-1", eventName: "INSERT", dynamodb: { NewImage: image } },
      { eventID: "lambda-2", eventName: "INSERT", dynamodb: { NewImage: marshall({ PK: `SH#${shop}#SHOP`, SK: "X#1", _type: "Unknown" }) } },
    ]);
    await sse.waitFor(1);
    await delay(100);
    await sse.close();
    expect(sse.received.map((e) => e.data)).toEqual([{ salesChanged: { kind: "CREATED", node: { sale_id: "l1", amount: 4, shop: null }, previous: null } }]);
  });

  it("drop a change delivered twice (a reader restarted mid-batch publishes it again)", async () => {
    const shop = randomUUID();
    const changes: PublishedChange[] = [];
    const tap = new StreamReader({ client: streamsClientFor(env.client), onChange: (c) => void changes.push(c.images), pollIntervalMs: 20 });
    await tap.start();
    const sse = await subscribe(server(), SALES, { shop }, ADMIN);
    await Sale.objects.create({ shop_id: shop, sale_id: "once", amount: 1 });
    await sse.waitFor(1);
    await tap.stop();
    const mineOnly = changes.find((c) => c.node?.shop_id?.S === shop)!;
    pubsub.publish(`storm:changed:Sale:SH#${shop}#SHOP`, mineOnly);
    await delay(200);
    await sse.close();
    expect(sse.received).toHaveLength(1);
  });
});
