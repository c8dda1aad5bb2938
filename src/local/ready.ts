import { setTimeout as delay } from "node:timers/promises";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

/**
 * Credentials and region used to talk to DynamoDB Local. Any values work;
 * DynamoDB Local is started with -sharedDb, so every client sees the same
 * tables whatever credentials or region it uses.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
export const LOCAL_REGION = "us-east-1";

const POLL_INTERVAL_MS = 100;

/**
 * Resolves once DynamoDB Local answers ListTables at `endpoint`. The process
 * is up (and its port open) well before Jetty serves requests, so a real
 * request is the only reliable readiness check. Rejects with `signal.reason`
 * when `signal` aborts (timeout, or the process died).
 */
export async function waitUntilAnswering(endpoint: string, signal: AbortSignal): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    // Polling is the retry loop; the SDK's own backoff would only slow it down.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  try {
    for (;;) {
      signal.throwIfAborted();
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: signal });
        return;
      } catch {
        // Connection refused or reset while Jetty starts: try again.
      }
      await delay(POLL_INTERVAL_MS, undefined, { signal });
    }
  } catch (error) {
    // The SDK and timers wrap an abort in their own AbortError; the reason is what explains it.
    throw signal.aborted ? signal.reason : error;
  } finally {
    client.destroy();
  }
}
