import {
  ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand,
  type DeleteItemCommandInput, type GetItemCommandInput, type PutItemCommandInput, type QueryCommandInput, type UpdateItemCommandInput,
} from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import type { ItemOf } from "../../src/index.js";
import { Account, evaluateArguments, inputMapping, TRICKY_ACCOUNT } from "../support/stepfunctions.js";
import { useFreshTable } from "../support/storm.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
beforeAll(async () => {
  env = await useFreshTable();
});

const FIELDS = Object.keys(TRICKY_ACCOUNT) as (keyof ItemOf<typeof Account>)[];
const KEY = { org: TRICKY_ACCOUNT.org, num: TRICKY_ACCOUNT.num, name: TRICKY_ACCOUNT.name, active: TRICKY_ACCOUNT.active };
const sf = () => Account.stepFunctions(inputMapping(FIELDS));
/** Evaluated as Step Functions would, then sent as the task would send it. */
const evaluated = <T>(args: unknown, input: unknown = TRICKY_ACCOUNT) => evaluateArguments(args, input) as Promise<T>;

describe("Step Functions templates against DynamoDB Local", () => {
  it("putItem writes the item the ORM reads back; getItem reads it; putItem({ allowOverride: false }) then refuses", async () => {
    await env.client.send(new PutItemCommand(await evaluated<PutItemCommandInput>(sf().putItem({ allowOverride: false }))));
    expect((await Account.objects.get(KEY)).toJSON()).toEqual(TRICKY_ACCOUNT);

    const read = await env.client.send(new GetItemCommand(await evaluated<GetItemCommandInput>(sf().getItem({ consistent: true }))));
    expect(Account.fromStored(unmarshall(read.Item!)).toJSON()).toEqual(TRICKY_ACCOUNT);

    await expect(env.client.send(new PutItemCommand(await evaluated<PutItemCommandInput>(sf().putItem({ allowOverride: false }))))).rejects.toThrow(ConditionalCheckFailedException);
  });

  it("getItem reads an item the ORM wrote; updateItem changes it as the ORM sees; query finds it on the table and on GSI1; deleteItem removes it", async () => {
    const values = { ...structuredClone(TRICKY_ACCOUNT), org: "orm#\\written", note: undefined };
    await Account.objects.create(values);
    const byOrm = Account.stepFunctions(inputMapping(FIELDS));
    const input = { ...values, new_region: "r#\\2" };
    const read = await env.client.send(new GetItemCommand(await evaluated<GetItemCommandInput>(byOrm.getItem(), input)));
    expect(read.Item?.org).toEqual({ S: values.org });

    const update = byOrm.updateItem({ balance: "$states.input.balance + 1", region: "$states.input.new_region", note: "'set by a state'" });
    await env.client.send(new UpdateItemCommand(await evaluated<UpdateItemCommandInput>(update, input)));
    const key = { org: values.org, num: values.num, name: values.name, active: values.active };
    expect(await Account.objects.get(key)).toMatchObject({ balance: values.balance + 1, region: "r#\\2", note: "set by a state" });

    const onTable = await env.client.send(new QueryCommand(await evaluated<QueryCommandInput>(Account.stepFunctions(inputMapping(["org", "num"])).query(), input)));
    expect(onTable.Items?.map((i) => i.org)).toEqual([{ S: values.org }]);
    const onIndex = await env.client.send(new QueryCommand(await evaluated<QueryCommandInput>(Account.stepFunctions({ region: "$states.input.new_region", tier: "$states.input.tier" }).query({ index: true }), input)));
    expect(onIndex.Items?.map((i) => i.org)).toEqual([{ S: values.org }]);

    await env.client.send(new DeleteItemCommand(await evaluated<DeleteItemCommandInput>(byOrm.deleteItem(), input)));
    expect(await Account.objects.find(key)).toBeNull();
  });
});
