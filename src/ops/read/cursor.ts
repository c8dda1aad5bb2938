import { createHash } from "node:crypto";
import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { BadCursor } from "../../errors/index.js";
import { seal, unseal } from "../../keys/opaque.js";

/** The key attributes a page resumes after. */
export type CursorKey = Record<string, string>;

/**
 * What a cursor is bound to: the table, partition, key condition, filter, index and direction.
 * A cursor from another query (another user's partition, say) fails this check.
 */
export function queryFingerprint(input: QueryCommandInput): string {
  const { TableName, KeyConditionExpression, FilterExpression, ExpressionAttributeNames, ExpressionAttributeValues, IndexName, ScanIndexForward } = input;
  const bound = JSON.stringify([TableName, KeyConditionExpression, FilterExpression, ExpressionAttributeNames, ExpressionAttributeValues, IndexName, ScanIndexForward]);
  return createHash("sha256").update(bound).digest("base64url").slice(0, 22);
}

/** The ExclusiveStartKey that resumes right after `item`: table keys, plus GSI1PK on the index. */
export function resumeKey(item: Readonly<Record<string, unknown>>, index: boolean): CursorKey {
  const names = index ? ["PK", "SK", "GSI1PK"] : ["PK", "SK"];
  return Object.fromEntries(names.map((n) => [n, String(item[n])]));
}

/** An opaque cursor: the key, encrypted and authenticated, bound to the query's fingerprint. */
export function encodeCursor(secret: string, fingerprint: string, key: CursorKey): string {
  return seal(secret, "cursor", JSON.stringify(key), fingerprint);
}

/** The key a cursor resumes after; a forged, altered or foreign cursor is a `BadCursor`. */
export function decodeCursor(secret: string, fingerprint: string, cursor: string): CursorKey {
  const text = typeof cursor === "string" ? unseal(secret, "cursor", cursor, fingerprint) : null;
  if (text === null) throw new BadCursor("Cursor is malformed, altered, or from another query");
  // Authenticated: only `encodeCursor` can have written this text.
  return JSON.parse(text) as CursorKey;
}
