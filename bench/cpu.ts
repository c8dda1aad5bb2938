/**
 * CPU cost per item of the library's own work, with no network: DynamoDB is a mocked client
 * that answers from prepared items (bench/support/mocked-table.ts). Each row runs in a
 * process of its own. Prints a markdown table.
 */
import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { Order, Product, models } from "../example-server/models.js";
import { relations } from "../example-server/schema.js";
import { buildSchema } from "../src/graphql/index.js";
import { table } from "../src/index.js";
import { cannedHttpClient } from "./support/canned-http.js";
import { graphqlClient } from "../test/support/graphql.js";
import { markdownTable } from "./support/markdown.js";
import { allocatedPerItem, measure, median, type Sample } from "./support/measure.js";
import { useMockedTable } from "./support/mocked-table.js";
import { orderInputs, productInputs } from "./support/shop.js";

const PARTITION = 1000;
const PRODUCTS = 100;
const GRAPHQL_PAGE = 100;

const mocked = useMockedTable();
const orders = orderInputs("c1", PARTITION, PRODUCTS).map((input) => new Order(input));
const storedOrders = orders.map((o) => Order.objects.getSaveQuery(o).Item!);
const storedProducts = productInputs(PRODUCTS).map((input) => Product.objects.getSaveQuery(new Product(input)).Item!);
mocked.answerFrom(storedOrders, storedProducts);

// The whole SDK stack over one canned HTTP response of the 1,000 orders: this layer against QueryCommand + unmarshall.
const canned = cannedHttpClient({ Items: storedOrders, Count: PARTITION, ScannedCount: PARTITION });
const cannedInput = Order.objects.using({ customer_id: "c1" }).getQuery();

const gql = graphqlClient(buildSchema({ models: [...models], relations }));
const pageQuery = `{ orders(customer_id: "c1", first: ${GRAPHQL_PAGE}) { nodes { order_id total product { name } } } }`;

interface Benchmark {
  name: string;
  items: number;
  work(): unknown;
  /** Untimed repetitions first. @default 500 */
  warmupMs?: number;
}

const benchmarks: Benchmark[] = [
  {
    name: "instances from stored items (`QuerySet.all()` over one Query, unmarshalling included)",
    items: PARTITION,
    work: () => Order.objects.using({ customer_id: "c1" }).all(),
  },
  {
    name: "QueryCommand + `unmarshall` of a 1,000-item page (canned HTTP response, whole SDK stack): the baseline",
    items: PARTITION,
    work: async () => ((await canned.send(new QueryCommand(cannedInput))).Items ?? []).map((raw) => unmarshall(raw)),
  },
  {
    name: "instances from the same canned HTTP response (`QuerySet.all()`)",
    items: PARTITION,
    // table.configure, not table.context: AsyncLocalStorage would turn on promise hooks for the rows after it.
    async work() {
      const mocked = table.client;
      table.configure({ client: canned });
      try {
        return await Order.objects.using({ customer_id: "c1" }).all();
      } finally {
        table.configure({ client: mocked });
      }
    },
  },
  { name: "`getSaveQuery` (validation + marshalling of a put)", items: PARTITION, work: () => orders.map((o) => Order.objects.getSaveQuery(o, false)) },
  { name: "`getUpdateQuery` (2 fields)", items: PARTITION, work: () => orders.map((o) => Order.objects.getUpdateQuery(o, { status: "PAID", quantity: 3 })) },
  { name: "key building (`getPk` + `getSk`)", items: PARTITION, work: () => orders.map((o) => o.getPk() + o.getSk()) },
  {
    name: `GraphQL page through yoga: ${GRAPHQL_PAGE} orders, each with its product (1 Query + 1 BatchGetItem of ${PRODUCTS} keys)`,
    items: GRAPHQL_PAGE,
    // graphql-js, yoga and the resolvers take a few thousand operations to settle in the JIT.
    warmupMs: 3000,
    async work() {
      const response = await gql(pageQuery);
      if (response.errors) throw new Error(`GraphQL page failed: ${JSON.stringify(response.errors)}`);
    },
  },
];

const fixed = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** What one row measured: CPU and wall time per run, then bytes allocated per item (after the timed runs, which sampling would slow). */
interface RowResult {
  samples: Sample[];
  bytesPerItem: number;
}

/** Runs row `index` in this process and hands its result to the parent. */
async function runRow(index: number): Promise<void> {
  const { items, work, warmupMs } = benchmarks[index]!;
  const samples = await measure(items, work, { ...(warmupMs === undefined ? {} : { warmupMs }) });
  const result: RowResult = { samples, bytesPerItem: await allocatedPerItem(items, work) };
  process.send!(result);
}

/** Row `index` measured in a process of its own: what the JIT learned from one row must not speed up or slow down the next. */
function rowInChild(index: number): Promise<RowResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, [ROW_ENV]: String(index) }, execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
    child.once("message", (result: RowResult) => resolve(result));
    child.once("exit", (code) => reject(new Error(`row ${index} exited with code ${code} before reporting`)));
  });
}

const ROW_ENV = "BENCH_CPU_ROW";
const row = process.env[ROW_ENV];
if (row !== undefined) {
  await runRow(Number(row));
  process.disconnect();
} else {
  const rows: string[][] = [];
  for (const [index, { name, items }] of benchmarks.entries()) {
    const { samples, bytesPerItem } = await rowInChild(index);
    const cpu = samples.map((s) => s.cpuPerItem);
    rows.push([name, String(items), fixed(median(cpu)), `${fixed(Math.min(...cpu))}–${fixed(Math.max(...cpu))}`, fixed(median(samples.map((s) => s.wallPerItem))), String(Math.round(bytesPerItem))]);
  }
  console.log(markdownTable(["operation", "items per call", "CPU µs/item (median of 5 runs)", "CPU min–max", "wall µs/item (median)", "bytes allocated/item (sampled)"], rows));
}
