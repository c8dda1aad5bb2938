/**
 * Subscriptions from the stream on DynamoDB Local: the delay from a write to its event at an
 * SSE subscriber (p50, p99), and how many changes per second one reader decodes and publishes.
 * Prints markdown tables for bench/README.md.
 */
import { createPubSub, createYoga } from "graphql-yoga";
import { Order } from "../example-server/models.js";
import { buildSchema } from "../src/graphql/index.js";
import { batchWrite } from "../src/index.js";
import { publishTo, StreamReader, streamsClientFor, type PublishedChange } from "../src/stream/index.js";
import { subscribe } from "../test/support/sse.js";
import { withLocalTable } from "./support/local-table.js";
import { markdownTable } from "./support/markdown.js";

/** Writes timed one after the other, per reader setting. */
const WRITES = 200;
/** Changes read back for the throughput figure. */
const BACKLOG = 5_000;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function delays(client: Parameters<typeof streamsClientFor>[0], pollIntervalMs: number): Promise<number[]> {
  const pubsub = createPubSub<Record<string, [PublishedChange]>>();
  const reader = new StreamReader({ client: streamsClientFor(client), onChange: publishTo(pubsub), pollIntervalMs });
  await reader.start();
  const yoga = createYoga({ schema: buildSchema({ models: [Order], subscriptions: { pubsub } }), logging: false });
  const customer = `delay-${pollIntervalMs}`;
  const sse = await subscribe(yoga, `subscription ($c: String!) { ordersChanged(customer_id: $c) { node { order_id } } }`, { c: customer });
  const sent = new Map<string, number>();
  for (let i = 0; i < WRITES; i++) {
    const order_id = `o-${i}`;
    sent.set(order_id, performance.now());
    await Order.objects.create({ customer_id: customer, order_id, product_id: "p", quantity: 1, total: 1 });
  }
  await sse.waitFor(WRITES, 30_000);
  await sse.close();
  if (sse.received.length !== WRITES) throw new Error(`${sse.received.length} of ${WRITES} events arrived`);
  const arrived = new Map(sse.received.map((event, i) => [(event.data as { ordersChanged: { node: { order_id: string } } }).ordersChanged.node.order_id, sse.arrivals[i]!]));
  await reader.stop();
  return [...sent].map(([id, at]) => arrived.get(id)! - at).sort((a, b) => a - b);
}

async function throughput(client: Parameters<typeof streamsClientFor>[0]): Promise<number> {
  const orders = Array.from({ length: BACKLOG }, (_, i) => new Order({ customer_id: `load-${i % 50}`, order_id: `o-${i}`, product_id: "p", quantity: 1, total: i }));
  await batchWrite(orders.map((put) => ({ put })));
  let count = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const publish = publishTo(createPubSub<Record<string, [PublishedChange]>>());
  const reader = new StreamReader({
    client: streamsClientFor(client),
    startAt: "TRIM_HORIZON",
    onChange: async (change) => {
      if (change.model !== Order || !(change.node as { customer_id: string } | null)?.customer_id.startsWith("load-")) return;
      await publish(change);
      if (++count === BACKLOG) done();
    },
  });
  const started = performance.now();
  await reader.start();
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await reader.stop();
  return BACKLOG / seconds;
}

await withLocalTable(async (client) => {
  const rows: string[][] = [];
  for (const poll of [500, 50]) {
    const d = await delays(client, poll);
    rows.push([`${poll} ms${poll === 500 ? " (default)" : ""}`, String(WRITES), `${percentile(d, 50).toFixed(0)} ms`, `${percentile(d, 99).toFixed(0)} ms`]);
  }
  console.log("Delay from a write (ORM create) to its event at an SSE subscriber, one write at a time:\n");
  console.log(markdownTable(["reader pollIntervalMs", "writes", "p50", "p99"], rows));
  const rate = await throughput(client);
  console.log(`\nOne reader, ${BACKLOG.toLocaleString("en")} changes waiting in the stream: decoded and published at ${Math.round(rate).toLocaleString("en")} changes/s.`);
});
