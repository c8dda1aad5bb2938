import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { BadCursor } from "../../errors/index.js";

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

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** An opaque, signed cursor: base64url(JSON) + "." + HMAC. */
export function encodeCursor(secret: string, fingerprint: string, key: CursorKey): string {
  const payload = Buffer.from(JSON.stringify({ q: fingerprint, k: key })).toString("base64url");
  return `${payload}.${sign(secret, payload)}`;
}

/** The key a cursor resumes after; a forged, altered or foreign cursor is a `BadCursor`. */
export function decodeCursor(secret: string, fingerprint: string, cursor: string): CursorKey {
  const [payload, signature, ...rest] = typeof cursor === "string" ? cursor.split(".") : [];
  if (!payload || !signature || rest.length) throw new BadCursor("Malformed cursor");
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new BadCursor("Cursor signature does not match");
  let decoded: { q?: unknown; k?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof decoded;
  } catch {
    throw new BadCursor("Malformed cursor");
  }
  if (decoded.q !== fingerprint) throw new BadCursor("Cursor belongs to another query");
  const key = decoded.k;
  if (!key || typeof key !== "object" || !Object.values(key).every((v) => typeof v === "string")) throw new BadCursor("Malformed cursor");
  return key as CursorKey;
}
