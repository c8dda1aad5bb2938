/** Where a reader stands in one shard: after this sequence number, or past the shard's end. */
export type ShardCheckpoint = { sequenceNumber: string; finished?: false } | { finished: true };

/**
 * Where a stream reader resumes after a restart: per shard, the last sequence number it
 * delivered, or that the shard was read to its end. Keep one store per stream (shard ids are
 * unique within a stream); back it with something that outlives the process (a file, an
 * item in a table) to resume where the previous process stopped.
 */
export interface CheckpointStore {
  load(shardId: string): Promise<ShardCheckpoint | undefined>;
  save(shardId: string, checkpoint: ShardCheckpoint): Promise<void>;
}

/** The default store: the process's memory, so a restarted process starts afresh. */
export class MemoryCheckpointStore implements CheckpointStore {
  readonly #shards = new Map<string, ShardCheckpoint>();

  async load(shardId: string): Promise<ShardCheckpoint | undefined> {
    return this.#shards.get(shardId);
  }

  async save(shardId: string, checkpoint: ShardCheckpoint): Promise<void> {
    this.#shards.set(shardId, checkpoint);
  }
}
