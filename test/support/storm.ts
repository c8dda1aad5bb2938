import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { table } from "../../src/index.js";
import { createTestTable, localClient } from "./dynamo.js";
import { RequestCounter } from "./request-counter.js";

/**
 * A fresh table on the test DynamoDB Local, configured as the default connection for this
 * test file, and a counter of the requests sent to it.
 */
export async function useFreshTable(): Promise<{ client: DynamoDBClient; name: string; requests: RequestCounter }> {
  const client = localClient();
  const name = await createTestTable(client);
  table.configure({ name, client });
  return { client, name, requests: new RequestCounter(client) };
}
