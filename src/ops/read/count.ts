import { QueryCommand, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { RequestLimitExceeded, ValidationError } from "../../errors/index.js";
import type { Loaders } from "../../loader/context.js";
import { TYPE_ATTRIBUTE } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import { table } from "../../table/table.js";
import { callDynamo, withCapacity } from "../send.js";
import { buildRead, type QueryState } from "./query-state.js";

/**
 * Query requests a count makes at most (`count({ maxReads })`). Each reads up to 1 MB of
 * items, so a count covers thousands of items per request; a partition needing more is refused.
 */
export const DEFAULT_MAX_COUNT_READS = 10;

/**
 * The Query that counts what `state` reads: `Select: COUNT`, every item of the key range and
 * filter, only the model's own items (by `_type`; items stored without one are counted).
 */
function countInput(meta: ModelMeta, state: QueryState): QueryCommandInput {
  const { input } = buildRead(meta, { ...state, only: undefined, limit: undefined });
  const ownItems = "(#storm_type = :storm_type OR attribute_not_exists(#storm_type))";
  return {
    ...input,
    Select: "COUNT",
    FilterExpression: input.FilterExpression ? `(${input.FilterExpression}) AND ${ownItems}` : ownItems,
    ExpressionAttributeNames: { ...input.ExpressionAttributeNames, "#storm_type": TYPE_ATTRIBUTE },
    ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ":storm_type": { S: meta.name } },
  };
}

/**
 * Counts the items `state` reads (all pages, whatever its `limit`), each request counted on
 * `loaders`. More than `maxReads` requests needed is a `RequestLimitExceeded` (`countReads`).
 */
export async function countItems(meta: ModelMeta, state: QueryState, loaders: Loaders | undefined, maxReads = DEFAULT_MAX_COUNT_READS): Promise<number> {
  if (!Number.isInteger(maxReads) || maxReads < 1) throw new ValidationError(`count maxReads must be a positive integer, got ${String(maxReads)}`);
  const input = countInput(meta, state);
  let count = 0;
  let start: QueryCommandInput["ExclusiveStartKey"];
  for (let reads = 0; reads < maxReads; reads++) {
    const request = start ? { ...input, ExclusiveStartKey: start } : input;
    const out = await callDynamo(loaders, "Query", () => table.client.send(new QueryCommand(withCapacity(request))));
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
    if (!start) return count;
  }
  throw new RequestLimitExceeded(maxReads, "Query", "countReads");
}
