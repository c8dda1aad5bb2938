import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { table } from "../src/index.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDBLocal } from "../src/local/index.js";
import type { ServerConfig } from "./config.js";
import { isTableEmpty, seed } from "./seed.js";

export interface Database {
  /** The endpoint in use. */
  endpoint: string;
  /** Whether this process started DynamoDB Local (and `close` stops it). */
  startedLocal: boolean;
  /** Releases the client and stops DynamoDB Local when this process started it. */
  close(): Promise<void>;
}

/**
 * Points the library's default `table` at `config.tableName` on `config.endpoint`, or, with no
 * endpoint, on a DynamoDB Local started here, so the example runs with no setup at all.
 */
export async function connect(config: ServerConfig): Promise<Database> {
  if (config.endpoint) {
    const client = new DynamoDBClient({ endpoint: config.endpoint, ...clientDefaults(config) });
    table.configure({ name: config.tableName, client });
    return { endpoint: config.endpoint, startedLocal: false, close: async () => client.destroy() };
  }
  const local = await startDynamoDBLocal();
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  table.configure({ name: config.tableName, client });
  return {
    endpoint: local.endpoint,
    startedLocal: true,
    close: async () => {
      client.destroy();
      await local.stop();
    },
  };
}

/**
 * A DynamoDB Local you run yourself (e.g. in Docker on localhost:8000) accepts any credentials
 * in any region; the AWS SDK still wants some, so supply them unless the environment does.
 */
function clientDefaults(config: ServerConfig): { region?: string; credentials?: typeof LOCAL_CREDENTIALS } {
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(new URL(config.endpoint!).hostname);
  return {
    ...(config.region ? { region: config.region } : loopback ? { region: LOCAL_REGION } : {}),
    ...(loopback && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE ? { credentials: LOCAL_CREDENTIALS } : {}),
  };
}

/**
 * Creates the table when it is missing and seeds it when it is empty. A table that holds any
 * item is never written to. An existing table is found with DescribeTable, so a server whose
 * role may not call CreateTable still starts.
 */
export async function prepareTable(): Promise<{ created: boolean; seeded: boolean }> {
  const created = !(await tableExists()) && (await table.create({ ifNotExists: true }));
  // A new table on AWS is CREATING for a few seconds; DynamoDB Local's is ACTIVE at once.
  await waitUntilTableExists({ client: table.client, minDelay: 1, maxDelay: 5, maxWaitTime: 300 }, { TableName: table.name });
  if (!(await isTableEmpty())) return { created, seeded: false };
  await seed();
  return { created, seeded: true };
}

async function tableExists(): Promise<boolean> {
  try {
    await table.client.send(new DescribeTableCommand({ TableName: table.name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
