import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Readable } from "node:stream";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../src/local/index.js";

/**
 * A client whose HTTP handler answers every request with `body` from memory: signing,
 * serialization, the JSON body's parsing and deserialization all run as over the network.
 */
export function cannedHttpClient(body: unknown): DynamoDBClient {
  const bytes = Buffer.from(JSON.stringify(body));
  return new DynamoDBClient({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: "http://127.0.0.1:1",
    requestHandler: {
      handle: async () => ({
        response: { statusCode: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body: Readable.from([bytes]) },
      }),
    },
  });
}
