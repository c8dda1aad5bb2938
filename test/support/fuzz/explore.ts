import fc from "fast-check";
import type { Violation } from "./oracle.js";

export interface ExploreOptions {
  seed: number;
  /** Values generated and checked (fewer when `timeLimitMs` runs out first). */
  numRuns: number;
  /** Values checked at once. */
  concurrency: number;
  /** Time after which no new batch starts: a loaded machine checks fewer values, never runs long. */
  timeLimitMs: number;
  /** Time spent shrinking each kind of failure; past it, the smallest example found so far is kept. */
  shrinkTimeMs: number;
  /** Kinds of failure shrunk; the others keep their first example. */
  maxShrunk: number;
}

/** One kind of failure: how often it was seen, and the smallest input found that shows it. */
export interface FuzzFailure<T> {
  kind: string;
  count: number;
  example: T;
  violation: Violation;
  shrunk: boolean;
}

export interface Exploration<T> {
  checked: number;
  failures: FuzzFailure<T>[];
}

/**
 * Checks the values fast-check generates from `seed`, `concurrency` at a time and without
 * stopping at the first failure, so that one run finds every kind of failure. Then, for
 * each kind, replays the first value that showed it (fast-check's `path` is its index:
 * `fc.sample` and `fc.check` draw the same values from one seed) and shrinks it to a
 * minimal counterexample of that kind.
 */
export async function explore<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<Violation[]>, options: ExploreOptions): Promise<Exploration<T>> {
  const values = fc.sample(arbitrary, { seed: options.seed, numRuns: options.numRuns });
  const firstSeen = new Map<string, { index: number; violation: Violation; count: number }>();
  const deadline = Date.now() + options.timeLimitMs;
  let checked = 0;
  while (checked < values.length && Date.now() < deadline) {
    const batch = values.slice(checked, checked + options.concurrency);
    const results = await Promise.all(batch.map(check));
    results.forEach((violations, i) => {
      for (const violation of violations) {
        const seen = firstSeen.get(violation.kind);
        if (seen) seen.count++;
        else firstSeen.set(violation.kind, { index: checked + i, violation, count: 1 });
      }
    });
    checked += batch.length;
  }
  const failures: FuzzFailure<T>[] = [];
  for (const [kind, seen] of firstSeen) {
    const shrunk = failures.length < options.maxShrunk ? await shrink(arbitrary, check, kind, seen.index, options) : undefined;
    failures.push({ kind, count: seen.count, example: shrunk?.example ?? values[seen.index]!, violation: shrunk?.violation ?? seen.violation, shrunk: Boolean(shrunk) });
  }
  return { checked, failures };
}

async function shrink<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<Violation[]>, kind: string, index: number, options: ExploreOptions): Promise<{ example: T; violation: Violation } | undefined> {
  let last: Violation | undefined;
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      const violation = (await check(value)).find((v) => v.kind === kind);
      if (violation) last = violation;
      return !violation;
    }),
    { seed: options.seed, path: String(index), interruptAfterTimeLimit: options.shrinkTimeMs },
  );
  // A failure that does not come back on replay (it depended on other requests) keeps its first example.
  return result.failed && last ? { example: result.counterexample![0], violation: last } : undefined;
}
