import { MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from "./limits.js";
import { refuse } from "./refuse.js";

export type KeyKind = "partition" | "sort";

const MAX_BYTES: Record<KeyKind, number> = { partition: MAX_PARTITION_KEY_BYTES, sort: MAX_SORT_KEY_BYTES };
/** A UTF-16 code unit never takes more than 3 UTF-8 bytes, so shorter keys need no count. */
const MAX_BYTES_PER_UNIT = 3;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Returns `key` when it fits DynamoDB's key limit, else throws a `ValidationError` naming
 * what it was built from (`what`: "Order partition key"; `fields`: the fields whose values
 * made it), never the table's key attributes.
 */
export function checkKeySize(kind: KeyKind, key: string, what: string, fields: readonly string[]): string {
  const max = MAX_BYTES[kind];
  if (key.length * MAX_BYTES_PER_UNIT <= max) return key;
  const bytes = utf8Bytes(key);
  if (bytes <= max) return key;
  const message = `is ${bytes} bytes in UTF-8 once built, over DynamoDB's limit of ${max} bytes for a ${kind} key`;
  throw refuse(what, (fields.length ? fields : ["key"]).map((path) => ({ path, message })));
}
