import { DescribeStreamCommand, type DynamoDBStreamsClient, type Shard } from "@aws-sdk/client-dynamodb-streams";

/** A shard as the reader follows it: its id, its parent's, and whether it is closed. */
export interface ShardInfo {
  id: string;
  parentId: string | undefined;
  /** A closed shard takes no new records: once read to its end, its children go on. */
  closed: boolean;
}

function infoOf(shard: Shard): ShardInfo {
  return { id: shard.ShardId!, parentId: shard.ParentShardId, closed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined };
}

/** Parents before children, so a child is never looked at before the shard it continues. */
function lineageOrder(shards: readonly ShardInfo[]): ShardInfo[] {
  const byId = new Map(shards.map((s) => [s.id, s] as const));
  const ordered: ShardInfo[] = [];
  const placed = new Set<string>();
  const place = (shard: ShardInfo): void => {
    if (placed.has(shard.id)) return;
    placed.add(shard.id);
    const parent = shard.parentId === undefined ? undefined : byId.get(shard.parentId);
    if (parent) place(parent);
    ordered.push(shard);
  };
  shards.forEach(place);
  return ordered;
}

/** Every shard of the stream (DescribeStream, page by page), parents first. */
export async function listShards(client: DynamoDBStreamsClient, streamArn: string): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  let start: string | undefined;
  do {
    const { StreamDescription: page } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
    shards.push(...(page?.Shards ?? []).map(infoOf));
    start = page?.LastEvaluatedShardId;
  } while (start);
  return lineageOrder(shards);
}
