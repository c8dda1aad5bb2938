import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import type { Loaders } from "../../loader/context.js";
import { readAllPages, sendQuery, type QueryResult } from "./query.js";
import type { ReadShape } from "./read-shape.js";

/**
 * Reads one page of a partition, through `loaders` when there are any.
 * `shape` lets the loaders answer it from an enclosing read; without it, reads are only deduplicated.
 */
export function readPartition(loaders: Loaders | undefined, input: QueryCommandInput, shape?: ReadShape): Promise<QueryResult> {
  return loaders ? loaders.query(input, shape) : sendQuery(input, undefined);
}

/** Reads every page of a partition (a collection), through the loaders when there are any. */
export function readWholePartition(loaders: Loaders | undefined, input: QueryCommandInput, shape?: ReadShape): Promise<QueryResult> {
  return loaders ? loaders.queryAll(input, shape) : readAllPages(input, undefined);
}
