import type { ModelMeta } from "../model/meta.js";
import { compareUtf8 } from "./utf8-order.js";

/**
 * The sort keys a model's items can have within a partition: the exact SK of a model
 * without sk fields (its name), or the block of SKs starting with its first sk identifier
 * and "#". A read of the model never needs anything outside it.
 */
export type SkBlock = { readonly exact: string } | { readonly prefix: string; /** Above every SK of the block. */ readonly end: string };

/** "$" is the character after "#": every SK of a block sorts below `prefix$`. */
const PAST_BLOCK = "$";

export function skBlock(meta: ModelMeta): SkBlock {
  if (meta.sk.length === 0) return { exact: meta.name };
  const identifier = meta.sk[0]!.identifier;
  return { prefix: `${identifier}#`, end: `${identifier}${PAST_BLOCK}` };
}

/** Whether some SK can lie in both blocks: then a key condition of one also reads the other's items. */
export function skBlocksOverlap(a: SkBlock, b: SkBlock): boolean {
  const start = (x: SkBlock) => ("exact" in x ? x.exact : x.prefix);
  if ("exact" in a && "exact" in b) return a.exact === b.exact;
  // A prefix block holds every SK starting with it: it overlaps what starts with it, or what it starts with.
  return start(a).startsWith(start(b)) || start(b).startsWith(start(a));
}

/**
 * Whether `sk`, met while reading in sort-key order (descending with `reverse`), lies past
 * the model's block: nothing of the model follows it, so the read can end there. Range
 * conditions (`gt`, `lt`, ...) are open at one side and would otherwise run on into other
 * models' items sharing the partition.
 */
export function pastSkBlock(block: SkBlock, sk: unknown, reverse: boolean): boolean {
  if (typeof sk !== "string") return false; // projected away: nothing says where the read is
  if ("exact" in block) return reverse ? compareUtf8(sk, block.exact) < 0 : compareUtf8(sk, block.exact) > 0;
  if (reverse) return compareUtf8(sk, block.prefix) < 0;
  return compareUtf8(sk, block.end) >= 0;
}
