import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { utf8Bytes } from "./key-size.js";
import { MAX_ITEM_BYTES } from "./limits.js";
import { refuse } from "./refuse.js";

/** A map or list costs 3 bytes, plus 1 per element (measured against DynamoDB Local too). */
const CONTAINER_BYTES = 3;
const ELEMENT_BYTES = 1;
const MAX_NUMBER_BYTES = 21;

/** About 1 byte per two significant digits plus 1; a negative sign counted as one more (an upper bound). */
function numberBytes(text: string): number {
  const digits = text.replace(/^-/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return Math.min(MAX_NUMBER_BYTES, Math.ceil(digits.length / 2) + 1 + (text.startsWith("-") ? 1 : 0));
}

/** An attribute value's size as DynamoDB counts it toward the item size. */
export function attributeValueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Bytes(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.SS) return value.SS.reduce((sum, s) => sum + utf8Bytes(s), 0);
  if (value.NS) return value.NS.reduce((sum, n) => sum + numberBytes(n), 0);
  if (value.BS) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L) return value.L.reduce((sum, v) => sum + ELEMENT_BYTES + attributeValueBytes(v), CONTAINER_BYTES);
  if (value.M) return CONTAINER_BYTES + itemBytes(value.M) + Object.keys(value.M).length * ELEMENT_BYTES;
  return 1; // BOOL, NULL
}

/** Attribute names and values, in bytes. */
export function itemBytes(item: Readonly<Record<string, AttributeValue>>): number {
  let sum = 0;
  for (const [name, value] of Object.entries(item)) sum += utf8Bytes(name) + attributeValueBytes(value);
  return sum;
}

/** Throws a `ValidationError` naming `what` (the model and key) when `item` is over DynamoDB's 400 KB. */
export function checkItemSize(item: Readonly<Record<string, AttributeValue>>, what: () => string): void {
  const bytes = itemBytes(item);
  if (bytes > MAX_ITEM_BYTES) {
    throw refuse(what(), [{ path: "item", message: `is about ${bytes} bytes, over DynamoDB's limit of ${MAX_ITEM_BYTES} bytes (400 KB) per item` }]);
  }
}
