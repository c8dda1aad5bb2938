import { GetItemCommand, type GetItemCommandInput } from "@aws-sdk/client-dynamodb";
import type { Loaders } from "../../loader/context.js";
import { keyAttributes, primaryKey } from "../../keys/primary.js";
import { fromAttributeMap, type NativeItem, type RawItem } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import { table } from "../../table/table.js";
import { sendRead } from "../raw-body.js";
import { callDynamo, withCapacity } from "../send.js";

export interface GetOptions {
  /** Strongly consistent read. @default false */
  consistent?: boolean;
}

export function buildGet(meta: ModelMeta, key: Readonly<NativeItem>, options: GetOptions = {}): GetItemCommandInput {
  return {
    TableName: table.name,
    Key: keyAttributes(primaryKey(meta, key)),
    ...(options.consistent ? { ConsistentRead: true } : {}),
  };
}

/** The stored item, or null; the request is counted on `loaders`. */
export async function getItem(meta: ModelMeta, key: Readonly<NativeItem>, options: GetOptions, loaders: Loaders | undefined): Promise<NativeItem | null> {
  const { client } = table;
  const request = withCapacity(buildGet(meta, key, options));
  const out = await callDynamo(loaders, "GetItem", () => sendRead(client, request, () => client.send(new GetItemCommand(request))));
  return out.Item ? fromAttributeMap(out.Item as RawItem) : null;
}
