import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { fromAttributeMap, type NativeItem } from "../model/item.js";
import type { AnyModelClass, InstanceOf } from "../model/model-types.js";
import { registeredModels } from "../model/registry.js";
import { routeItem } from "../ops/collection/route.js";

/** What a write did to an item: made it, changed it, or removed it. */
export type ChangeKind = "CREATED" | "UPDATED" | "DELETED";

/** One write to one STORM item, as its model's instances before and after. */
export interface ChangeEvent<M extends AnyModelClass = AnyModelClass> {
  kind: ChangeKind;
  /** The model the item belongs to (by `_type`, or by key shape for items without it). */
  model: M;
  /** The item after the write; null when it was deleted. */
  node: InstanceOf<M> | null;
  /** The item before the write; null when it was created. */
  previous: InstanceOf<M> | null;
}

/** The images of one stream record, as DynamoDB JSON: what travels through a pubsub. */
export interface ChangeImages {
  /** The record's eventID, unique per record: what tells a repeated delivery apart. */
  id: string;
  kind: ChangeKind;
  /** The item after the write (the record's NewImage); null when deleted. */
  node: Record<string, AttributeValue> | null;
  /** The item before the write (the record's OldImage); null when created. */
  previous: Record<string, AttributeValue> | null;
}

const KINDS: Readonly<Record<string, ChangeKind>> = { INSERT: "CREATED", MODIFY: "UPDATED", REMOVE: "DELETED" };

/**
 * A stream record as the Streams API and Lambda's DynamoDB event both give it: its images
 * are DynamoDB JSON (typed apart by each SDK, the same data).
 */
export interface StreamRecordLike {
  eventID?: string | undefined;
  eventName?: string | undefined;
  dynamodb?: { NewImage?: object | undefined; OldImage?: object | undefined } | undefined;
}

type Image = Record<string, AttributeValue>;

/** A record's images, or undefined for one that is not a write of an item (unknown event name). */
export function imagesOf(record: StreamRecordLike): ChangeImages | undefined {
  const kind = record.eventName === undefined ? undefined : KINDS[record.eventName];
  if (!kind || !record.eventID) return undefined;
  const node = (record.dynamodb?.NewImage ?? null) as Image | null;
  const previous = (record.dynamodb?.OldImage ?? null) as Image | null;
  return node || previous ? { id: record.eventID, kind, node, previous } : undefined;
}

/** The models whose items live under this PK: its suffix ends it, its first pk identifier starts it. */
function modelsOfPartition(pk: unknown): AnyModelClass[] {
  if (typeof pk !== "string") return [];
  return registeredModels().filter((m) => m.meta.pk.length > 0 && pk.startsWith(`${m.meta.pk[0]!.identifier}#`) && pk.endsWith(`#${m.meta.suffix}`));
}

/**
 * The change as model instances, or undefined when no defined model claims the item (an
 * item of another application sharing the table, or one several models could be).
 */
export function decodeChange(images: ChangeImages): ChangeEvent | undefined {
  const node = images.node && fromAttributeMap(images.node);
  const previous = images.previous && fromAttributeMap(images.previous);
  const item: NativeItem = (node ?? previous)!;
  const model = routeItem(item, modelsOfPartition(item.PK));
  return model && changeOf(model, images.kind, node, previous);
}

/** The change as instances of a model already known (a subscriber of that model's topic). */
export function decodeChangeOf<M extends AnyModelClass>(model: M, images: ChangeImages): ChangeEvent<M> {
  return changeOf(model, images.kind, images.node && fromAttributeMap(images.node), images.previous && fromAttributeMap(images.previous));
}

function changeOf<M extends AnyModelClass>(model: M, kind: ChangeKind, node: NativeItem | null, previous: NativeItem | null): ChangeEvent<M> {
  return { kind, model, node: node && (model.fromStored(node) as InstanceOf<M>), previous: previous && (model.fromStored(previous) as InstanceOf<M>) };
}
