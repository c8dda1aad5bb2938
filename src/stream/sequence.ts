/**
 * Whether sequence number `a` comes after `b` in one shard. They are decimal strings of up to
 * 40 digits that grow within a shard, too long for a number: compared by length, then digits.
 */
export function sequenceAfter(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}
