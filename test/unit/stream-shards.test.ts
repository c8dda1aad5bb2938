import { setTimeout as delay } from "node:timers/promises";
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-dynamodb-streams";
import { marshall } from "@aws-sdk/util-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, expect, it } from "vitest";
import { MemoryCheckpointStore, StreamReader, type StreamChange } from "../../src/stream/index.js";
import { Order } from "../support/models.js";

/** Shard splits cannot be made on DynamoDB Local: the Streams API is scripted here. */

const ARN = "arn:aws:dynamodb:local:000000000000:table/t/stream/x";
const streams = mockClient(DynamoDBStreamsClient);
afterEach(() => streams.reset());

function record(id: string, sequence: string, orderId: string) {
  const item = marshall({ PK: "U#u1#USER", SK: `O#${orderId}`, _type: "Order", user_id: "u1", order_id: orderId, amount: 1, tags: [] });
  return { eventID: id, eventName: "INSERT" as const, dynamodb: { SequenceNumber: sequence, NewImage: item } };
}

/** A parent shard split into one child; the parent's last record and the child's first. */
function scriptSplit() {
  streams.on(DescribeStreamCommand).resolves({
    StreamDescription: {
      Shards: [
        // Listed child first: the reader must still read the parent to its end before it.
        { ShardId: "child", ParentShardId: "parent", SequenceNumberRange: { StartingSequenceNumber: "300" } },
        { ShardId: "parent", SequenceNumberRange: { StartingSequenceNumber: "100", EndingSequenceNumber: "200" } },
      ],
    },
  });
  streams.on(GetShardIteratorCommand, { ShardId: "parent" }).resolves({ ShardIterator: "parent-1" });
  streams.on(GetShardIteratorCommand, { ShardId: "child" }).resolves({ ShardIterator: "child-1" });
  streams.on(GetRecordsCommand, { ShardIterator: "parent-1" }).resolves({ Records: [record("e1", "150", "from-parent")], NextShardIterator: "parent-2" });
  // A closed shard read to its end answers no next iterator.
  streams.on(GetRecordsCommand, { ShardIterator: "parent-2" }).resolves({ Records: [] });
  streams.on(GetRecordsCommand, { ShardIterator: "child-1" }).resolves({ Records: [record("e2", "300", "from-child")], NextShardIterator: "child-2" });
  streams.on(GetRecordsCommand, { ShardIterator: "child-2" }).resolves({ Records: [], NextShardIterator: "child-2" });
}

const orderIdOf = (node: unknown) => (node as { order_id: string }).order_id;

async function readAll(checkpoints = new MemoryCheckpointStore()) {
  const changes: StreamChange[] = [];
  const reader = new StreamReader({ client: new DynamoDBStreamsClient({ region: "local" }), streamArn: ARN, checkpoints, startAt: "TRIM_HORIZON", pollIntervalMs: 5, shardRefreshMs: 1000, onChange: (c) => void changes.push(c) });
  await reader.start();
  for (let i = 0; i < 100 && changes.length < 2; i++) await delay(10);
  await reader.stop();
  return { changes, checkpoints };
}

it("after a split, reads the parent to its end, then the child from its start", async () => {
  scriptSplit();
  const { changes, checkpoints } = await readAll();
  expect(changes.map((c) => [orderIdOf(c.node), c.position.shardId])).toEqual([["from-parent", "parent"], ["from-child", "child"]]);
  expect(changes[0]!.node).toBeInstanceOf(Order);
  const iterators = streams.commandCalls(GetShardIteratorCommand).map((c) => [c.args[0].input.ShardId, c.args[0].input.ShardIteratorType]);
  expect(iterators).toEqual([["parent", "TRIM_HORIZON"], ["child", "TRIM_HORIZON"]]);
  expect(await checkpoints.load("parent")).toEqual({ finished: true });
  expect(await checkpoints.load("child")).toEqual({ sequenceNumber: "300" });
});

it("a restarted reader skips shards checkpointed as finished and resumes the child after its last record", async () => {
  scriptSplit();
  const checkpoints = new MemoryCheckpointStore();
  await checkpoints.save("parent", { finished: true });
  await checkpoints.save("child", { sequenceNumber: "299" });
  await readAll(checkpoints);
  const iterators = streams.commandCalls(GetShardIteratorCommand).map((c) => c.args[0].input);
  expect(iterators).toEqual([expect.objectContaining({ ShardId: "child", ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: "299" })]);
});

it("on a first start at LATEST, a closed shard is skipped and its open child starts at LATEST", async () => {
  scriptSplit();
  const reader = new StreamReader({ client: new DynamoDBStreamsClient({ region: "local" }), streamArn: ARN, pollIntervalMs: 5, onChange: () => undefined });
  await reader.start();
  await reader.stop();
  expect(streams.commandCalls(GetShardIteratorCommand).map((c) => [c.args[0].input.ShardId, c.args[0].input.ShardIteratorType])).toEqual([["child", "LATEST"]]);
});
