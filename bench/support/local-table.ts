import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { table } from "../../src/index.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDBLocal } from "../../src/local/index.js";

/**
 * Runs `fn` against a fresh table on a DynamoDB Local started here, configured as the default
 * connection, and stops DynamoDB Local afterwards, whether `fn` succeeds or throws. `fn` also
 * gets the endpoint and table name, for other processes to reach the same table.
 */
export async function withLocalTable<T>(fn: (client: DynamoDBClient, endpoint: string, tableName: string) => Promise<T>): Promise<T> {
  const local = await startDynamoDBLocal();
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const name = "bench";
    await client.send(new CreateTableCommand(table.definition(name)));
    table.configure({ name, client });
    return await fn(client, local.endpoint, name);
  } finally {
    client.destroy();
    await local.stop();
  }
}
