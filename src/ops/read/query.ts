import { QueryCommand, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { fromAttributeMap, type NativeItem, type RawItem } from "../../model/item.js";
import { table } from "../../table/table.js";
import { callDynamo } from "../send.js";
import type { CursorKey } from "./cursor.js";

export interface QueryResult {
  items: NativeItem[];
  /** Where the next request resumes; absent when the partition (or range) is exhausted. */
  lastKey?: CursorKey;
}

/** One Query request. */
export async function sendQuery(input: QueryCommandInput): Promise<QueryResult> {
  const out = await callDynamo("Query", () => table.client.send(new QueryCommand(input)));
  const items = (out.Items ?? []).map((raw) => fromAttributeMap(raw as RawItem));
  return out.LastEvaluatedKey ? { items, lastKey: fromAttributeMap(out.LastEvaluatedKey as RawItem) as CursorKey } : { items };
}
