import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { table } from "../../src/index.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../src/local/index.js";
import "./provided-context.js";

/** A client for the DynamoDB that test/support/global-setup.ts provides. */
export function localClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
}

/**
 * Creates a table with the library's single-table layout (`table.definition()`: PK/SK plus GSI1)
 * under a fresh name, so test files never see each other's items, and
 * resolves with that name once the table is ACTIVE.
 */
export async function createTestTable(client: DynamoDBClient, name = `test-${randomUUID()}`): Promise<string> {
  const created = await client.send(new CreateTableCommand(table.definition(name)));
  // DynamoDB Local creates tables ACTIVE at once; a real endpoint (DYNAMODB_ENDPOINT) may not.
  let status = created.TableDescription?.TableStatus;
  for (let attempt = 0; status !== "ACTIVE" && attempt < 120; attempt++) {
    await delay(500);
    const described = await client.send(new DescribeTableCommand({ TableName: name }));
    status = described.Table?.TableStatus;
  }
  if (status !== "ACTIVE") throw new Error(`table ${name} is still ${status} after 60 s`);
  return name;
}
