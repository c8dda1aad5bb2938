import { AsyncLocalStorage } from "node:async_hooks";
import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import type { NativeItem } from "../model/item.js";
import type { QueryResult } from "../ops/read/query.js";

/** What reads go through while a loader scope is active. */
export interface Loaders {
  /** One item by table key, batched with the other gets of the same tick. */
  get(key: { PK: string; SK: string }, consistent?: boolean): Promise<NativeItem | null>;
  /** One Query page, deduplicated with identical and enclosing reads. */
  query(input: QueryCommandInput): Promise<QueryResult>;
}

const scope = new AsyncLocalStorage<Loaders>();

export function currentLoaders(): Loaders | undefined {
  return scope.getStore();
}

export function runWithLoaders<T>(loaders: Loaders, fn: () => T): T {
  return scope.run(loaders, fn);
}
