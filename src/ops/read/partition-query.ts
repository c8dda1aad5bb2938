import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { table } from "../../table/table.js";
import type { PartitionRead, PartitionRef } from "./read-shape.js";

/**
 * The Query that reads a whole partition, every item type in it. Collections send it, and
 * priming records it, so a collection read after priming is recognised as the same read.
 */
export function partitionQuery(ref: PartitionRef): PartitionRead {
  const index = ref.index ?? false;
  const input: QueryCommandInput = {
    TableName: table.name,
    KeyConditionExpression: "#pk = :pk",
    ExpressionAttributeNames: { "#pk": index ? "GSI1PK" : "PK" },
    ExpressionAttributeValues: { ":pk": { S: ref.partition } },
  };
  if (index) input.IndexName = "GSI1";
  if (ref.consistent) input.ConsistentRead = true;
  return { input, shape: { index, partition: ref.partition } };
}
