import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";

/** One timed run: CPU (user + system, every thread of the process) and wall time per item. */
export interface Sample {
  cpuPerItem: number;
  wallPerItem: number;
}

export interface MeasureOptions {
  /** Timed runs, each reported on its own. @default 5 */
  runs?: number;
  /** Wall time a run repeats the work for. @default 1000 */
  runMs?: number;
  /** Untimed repetitions first, so the JIT has compiled the code measured. @default 500 */
  warmupMs?: number;
}

async function repeatFor(ms: number, work: () => unknown): Promise<number> {
  const end = performance.now() + ms;
  let calls = 0;
  do {
    await work();
    calls++;
  } while (performance.now() < end);
  return calls;
}

/**
 * Times `work`, which handles `items` items per call: it is repeated for `runMs` per run and
 * each run gives µs per item. Each call should take well over a microtask, so the `await`
 * between calls is noise.
 */
export async function measure(items: number, work: () => unknown, options: MeasureOptions = {}): Promise<Sample[]> {
  const { runs = 5, runMs = 1000, warmupMs = 500 } = options;
  await repeatFor(warmupMs, work);
  const samples: Sample[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const calls = await repeatFor(runMs, work);
    const wallUs = (performance.now() - start) * 1000;
    const used = process.cpuUsage(cpu);
    samples.push({ cpuPerItem: (used.user + used.system) / (calls * items), wallPerItem: wallUs / (calls * items) });
  }
  return samples;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}
const totalSize = (node: SamplingNode): number => node.children.reduce((sum, child) => sum + totalSize(child), node.selfSize);

/**
 * Bytes `work` allocates per item, repeated for `ms`: V8's sampling heap profiler, told to
 * keep the objects the garbage collector already took (what an allocation costs is making
 * it and collecting it). An estimate: one sample per KB allocated on average.
 */
export async function allocatedPerItem(items: number, work: () => unknown, ms = 500): Promise<number> {
  const session = new Session();
  session.connect();
  try {
    // The two include flags are V8's (Node 20 has them) but not yet in @types/node.
    const sampling = { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
    await session.post("HeapProfiler.startSampling", sampling as { samplingInterval: number });
    const calls = await repeatFor(ms, work);
    const { profile } = await session.post("HeapProfiler.stopSampling");
    return totalSize(profile.head as SamplingNode) / (calls * items);
  } finally {
    session.disconnect();
  }
}
