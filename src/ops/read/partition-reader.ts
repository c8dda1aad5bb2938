import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { currentLoaders } from "../../loader/context.js";
import { sendQuery, type QueryResult } from "./query.js";

/** Reads one page of a partition, through the per-request loaders when there are any. */
export function readPartition(input: QueryCommandInput): Promise<QueryResult> {
  return currentLoaders()?.query(input) ?? sendQuery(input);
}
