import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

const ids = new WeakMap<DynamoDBClient, number>();
let nextId = 0;

/**
 * Names a (client, table) pair in cache keys. `table.context` may switch either per call, so
 * items are cached per pair and never served across tables or endpoints.
 */
export function connectionKey(client: DynamoDBClient, tableName: string | undefined): string {
  let id = ids.get(client);
  if (id === undefined) ids.set(client, (id = nextId++));
  return `${id}\u0000${tableName ?? ""}`;
}
