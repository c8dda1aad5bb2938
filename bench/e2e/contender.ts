/**
 * One contender of bench/e2e.ts in its own process: argv names it, DynamoDB Local's
 * endpoint and the table. It serves the operations through graphql-yoga in-process and
 * answers the parent's requests (bench/e2e/protocol.ts) over IPC.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { performance } from "node:perf_hooks";
import { models } from "../../example-server/models.js";
import { relations } from "../../example-server/schema.js";
import { buildSchema } from "../../src/graphql/index.js";
import { table } from "../../src/index.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../src/local/index.js";
import { graphqlClient } from "../../test/support/graphql.js";
import { RequestCounter } from "../../test/support/request-counter.js";
import { handWrittenContext, handWrittenSchema } from "./hand-written.js";
import { NetworkDelay } from "./network-delay.js";
import { e2eOperations } from "./operations.js";
import { Replay } from "./replay.js";
import type { Answer, ContenderName, Reply, Request, Throughput } from "./protocol.js";

const [name, endpoint, tableName] = process.argv.slice(2) as [ContenderName, string, string];
// BENCH_E2E_CACHE_MIDDLEWARE=1 builds every contender's client with the SDK's `cacheMiddleware` (docs/orm.md "Connection").
const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, cacheMiddleware: process.env.BENCH_E2E_CACHE_MIDDLEWARE === "1" });
const counter = new RequestCounter(client);
const delay = new NetworkDelay(client);
const replay = new Replay(client);

function contender(): ReturnType<typeof graphqlClient> {
  if (name === "this layer") {
    table.configure({ name: tableName, client });
    return graphqlClient(buildSchema({ models: [...models], relations }));
  }
  const doc = DynamoDBDocumentClient.from(client);
  return graphqlClient(handWrittenSchema(doc, tableName), handWrittenContext(doc, tableName, name === "hand-written"));
}
const send = contender();
const query = (op: number) => e2eOperations[op]!.query;

/** Runs every operation once recording DynamoDB's answers, then answers from them (`replay: true`), or goes live again. */
async function setReplay(on: boolean): Promise<void> {
  replay.mode = "live";
  if (!on) return;
  replay.mode = "record";
  for (const op of e2eOperations) await send(op.query);
  replay.mode = "replay";
}

async function answers(): Promise<Answer[]> {
  const out: Answer[] = [];
  for (const op of e2eOperations) {
    counter.reset();
    const response = await send(op.query);
    out.push({ response, calls: [...counter.calls] });
  }
  counter.reset();
  return out;
}

/** Operations completed per second with `inFlight` always under way, for `ms`. */
async function throughput(op: number, inFlight: number, ms: number): Promise<Throughput> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  let done = 0;
  const worker = async () => {
    while (performance.now() < end) {
      await send(query(op));
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  counter.reset();
  return { opsPerSecond: done / seconds, cpuPerOp: (used.user + used.system) / done };
}

/** Milliseconds of each of `count` operations sent one after another. */
async function latency(op: number, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await send(query(op));
    times.push(performance.now() - start);
  }
  counter.reset();
  return times;
}

function handle(request: Request): Promise<unknown> | unknown {
  switch (request.kind) {
    case "answers":
      return answers();
    case "throughput":
      return throughput(request.op, request.inFlight, request.ms);
    case "latency":
      return latency(request.op, request.count);
    case "replay":
      return setReplay(request.on);
    case "delay":
      delay.ms = request.ms;
      return undefined;
  }
}

process.on("message", (request: Request) => {
  const reply = (r: Omit<Reply, "id">) => process.send!({ id: request.id, ...r });
  Promise.resolve()
    .then(() => handle(request))
    .then(
      (result) => reply({ result }),
      (error: unknown) => reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});
process.on("disconnect", () => {
  client.destroy();
  process.exit(0);
});
process.send!({ id: 0, result: "ready" });
