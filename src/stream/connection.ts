import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { DynamoDBError, InvalidDefinition } from "../errors/index.js";
import type { Table } from "../table/table.js";

/** A Streams client for the same region, credentials and endpoint as a DynamoDB client. */
export function streamsClientFor(client: DynamoDBClient): DynamoDBStreamsClient {
  const { region, credentials, endpoint, isCustomEndpoint } = client.config;
  // A custom endpoint (DynamoDB Local) serves the Streams API too; AWS has its own host for it.
  return new DynamoDBStreamsClient({ region, credentials, ...(isCustomEndpoint && endpoint ? { endpoint } : {}) });
}

/** The ARN of the table's current stream (DescribeTable); refused when the table has none. */
export async function latestStreamArn(table: Table): Promise<string> {
  const name = table.name;
  let arn: string | undefined;
  try {
    arn = (await table.client.send(new DescribeTableCommand({ TableName: name }))).Table?.LatestStreamArn;
  } catch (error) {
    throw new DynamoDBError("DescribeTable", error);
  }
  if (!arn) throw new InvalidDefinition(`Table ${name} has no stream: enable StreamSpecification { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } (table.create() does)`);
  return arn;
}
