import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { table } from "../../src/index.js";
import { MemoryCheckpointStore, StreamReader, streamsClientFor, type StreamChange, type StreamReaderOptions } from "../../src/stream/index.js";
import { Order, User } from "../support/models.js";
import { useFreshTable } from "../support/storm.js";

/** Stream reads against DynamoDB Local, with faults injected into the Streams client's calls. */

let env: Awaited<ReturnType<typeof useFreshTable>>;
const readers: StreamReader[] = [];

beforeAll(async () => {
  env = await useFreshTable();
});

afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.stop()));
});

/** Records every call the client sends by command name, and lets a test fail chosen ones. */
function instrument(client: DynamoDBStreamsClient) {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  const faults: { command: string; name: string }[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName).replace(/Command$/, "");
      calls.push({ command, input: args.input as Record<string, unknown> });
      const fault = faults.findIndex((f) => f.command === command);
      if (fault >= 0) {
        const error = new Error("injected");
        error.name = faults.splice(fault, 1)[0]!.name;
        throw error;
      }
      return next(args);
    },
    { step: "initialize", name: `faults-${randomUUID()}` },
  );
  return { calls, faults };
}

function startReader(options: Partial<StreamReaderOptions> = {}) {
  const changes: StreamChange[] = [];
  const client = options.client ?? streamsClientFor(env.client);
  const probe = instrument(client);
  const reader = new StreamReader({ client, pollIntervalMs: 20, shardRefreshMs: 200, retry: { baseDelayMs: 5, maxDelayMs: 20 }, onChange: (c) => void changes.push(c), ...options });
  readers.push(reader);
  return { reader, changes, ...probe };
}

const orderIdOf = (node: unknown) => (node as { order_id: string }).order_id;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await delay(25);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const summary = (c: StreamChange) => [c.kind, c.model.modelName, c.node && c.node.toJSON(), c.previous && c.previous.toJSON()];

describe("StreamReader on DynamoDB Local", () => {
  it("delivers every write, whoever made it, as model instances: CREATED, UPDATED with previous, DELETED", async () => {
    const { reader, changes } = startReader();
    await reader.start();
    const user = randomUUID();
    const order = await Order.objects.create({ user_id: user, order_id: "o1", amount: 1 });
    await order.update({ amount: 2 });
    await order.delete();
    // A write outside the ORM (another service, a batch job) is seen too.
    await env.client.send(new PutItemCommand({ TableName: env.name, Item: { PK: { S: `U#${user}#USER` }, SK: { S: "User" }, _type: { S: "User" }, user_id: { S: user }, name: { S: "Ada" }, status: { S: "active" } } }));
    await until(() => changes.length === 4, "four changes");
    const base = { user_id: user, order_id: "o1", tags: [] };
    expect(changes.map(summary)).toEqual([
      ["CREATED", "Order", { ...base, amount: 1 }, null],
      ["UPDATED", "Order", { ...base, amount: 2 }, { ...base, amount: 1 }],
      ["DELETED", "Order", null, { ...base, amount: 2 }],
      ["CREATED", "User", { user_id: user, name: "Ada", status: "active" }, null],
    ]);
    expect(changes[0]!.node).toBeInstanceOf(Order);
    expect(changes[3]!.node).toBeInstanceOf(User);
    expect(new Set(changes.map((c) => c.images.id)).size).toBe(4);
  });

  it("starts at LATEST: writes made before start() are not delivered", async () => {
    const user = randomUUID();
    await Order.objects.create({ user_id: user, order_id: "before", amount: 1 });
    const { reader, changes } = startReader();
    await reader.start();
    await Order.objects.create({ user_id: user, order_id: "after", amount: 1 });
    await until(() => changes.some((c) => c.node?.toJSON().user_id === user), "the later write");
    expect(changes.filter((c) => c.node?.toJSON().user_id === user).map((c) => orderIdOf(c.node))).toEqual(["after"]);
  });

  it("resumes after a restart from the checkpoint: what was delivered is not delivered again, what came meanwhile is", async () => {
    const checkpoints = new MemoryCheckpointStore();
    const user = randomUUID();
    const mine = (changes: StreamChange[]) => changes.filter((c) => c.node?.toJSON().user_id === user).map((c) => orderIdOf(c.node));
    const first = startReader({ checkpoints });
    await first.reader.start();
    await Order.objects.create({ user_id: user, order_id: "a", amount: 1 });
    await until(() => mine(first.changes).length === 1, "the first write");
    await first.reader.stop();
    await Order.objects.create({ user_id: user, order_id: "b", amount: 1 });
    const second = startReader({ checkpoints });
    await second.reader.start();
    await until(() => mine(second.changes).length === 1, "the write made while stopped");
    await Order.objects.create({ user_id: user, order_id: "c", amount: 1 });
    await until(() => mine(second.changes).length === 2, "the write after the restart");
    expect(mine(second.changes)).toEqual(["b", "c"]);
    expect(second.calls.find((c) => c.command === "GetShardIterator")?.input.ShardIteratorType).toBe("AFTER_SEQUENCE_NUMBER");
  });

  it("takes an expired iterator up again after the last record delivered, and backs off throttled reads, delivering each record once", async () => {
    const { reader, changes, faults, calls } = startReader();
    await reader.start();
    const user = randomUUID();
    await Order.objects.create({ user_id: user, order_id: "a", amount: 1 });
    await until(() => changes.length === 1, "the first write");
    faults.push({ command: "GetRecords", name: "ExpiredIteratorException" }, { command: "GetRecords", name: "LimitExceededException" }, { command: "GetRecords", name: "LimitExceededException" });
    await until(() => faults.length === 0, "the faults to be hit");
    await Order.objects.create({ user_id: user, order_id: "b", amount: 1 });
    await until(() => changes.length === 2, "the second write");
    await delay(150);
    expect(changes.map((c) => orderIdOf(c.node))).toEqual(["a", "b"]);
    const iterators = calls.filter((c) => c.command === "GetShardIterator").map((c) => c.input);
    expect(iterators.map((i) => i.ShardIteratorType)).toEqual(["LATEST", "AFTER_SEQUENCE_NUMBER"]);
    expect(iterators[1]!.SequenceNumber).toBe(changes[0]!.position.sequenceNumber);
  });

  it("stops with an error retrying does not fix, kept as the cause", async () => {
    const { reader, faults } = startReader();
    await reader.start();
    faults.push({ command: "GetRecords", name: "AccessDeniedException" });
    await expect(reader.closed).rejects.toMatchObject({ code: "DYNAMODB", cause: { name: "AccessDeniedException" } });
  });

  it("reads the table's stream by default, and refuses a table without one", async () => {
    expect(table.name).toBe(env.name);
    const { reader } = startReader();
    await expect(reader.start()).resolves.toBeUndefined();
    const missing = new StreamReader({ client: streamsClientFor(env.client), table: { name: "no-such-table", client: env.client } as never, onChange: () => undefined });
    await expect(missing.start()).rejects.toMatchObject({ code: "DYNAMODB" });
  });
});
