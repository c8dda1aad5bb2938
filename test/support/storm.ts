import { randomUUID } from "node:crypto";
import { CreateTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { table } from "../../src/index.js";
import { localClient } from "./dynamo.js";

/** Counts the DynamoDB commands a client sends, by command name. */
export class RequestCounter {
  readonly calls: string[] = [];

  constructor(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next, context) => (args) => {
        this.calls.push(String(context.commandName).replace(/Command$/, ""));
        return next(args);
      },
      { step: "initialize", name: `requestCounter-${randomUUID()}` },
    );
  }

  get total(): number {
    return this.calls.length;
  }

  count(command: string): number {
    return this.calls.filter((c) => c === command).length;
  }

  reset(): void {
    this.calls.length = 0;
  }
}

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
