// Reading the stream
export { StreamReader, type StreamReaderOptions, type StreamChange, type StreamPosition } from "./reader.js";
export { MemoryCheckpointStore, type CheckpointStore, type ShardCheckpoint } from "./checkpoint.js";
export { latestStreamArn, streamsClientFor } from "./connection.js";

// Changes
export { decodeChange, imagesOf, type ChangeEvent, type ChangeImages, type ChangeKind, type StreamRecordLike } from "./change.js";

// Publishing
export { publishTo, publishRecords, publishChange } from "./publish.js";
export { changeTopic, type ChangePublisher, type PublishedChange } from "./topic.js";
