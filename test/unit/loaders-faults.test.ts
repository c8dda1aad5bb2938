import {
  BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, GetItemCommand, ProvisionedThroughputExceededException, QueryCommand,
  TransactionCanceledException, TransactWriteItemsCommand, type AttributeValue, type BatchGetItemCommandInput,
  type BatchWriteItemCommandInput, type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  AlreadyExists, batchWrite, DynamoDBError, table, transaction, TransactionCancelled, UnprocessedError, withLoaders,
} from "../../src/index.js";
import { Order } from "../support/models.js";

const ddb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
const FAST = { retry: { baseDelayMs: 1, maxAttempts: 5 } };

beforeEach(() => {
  ddb.reset();
  table.configure({ name: "t", client });
});

const orderId = (i: number) => `o${String(i).padStart(3, "0")}`;
const stored = (i: number) => marshall({ PK: "U#u1#USER", SK: `O#${orderId(i)}`, _type: "Order", user_id: "u1", order_id: orderId(i), amount: i, tags: [] });
const skOf = (key: Record<string, AttributeValue>) => key.SK!.S!;
const throttle = () => new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} });

/** Serves BatchGetItem from `items`, leaving the keys `leave(call)` picks unprocessed. */
function serveBatchGets(leave: (call: number, keys: Record<string, AttributeValue>[]) => Record<string, AttributeValue>[]) {
  let call = 0;
  ddb.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => {
    const keys = input.RequestItems!.t!.Keys!;
    const left = leave(call++, keys);
    const served = keys.filter((k) => !left.includes(k)).map((k) => stored(Number(skOf(k).slice(3))));
    return { Responses: { t: served.reverse() }, ...(left.length ? { UnprocessedKeys: { t: { Keys: left } } } : {}) };
  });
}
const requestedKeys = () => ddb.commandCalls(BatchGetItemCommand).map((c) => c.args[0].input.RequestItems!.t!.Keys!.map(skOf));

describe("BatchGetItem faults", () => {
  it("retries UnprocessedKeys returned twice, then returns every item exactly once", async () => {
    serveBatchGets((call, keys) => (call < 2 ? keys.slice(0, 10 - call * 5) : []));
    const got = await withLoaders(() => Promise.all([...Array(30).keys()].map((i) => Order.objects.get({ user_id: "u1", order_id: orderId(i) }))), FAST);
    expect(got.map((o) => o.amount)).toEqual([...Array(30).keys()]);
    const calls = requestedKeys();
    expect(calls.map((keys) => keys.length)).toEqual([30, 10, 5]);
    // Each retry asks only for what the previous call left.
    expect(calls[1]).toEqual(calls[0]!.slice(0, 10));
    expect(calls[2]).toEqual(calls[1]!.slice(0, 5));
    // Every key was served exactly once over all calls.
    const served = calls.flatMap((keys, n) => keys.slice(n < 2 ? 10 - n * 5 : 0));
    expect(served.sort()).toEqual([...Array(30).keys()].map((i) => `O#${orderId(i)}`));
  });

  it("retries throttled calls, then serves", async () => {
    let calls = 0;
    ddb.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => {
      if (calls++ < 2) throw throttle();
      return { Responses: { t: input.RequestItems!.t!.Keys!.map((k) => stored(Number(skOf(k).slice(3)))) } };
    });
    const got = await withLoaders(() => Promise.all([1, 2, 3].map((i) => Order.objects.get({ user_id: "u1", order_id: orderId(i) }))), FAST);
    expect(got.map((o) => o.amount)).toEqual([1, 2, 3]);
    expect(ddb.commandCalls(BatchGetItemCommand)).toHaveLength(3);
  });

  it("gives the keys left after every retry an UnprocessedError naming them; the others resolve", async () => {
    serveBatchGets((_, keys) => keys.filter((k) => skOf(k) === "O#o002" || skOf(k) === "O#o004"));
    const results = await withLoaders(
      () => Promise.allSettled([1, 2, 3, 4].map((i) => Order.objects.get({ user_id: "u1", order_id: orderId(i) }))),
      { retry: { baseDelayMs: 1, maxAttempts: 3 } },
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    const error = (results[1] as PromiseRejectedResult).reason as UnprocessedError;
    expect(error).toBeInstanceOf(UnprocessedError);
    expect(error.code).toBe("UNPROCESSED");
    expect(error.entries).toEqual([{ PK: "U#u1#USER", SK: "O#o002" }, { PK: "U#u1#USER", SK: "O#o004" }]);
    expect(error.message).toContain("O#o004");
    expect((results[3] as PromiseRejectedResult).reason).toBe(error);
    expect(ddb.commandCalls(BatchGetItemCommand)).toHaveLength(3);
  });

  it("names the key and keeps the AWS error when throttling of a lone GetItem outlasts the retries, and tries again on the next get", async () => {
    ddb.on(GetItemCommand).rejects(throttle());
    await withLoaders(async () => {
      const error = await Order.objects.get({ user_id: "u1", order_id: orderId(1) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnprocessedError);
      expect((error as UnprocessedError).entries).toEqual([{ PK: "U#u1#USER", SK: "O#o001" }]);
      expect((error as Error).cause).toBeInstanceOf(ProvisionedThroughputExceededException);
      ddb.on(GetItemCommand).resolves({ Item: stored(1) });
      expect((await Order.objects.get({ user_id: "u1", order_id: orderId(1) })).amount).toBe(1);
    }, FAST);
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(6);
    expect(ddb.commandCalls(BatchGetItemCommand)).toHaveLength(0);
  });
});

describe("partition loader faults", () => {
  it("fetches a get by key when the read of its partition was cut short before it", async () => {
    ddb.on(QueryCommand).resolves({ Items: [stored(0)], LastEvaluatedKey: { PK: { S: "U#u1#USER" }, SK: { S: "O#o000" } } });
    ddb.on(GetItemCommand).resolves({ Item: stored(5) });
    const [first, later] = await withLoaders(() =>
      Promise.all([Order.objects.using({ user_id: "u1" }).first(), Order.objects.get({ user_id: "u1", order_id: orderId(5) })]),
    );
    expect([first?.amount, later.amount]).toEqual([0, 5]);
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(1);
    expect(ddb.commandCalls(GetItemCommand)).toHaveLength(1);
  });

  it("sends a narrower read itself when the enclosing read fails", async () => {
    let calls = 0;
    ddb.on(QueryCommand).callsFake(() => {
      if (calls++ === 0) throw new Error("boom");
      return { Items: [stored(1)] };
    });
    const [whole, narrow] = await withLoaders(() =>
      Promise.allSettled([Order.objects.using({ user_id: "u1" }).all(), Order.objects.using({ user_id: "u1", order_id: orderId(1) }).all()]),
    );
    expect(whole.status).toBe("rejected");
    expect((whole as PromiseRejectedResult).reason).toBeInstanceOf(DynamoDBError);
    expect(narrow.status === "fulfilled" && narrow.value.map((o) => o.amount)).toEqual([1]);
    expect(calls).toBe(2);
  });
});

describe("BatchWriteItem faults", () => {
  const orders = (n: number) => Array.from({ length: n }, (_, i) => new Order({ user_id: "u1", order_id: orderId(i), amount: i }));
  const skOfRequest = (r: WriteRequest) => (r.PutRequest?.Item ?? r.DeleteRequest?.Key)!.SK!.S!;
  const sentRequests = () => ddb.commandCalls(BatchWriteItemCommand).map((c) => c.args[0].input.RequestItems!.t!.map(skOfRequest));

  /** Accepts writes, leaving those `leave(call)` picks unprocessed; records what was written. */
  function serveBatchWrites(leave: (call: number, requests: WriteRequest[]) => WriteRequest[]): string[] {
    const written: string[] = [];
    let call = 0;
    ddb.on(BatchWriteItemCommand).callsFake((input: BatchWriteItemCommandInput) => {
      const requests = input.RequestItems!.t!;
      const left = leave(call++, requests);
      written.push(...requests.filter((r) => !left.includes(r)).map(skOfRequest));
      return left.length ? { UnprocessedItems: { t: left } } : {};
    });
    return written;
  }

  it("retries UnprocessedItems returned twice, then writes every item exactly once, 25 per call", async () => {
    const written = serveBatchWrites((call, requests) => (call === 0 || call === 2 ? requests.slice(0, 7) : []));
    await batchWrite(orders(40).map((put) => ({ put })), FAST);
    expect(sentRequests().map((r) => r.length)).toEqual([25, 7, 15, 7]);
    expect(written.sort()).toEqual(orders(40).map((o) => `O#${o.order_id}`));
    expect(new Set(written).size).toBe(40);
  });

  it("retries throttled calls", async () => {
    let calls = 0;
    ddb.on(BatchWriteItemCommand).callsFake(() => {
      if (calls++ < 2) throw throttle();
      return {};
    });
    await Order.objects.batchSave(orders(3), FAST);
    expect(sentRequests()).toEqual([["O#o000", "O#o001", "O#o002"], ["O#o000", "O#o001", "O#o002"], ["O#o000", "O#o001", "O#o002"]]);
  });

  it("names every unwritten item (that call's leftovers and all later calls) when retries run out", async () => {
    const written = serveBatchWrites((_, requests) => requests.filter((r) => skOfRequest(r) === "O#o003"));
    const error = await batchWrite(orders(30).map((put) => ({ put })), { retry: { baseDelayMs: 1, maxAttempts: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessedError);
    const entries = (error as UnprocessedError).entries as { op: string; model: string; key: { order_id: string } }[];
    expect(entries.map((e) => e.key.order_id)).toEqual(["o003", ...[...Array(5).keys()].map((i) => orderId(25 + i))]);
    expect(entries[0]).toEqual({ op: "put", model: "Order", key: { user_id: "u1", order_id: "o003" } });
    expect(written).toHaveLength(24);
    expect(written).not.toContain("O#o003");
    expect(sentRequests()).toHaveLength(2);
  });

  it("names the items of a call that failed for good, with the AWS error as cause", async () => {
    ddb.on(BatchWriteItemCommand).rejects(new Error("ValidationException"));
    const error = await Order.objects.batchDelete([{ user_id: "u1", order_id: "a" }], FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessedError);
    expect((error as UnprocessedError).entries).toEqual([{ op: "delete", model: "Order", key: { user_id: "u1", order_id: "a" } }]);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(sentRequests()).toHaveLength(1);
  });
});

describe("TransactWriteItems faults", () => {
  const tx = () =>
    transaction()
      .create(new Order({ user_id: "u1", order_id: "new", amount: 1 }))
      .create(new Order({ user_id: "u1", order_id: "taken", amount: 2 }))
      .delete(Order, { user_id: "u1", order_id: "old" });

  it("maps a cancelled transaction to TransactionCancelled with a typed error per item, without retrying", async () => {
    ddb.on(TransactWriteItemsCommand).rejects(
      new TransactionCanceledException({
        message: "Transaction cancelled",
        $metadata: {},
        CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed", Message: "The conditional request failed", Item: stored(7) }, { Code: "None" }],
      }),
    );
    const error = await tx().commit(FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCancelled);
    const cancelled = error as TransactionCancelled;
    expect(cancelled.code).toBe("TRANSACTION_CANCELLED");
    expect(cancelled.message).toContain("#1 ConditionalCheckFailed");
    expect(cancelled.reasons.map((r) => r.code)).toEqual(["None", "ConditionalCheckFailed", "None"]);
    expect(cancelled.reasons[1]!.error).toBeInstanceOf(AlreadyExists);
    expect(cancelled.reasons[1]).toMatchObject({ index: 1, model: "Order", key: { user_id: "u1", order_id: "taken" } });
    expect(ddb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it("retries a throttled transaction with the same client request token", async () => {
    ddb.on(TransactWriteItemsCommand).rejectsOnce(throttle()).rejectsOnce(throttle()).resolves({});
    await tx().commit(FAST);
    const tokens = ddb.commandCalls(TransactWriteItemsCommand).map((c) => c.args[0].input.ClientRequestToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends the given token, and fails with DynamoDBError when throttling outlasts the retries", async () => {
    ddb.on(TransactWriteItemsCommand).rejects(throttle());
    const error = await tx().commit({ clientRequestToken: "mine", retry: { baseDelayMs: 1, maxAttempts: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDBError);
    expect(ddb.commandCalls(TransactWriteItemsCommand).map((c) => c.args[0].input.ClientRequestToken)).toEqual(["mine", "mine"]);
  });
});
