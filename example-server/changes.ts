import { createPubSub } from "graphql-yoga";
import { publishTo, StreamReader, type PublishedChange } from "../src/stream/index.js";

/**
 * The changes subscriptions listen to. One server process reads the stream itself, so an
 * in-memory pubsub is enough; several instances would share one through Redis
 * (`@graphql-yoga/redis-event-target`) with a single reader publishing to it, as
 * docs/graphql.md "Subscriptions" shows.
 */
export const changes = createPubSub<Record<string, [PublishedChange]>>();

/**
 * Reads the table's stream into `changes` from now on (writes before it, the seed included,
 * are not replayed). The Lambda entry point does not call it: a Lambda answers one request
 * and cannot hold a subscription open.
 */
export async function startChangeFeed(): Promise<StreamReader> {
  const reader = new StreamReader({ onChange: publishTo(changes) });
  await reader.start();
  // Queries and mutations go on serving when the stream cannot be read; subscriptions go quiet.
  reader.closed.catch((error: unknown) => console.error(`Subscriptions stopped: ${error instanceof Error ? error.message : String(error)}`));
  return reader;
}
