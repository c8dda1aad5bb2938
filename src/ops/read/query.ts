import { QueryCommand, type DynamoDBClient, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { fromAttributeMap, toAttributeMap, type NativeItem, type RawItem } from "../../model/item.js";
import type { Loaders } from "../../loader/context.js";
import { table } from "../../table/table.js";
import { sendRead } from "../raw-body.js";
import { callDynamo, withCapacity } from "../send.js";
import type { CursorKey } from "./cursor.js";

export interface QueryResult {
  items: NativeItem[];
  /** Where the next request resumes; absent when the partition (or range) is exhausted. */
  lastKey?: CursorKey;
}

/** One Query request, counted on `loaders` (which pass the client their read was issued with). */
export async function sendQuery(input: QueryCommandInput, loaders: Loaders | undefined, client: DynamoDBClient = table.client): Promise<QueryResult> {
  const request = withCapacity(input);
  const out = await callDynamo(loaders, "Query", () => sendRead(client, request, () => client.send(new QueryCommand(request))));
  const items = (out.Items ?? []).map((raw) => fromAttributeMap(raw as RawItem));
  return out.LastEvaluatedKey ? { items, lastKey: fromAttributeMap(out.LastEvaluatedKey as RawItem) as CursorKey } : { items };
}

/** Every page of a Query, one request after another; the result has no `lastKey`. */
export async function readAllPages(input: QueryCommandInput, loaders: Loaders | undefined, client: DynamoDBClient = table.client): Promise<QueryResult> {
  const items: NativeItem[] = [];
  let start: CursorKey | undefined;
  do {
    const page = await sendQuery(start ? { ...input, ExclusiveStartKey: toAttributeMap(start) } : input, loaders, client);
    items.push(...page.items);
    start = page.lastKey;
  } while (start);
  return { items };
}
