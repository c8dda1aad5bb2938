import type { ModelMeta } from "../model/meta.js";

/**
 * The sort keys a model's items can have within a partition: the exact SK of a model
 * without sk fields (its name), or the block of SKs starting with its first sk identifier
 * and "#". A read of the model never needs anything outside it.
 */
export type SkBlock = { readonly exact: string } | { readonly prefix: string };

/** "$" is the character after "#": every SK of a block sorts below `prefix$`. */
const PAST_BLOCK = "$";

export function skBlock(meta: ModelMeta): SkBlock {
  return meta.sk.length === 0 ? { exact: meta.name } : { prefix: `${meta.sk[0]!.identifier}#` };
}

/** Whether some SK can lie in both blocks: then a key condition of one also reads the other's items. */
export function skBlocksOverlap(a: SkBlock, b: SkBlock): boolean {
  const start = (x: SkBlock) => ("exact" in x ? x.exact : x.prefix);
  if ("exact" in a && "exact" in b) return a.exact === b.exact;
  // A prefix block holds every SK starting with it: it overlaps what starts with it, or what it starts with.
  return start(a).startsWith(start(b)) || start(b).startsWith(start(a));
}

function compareSk(a: string, b: string): number {
  // DynamoDB orders strings by their UTF-8 bytes, not by UTF-16 code units.
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * Whether `sk`, met while reading in sort-key order (descending with `reverse`), lies past
 * the model's block: nothing of the model follows it, so the read can end there. Range
 * conditions (`gt`, `lt`, ...) are open at one side and would otherwise run on into other
 * models' items sharing the partition.
 */
export function pastSkBlock(block: SkBlock, sk: unknown, reverse: boolean): boolean {
  if (typeof sk !== "string") return false; // projected away: nothing says where the read is
  if ("exact" in block) return reverse ? compareSk(sk, block.exact) < 0 : compareSk(sk, block.exact) > 0;
  if (reverse) return compareSk(sk, block.prefix) < 0;
  return compareSk(sk, block.prefix.slice(0, -1) + PAST_BLOCK) >= 0;
}
