import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

const keys = new WeakMap<DynamoDBClient, Map<string, string>>();
let nextId = 0;

/**
 * Names a (client, table) pair in cache keys. `table.context` may switch either per call, so
 * items are cached per pair and never served across tables or endpoints.
 */
export function connectionKey(client: DynamoDBClient, tableName: string | undefined): string {
  // Built once per pair: every get of a scope asks for it.
  let byTable = keys.get(client);
  if (!byTable) keys.set(client, (byTable = new Map()));
  const name = tableName ?? "";
  let key = byTable.get(name);
  if (key === undefined) byTable.set(name, (key = `${nextId++}\u0000${name}`));
  return key;
}
