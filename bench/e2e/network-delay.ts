import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

/**
 * Delays every DynamoDB response by a settable time, as a network round trip would (about
 * 3 ms in-region from Lambda). A deserialize-step middleware wraps each HTTP attempt.
 */
export class NetworkDelay {
  /** Milliseconds added to each response; 0 adds no timer at all. */
  ms = 0;

  constructor(client: DynamoDBClient) {
    client.middlewareStack.add(
      (next) => async (args) => {
        const response = await next(args);
        if (this.ms > 0) await new Promise((resolve) => setTimeout(resolve, this.ms));
        return response;
      },
      { step: "deserialize", name: "benchNetworkDelay" },
    );
  }
}
