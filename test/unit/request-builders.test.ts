import {
  ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, ProvisionedThroughputExceededException,
  PutItemCommand, UpdateItemCommand, type ServiceOutputTypes,
} from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { mockClient, type AwsCommand } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  AlreadyExists, ConditionFailed, defineModel, DoesNotExist, DynamoDBError, F, field, table, VersionConflict,
} from "../../src/index.js";
import { Order, TestModel } from "../support/models.js";

const full = { a_pk: "aaa", b_pk: "bbb", c_sk: "ccc", d_sk: "ddd", e_gsi: "eee", f_gsi: "fff" };
const testKey = { a_pk: "aaa", b_pk: "bbb", c_sk: "ccc", d_sk: "ddd" };
const orderKey = { user_id: "u1", order_id: "o1" };
const ORDER_KEY = { PK: { S: "U#u1#USER" }, SK: { S: "O#o1" } };
const ORDER_ITEM = {
  ...ORDER_KEY,
  _type: { S: "Order" }, user_id: { S: "u1" }, order_id: { S: "o1" }, amount: { N: "9.5" }, note: { S: "n" }, tags: { L: [] },
};
/** What every UpdateItem asks for besides its own actions. */
const UPDATE_RETURNS = { ReturnValues: "ALL_NEW", ReturnValuesOnConditionCheckFailure: "ALL_OLD" } as const;
/** What every sent request asks for besides the built one: the capacity it consumed, for the operation's cost. */
const CAPACITY = { ReturnConsumedCapacity: "TOTAL" } as const;

const order = () => new Order({ ...orderKey, amount: 9.5, note: "n" });

const ddb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
/** The inputs sent with one command class, in order. */
const sent = <I extends object, O extends ServiceOutputTypes>(command: new (input: I) => AwsCommand<I, O>) => ddb.commandCalls(command).map((c) => c.args[0].input);

beforeEach(() => {
  ddb.reset();
  table.configure({ name: "t", client });
});

describe("request builders", () => {
  it("getLoadQuery: the table key, and ConsistentRead only when asked", () => {
    const Key = { PK: { S: "A#aaa#B#bbb#TestModel" }, SK: { S: "C#ccc#D#ddd" } };
    expect(TestModel.objects.getLoadQuery(testKey)).toEqual({ TableName: "t", Key });
    expect(TestModel.objects.getLoadQuery(testKey, { consistent: true })).toEqual({ TableName: "t", Key, ConsistentRead: true });
  });

  it("getSaveQuery: the whole item with keys, GSI1PK and _type; no condition when overriding", () => {
    expect(TestModel.objects.getSaveQuery(new TestModel(full), true)).toEqual({
      TableName: "t",
      Item: {
        PK: { S: "A#aaa#B#bbb#TestModel" }, SK: { S: "C#ccc#D#ddd" }, GSI1PK: { S: "E#eee#F#fff#TestModel" }, _type: { S: "TestModel" },
        ...marshall(full),
      },
    });
    expect(Order.objects.getSaveQuery(order(), true)).toEqual({ TableName: "t", Item: ORDER_ITEM });
  });

  it("getSaveQuery(m, false): refuses an existing item and asks for it on failure", () => {
    expect(Order.objects.getSaveQuery(order(), false)).toEqual({
      TableName: "t",
      Item: ORDER_ITEM,
      ConditionExpression: "attribute_not_exists(#n0)",
      ExpressionAttributeNames: { "#n0": "PK" },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    });
  });

  it("getUpdateQuery: plain values, null removes an optional field, _type is set, the item must exist", () => {
    expect(Order.objects.getUpdateQuery(order(), { amount: 5, note: null })).toEqual({
      TableName: "t",
      Key: ORDER_KEY,
      UpdateExpression: "SET #n0 = :v0, #n2 = :v1 REMOVE #n1",
      ConditionExpression: "attribute_exists(#n3)",
      ExpressionAttributeNames: { "#n0": "amount", "#n1": "note", "#n2": "_type", "#n3": "PK" },
      ExpressionAttributeValues: { ":v0": { N: "5" }, ":v1": { S: "Order" } },
      ...UPDATE_RETURNS,
    });
  });

  it("getUpdateQuery: F(x).add(1) and F + F are computed by DynamoDB", () => {
    const shape = (set: string, values: Record<string, unknown>) => ({
      TableName: "t",
      Key: ORDER_KEY,
      UpdateExpression: set,
      ConditionExpression: "attribute_exists(#n2)",
      ExpressionAttributeNames: { "#n0": "amount", "#n1": "_type", "#n2": "PK" },
      ExpressionAttributeValues: values,
      ...UPDATE_RETURNS,
    });
    expect(Order.objects.getUpdateQuery(order(), { amount: F("amount").add(1) })).toEqual(
      shape("SET #n0 = #n0 + :v0, #n1 = :v1", { ":v0": { N: "1" }, ":v1": { S: "Order" } }),
    );
    expect(Order.objects.getUpdateQuery(order(), { amount: F("amount").add(F("amount")) })).toEqual(
      shape("SET #n0 = #n0 + #n0, #n1 = :v0", { ":v0": { S: "Order" } }),
    );
  });

  it("getUpdateQuery: a gsi field change rewrites GSI1PK from every gsi field, and requires the unchanged ones as read", () => {
    expect(TestModel.objects.getUpdateQuery(new TestModel(full), { e_gsi: "new" })).toEqual({
      TableName: "t",
      Key: { PK: { S: "A#aaa#B#bbb#TestModel" }, SK: { S: "C#ccc#D#ddd" } },
      UpdateExpression: "SET #n0 = :v0, #n1 = :v1, #n3 = :v3",
      ConditionExpression: "(attribute_exists(#n4)) AND (#n2 = :v2)",
      ExpressionAttributeNames: { "#n0": "e_gsi", "#n1": "GSI1PK", "#n2": "f_gsi", "#n3": "_type", "#n4": "PK" },
      ExpressionAttributeValues: { ":v0": { S: "new" }, ":v1": { S: "E#new#F#fff#TestModel" }, ":v2": { S: "fff" }, ":v3": { S: "TestModel" } },
      ...UPDATE_RETURNS,
    });
  });

  it("getDeleteQuery: the key, returning the deleted item", () => {
    expect(Order.objects.getDeleteQuery(order())).toEqual({ TableName: "t", Key: ORDER_KEY, ReturnValues: "ALL_OLD" });
  });
});

describe("operations send exactly the built requests, asking for the capacity they consume", () => {
  it("save and create send PutItem", async () => {
    ddb.on(PutItemCommand).resolves({});
    await order().save();
    await Order.objects.create({ ...orderKey, amount: 9.5, note: "n" });
    expect(sent(PutItemCommand)).toEqual([{ ...Order.objects.getSaveQuery(order(), true), ...CAPACITY }, { ...Order.objects.getSaveQuery(order(), false), ...CAPACITY }]);
  });

  it("update sends UpdateItem and refreshes the instance from ALL_NEW", async () => {
    ddb.on(UpdateItemCommand).resolves({ Attributes: { ...ORDER_ITEM, amount: { N: "10.5" } } });
    const o = order();
    await o.update({ amount: F("amount").add(1) });
    expect(sent(UpdateItemCommand)).toEqual([{ ...Order.objects.getUpdateQuery(order(), { amount: F("amount").add(1) }), ...CAPACITY }]);
    expect(o.amount).toBe(10.5);
  });

  it("delete sends DeleteItem", async () => {
    ddb.on(DeleteItemCommand).resolves({});
    await order().delete();
    expect(sent(DeleteItemCommand)).toEqual([{ ...Order.objects.getDeleteQuery(order()), ...CAPACITY }]);
  });

  it("get sends GetItem and builds the instance", async () => {
    ddb.on(GetItemCommand).resolves({ Item: ORDER_ITEM });
    const got = await Order.objects.get(orderKey);
    expect(sent(GetItemCommand)).toEqual([{ ...Order.objects.getLoadQuery(orderKey), ...CAPACITY }]);
    expect(got.equals(order())).toBe(true);
  });
});

describe("AWS errors are mapped, never swallowed", () => {
  const conditionFailed = (Item?: Record<string, unknown>) =>
    new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {}, ...(Item ? { Item: marshall(Item) } : {}) });
  const stored = { PK: "U#u1#USER", SK: "O#o1", _type: "Order", ...orderKey, amount: 1, tags: [] };

  it("a failed create is AlreadyExists, with the AWS error as cause", async () => {
    const aws = conditionFailed(stored);
    ddb.on(PutItemCommand).rejects(aws);
    const error = await Order.objects.create({ ...orderKey, amount: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlreadyExists);
    expect(error).toMatchObject({ code: "ALREADY_EXISTS", cause: aws });
  });

  it("an update of an absent item is DoesNotExist", async () => {
    ddb.on(UpdateItemCommand).rejects(conditionFailed());
    await expect(order().update({ amount: 2 })).rejects.toBeInstanceOf(DoesNotExist);
  });

  it("a user condition failing on an existing item is ConditionFailed", async () => {
    ddb.on(UpdateItemCommand).rejects(conditionFailed(stored));
    ddb.on(PutItemCommand).rejects(conditionFailed(stored));
    ddb.on(DeleteItemCommand).rejects(conditionFailed(stored));
    const condition = { amount: { gt: 5 } };
    await expect(order().update({ note: "x" }, { condition })).rejects.toBeInstanceOf(ConditionFailed);
    await expect(order().save({ condition })).rejects.toBeInstanceOf(ConditionFailed);
    await expect(order().delete({ condition })).rejects.toBeInstanceOf(ConditionFailed);
  });

  it("a stored version other than the instance's is VersionConflict", async () => {
    const Doc = defineModel("Doc", { id: field.string({ pk: true }), v: field.number({ version: true }) });
    ddb.on(PutItemCommand).rejects(conditionFailed({ PK: "I#d#Doc", SK: "Doc", id: "d", v: 3 }));
    await expect(new Doc({ id: "d", v: 2 }).save()).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    await expect(new Doc({ id: "d", v: 2 }).save()).rejects.toBeInstanceOf(VersionConflict);
  });

  const throttled = () => new ProvisionedThroughputExceededException({ message: "Rate exceeded", $metadata: {} });
  const operations: [string, () => Promise<unknown>][] = [
    ["GetItem", () => Order.objects.get(orderKey)],
    ["PutItem", () => order().save()],
    ["PutItem (create)", () => Order.objects.create({ ...orderKey, amount: 1 })],
    ["UpdateItem", () => order().update({ amount: 2 })],
    ["DeleteItem", () => order().delete()],
  ];

  it.each(operations)("throttling on %s is a DynamoDBError with the AWS error as cause", async (_, run) => {
    const aws = throttled();
    ddb.onAnyCommand().rejects(aws);
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDBError);
    expect(error).toMatchObject({ code: "DYNAMODB", cause: aws });
  });
});
