import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

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
