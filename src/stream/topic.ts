import type { ChangeImages } from "./change.js";

/** What a change is published as: plain JSON (DynamoDB JSON images), so it crosses Redis intact. */
export type PublishedChange = ChangeImages;

/**
 * The pubsub topic of a model's changes in one partition. Subscriptions to one item and to a
 * partition both listen here, so a broker such as Redis only sends a process the partitions
 * its subscribers watch.
 */
export function changeTopic(modelName: string, partition: string): string {
  return `storm:changed:${modelName}:${partition}`;
}

/**
 * Where changes are published: `createPubSub()` from graphql-yoga, with or without the Redis
 * event target, fits as it is.
 */
export interface ChangePublisher {
  publish(topic: string, change: PublishedChange): unknown;
}
