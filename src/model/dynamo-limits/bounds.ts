import { compareUtf8 } from "../../keys/utf8-order.js";

/**
 * Whether `low` sorts at or before `high` as DynamoDB compares them: numbers by value,
 * strings by their UTF-8 bytes (JavaScript's `<` compares UTF-16 units, which orders some
 * characters differently). DynamoDB refuses a BETWEEN whose bounds are reversed.
 */
export function boundsInOrder(low: unknown, high: unknown): boolean {
  if (typeof low === "number" && typeof high === "number") return low <= high;
  if (typeof low === "string" && typeof high === "string") return compareUtf8(low, high) <= 0;
  return true;
}
