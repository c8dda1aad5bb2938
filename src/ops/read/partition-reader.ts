import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { currentLoaders } from "../../loader/context.js";
import { readAllPages, sendQuery, type QueryResult } from "./query.js";
import type { ReadShape } from "./read-shape.js";

/**
 * Reads one page of a partition, through the per-request loaders when there are any.
 * `shape` lets the loaders answer it from an enclosing read; without it, reads are only deduplicated.
 */
export function readPartition(input: QueryCommandInput, shape?: ReadShape): Promise<QueryResult> {
  return currentLoaders()?.query(input, shape) ?? sendQuery(input);
}

/** Reads every page of a partition (a collection), through the loaders when there are any. */
export function readWholePartition(input: QueryCommandInput, shape?: ReadShape): Promise<QueryResult> {
  return currentLoaders()?.queryAll(input, shape) ?? readAllPages(input);
}
