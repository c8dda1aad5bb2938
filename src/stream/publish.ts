import { decodeChange, imagesOf, type StreamRecordLike } from "./change.js";
import type { StreamChange } from "./reader.js";
import { changeTopic, type ChangePublisher, type PublishedChange } from "./topic.js";

/** Publishes one decoded change on its model and partition's topic. */
export async function publishChange(pubsub: ChangePublisher, change: Pick<StreamChange, "model" | "node" | "previous" | "images">): Promise<void> {
  const item = (change.node ?? change.previous)!;
  const published: PublishedChange = change.images;
  await pubsub.publish(changeTopic(change.model.meta.name, item.getPk()), published);
}

/**
 * The `onChange` of a StreamReader that publishes every change to `pubsub`.
 * @example new StreamReader({ onChange: publishTo(pubsub) })
 */
export function publishTo(pubsub: ChangePublisher): (change: StreamChange) => Promise<void> {
  return (change) => publishChange(pubsub, change);
}

/**
 * Publishes the records of a Lambda DynamoDB stream event (or any batch of stream records),
 * in order; records of items no model claims are skipped.
 * @example export const handler = (event: DynamoDBStreamEvent) => publishRecords(pubsub, event.Records);
 */
export async function publishRecords(pubsub: ChangePublisher, records: readonly StreamRecordLike[]): Promise<void> {
  for (const record of records) {
    const images = imagesOf(record);
    const change = images && decodeChange(images);
    if (change) await publishChange(pubsub, { ...change, images: images! });
  }
}
