import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, createYoga } from "graphql-yoga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSchema } from "../../src/graphql/index.js";
import { publishTo, StreamReader, streamsClientFor, type PublishedChange } from "../../src/stream/index.js";
import { Order, User } from "../support/models.js";
import { hasRedisServer, startRedis } from "../support/redis.js";
import { subscribe } from "../support/sse.js";
import { useFreshTable } from "../support/storm.js";

/**
 * Several server instances: one stream reader publishes through Redis (yoga's event target),
 * and every instance's subscribers receive each change once. CI installs redis-server
 * (.ci/run), so it is only skipped outside CI on a machine without it.
 */
const available = hasRedisServer() || !!process.env.CI;
if (!available) console.warn("subscriptions-redis.test.ts skipped: redis-server is not installed (apt-get install redis-server)");

describe.skipIf(!available)("subscriptions across server instances through Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let reader: StreamReader;

  /** What each process makes: a pubsub over Redis, with its own two connections. */
  const redisPubSub = () => createPubSub<Record<string, [PublishedChange]>>({ eventTarget: createRedisEventTarget({ publishClient: redis.client(), subscribeClient: redis.client() }) });

  beforeAll(async () => {
    const env = await useFreshTable();
    redis = await startRedis();
    reader = new StreamReader({ client: streamsClientFor(env.client), onChange: publishTo(redisPubSub()), pollIntervalMs: 20 });
    await reader.start();
  });

  afterAll(async () => {
    await reader?.stop();
    await redis?.stop();
  });

  it("two yoga servers, one reader: a write by the ORM outside GraphQL reaches both servers' subscribers, once each", async () => {
    const servers = [1, 2].map(() => createYoga({ schema: buildSchema({ models: [User, Order], subscriptions: { pubsub: redisPubSub() } }), logging: false }));
    const user = randomUUID();
    const query = `subscription ($user: String!) { ordersChanged(user_id: $user) { kind node { order_id amount } } }`;
    const subscribers = await Promise.all([...servers, servers[0]!].map((yoga) => subscribe(yoga, query, { user })));
    // Redis SUBSCRIBE is acknowledged asynchronously: give the subscriptions a moment to register.
    await delay(200);
    await Order.objects.create({ user_id: user, order_id: "o1", amount: 3 });
    await Promise.all(subscribers.map((s) => s.waitFor(1)));
    await delay(300);
    await Promise.all(subscribers.map((s) => s.close()));
    for (const s of subscribers) expect(s.received.map((e) => e.data)).toEqual([{ ordersChanged: { kind: "CREATED", node: { order_id: "o1", amount: 3 } } }]);
  });
});
