import { randomUUID } from "node:crypto";
import { CreateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { table } from "../../src/index.js";
import { localClient } from "./dynamo.js";
import { RequestCounter } from "./request-counter.js";

/**
 * A fresh table on the test DynamoDB Local, configured as the default connection for this
 * test file, and a counter of the requests sent to it.
 */
export async function useFreshTable(): Promise<{ client: DynamoDBClient; name: string; requests: RequestCounter }> {
  const client = localClient();
  const name = `t-${randomUUID()}`;
  await client.send(new CreateTableCommand(table.definition(name)));
  table.configure({ name, client });
  return { client, name, requests: new RequestCounter(client) };
}
