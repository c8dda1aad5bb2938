import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { expect } from "vitest";
import type { useFreshTable } from "./storm.js";

type Env = Awaited<ReturnType<typeof useFreshTable>>;
type Keyed = { getPk(): string; getSk(): string };

/** The item as stored, read past the library. */
export async function storedItem(env: Env, m: Keyed): Promise<Record<string, unknown> | undefined> {
  const out = await env.client.send(new GetItemCommand({ TableName: env.name, Key: { PK: { S: m.getPk() }, SK: { S: m.getSk() } }, ConsistentRead: true }));
  return out.Item ? unmarshall(out.Item) : undefined;
}

/** Runs `write`, expects it to throw `error`, and checks that the stored item did not change. */
export async function expectRefused(env: Env, m: Keyed, write: () => Promise<unknown>, error: abstract new (...args: never[]) => Error): Promise<void> {
  const before = await storedItem(env, m);
  await expect(write()).rejects.toBeInstanceOf(error);
  expect(await storedItem(env, m)).toEqual(before);
}
