/**
 * End to end through graphql-yoga on one DynamoDB Local: this layer against a hand-written
 * Pothos + DataLoader + DocumentClient resolver set and against naive resolvers
 * (bench/e2e/hand-written.ts), each served by its own process. Answers are checked equal
 * first; then throughput at 8 and 32 operations in flight, contenders interleaved round by
 * round (ratios are medians of per-round ratios); then p50/p99 latency with a simulated
 * 3 ms network round trip per DynamoDB request. Prints markdown tables; exits 1 when the
 * answers differ.
 */
import { isDeepStrictEqual } from "node:util";
import { ContenderProcess } from "./e2e/process.js";
import { e2eOperations } from "./e2e/operations.js";
import { CONTENDERS, type Answer, type Throughput } from "./e2e/protocol.js";
import { withLocalTable } from "./support/local-table.js";
import { markdownTable } from "./support/markdown.js";
import { median } from "./support/measure.js";
import { seedShop } from "./support/shop.js";

const ROUNDS = Number(process.env.BENCH_E2E_ROUNDS ?? 5);
const RUN_MS = Number(process.env.BENCH_E2E_MS ?? 1000);
const IN_FLIGHT = [8, 32] as const;
/**
 * Untimed work per contender and operation before anything is timed: the JIT keeps
 * optimizing graphql-js, yoga, the SDK and the resolvers for thousands of operations, and a
 * server runs for hours, so steady state is what is compared.
 */
const WARMUP_MS = Number(process.env.BENCH_E2E_WARMUP_MS ?? 3000);
const NETWORK_MS = 3;
/** One phase alone (`replay`: the replayed CPU comparison, for profiling work on the Node side; `latency`). */
const ONLY = process.env.BENCH_E2E_ONLY;
const LATENCY_ROUNDS = 10;
const LATENCY_SAMPLES = 30;

/** `list` rotated by `by`, so no contender always runs first in a round. */
const rotate = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length]!);
const fixed = (n: number, digits = 2) => n.toFixed(digits);

function checkAnswers(all: Answer[][]): string[] {
  const [ours, ...others] = all;
  const problems: string[] = [];
  e2eOperations.forEach((op, i) => {
    if (ours![i]!.response.errors) problems.push(`${op.name}: this layer answered with errors ${JSON.stringify(ours![i]!.response.errors)}`);
    others.forEach((answers, c) => {
      if (!isDeepStrictEqual(answers[i]!.response, ours![i]!.response)) {
        problems.push(`${op.name}: ${CONTENDERS[c + 1]} answers ${JSON.stringify(answers[i]!.response)}, this layer ${JSON.stringify(ours![i]!.response)}`);
      }
    });
  });
  return problems;
}

async function throughputTable(processes: ContenderProcess[], answers: Answer[][]): Promise<string> {
  // results[op][inFlight index][contender] = one Throughput per round
  const results = e2eOperations.map(() => IN_FLIGHT.map(() => processes.map((): Throughput[] => [])));
  for (let round = 0; round < ROUNDS; round++) {
    for (let op = 0; op < e2eOperations.length; op++) {
      for (const [f, inFlight] of IN_FLIGHT.entries()) {
        for (const c of rotate([...processes.keys()], round + op + f)) {
          results[op]![f]![c]!.push(await processes[c]!.ask<Throughput>({ kind: "throughput", op, inFlight, ms: RUN_MS }));
        }
      }
    }
  }
  const rows = e2eOperations.flatMap((op, o) =>
    IN_FLIGHT.map((inFlight, f) => {
      const [ours, hand, naive] = results[o]![f]!;
      const rate = (runs: Throughput[]) => fixed(median(runs.map((r) => r.opsPerSecond)), 0);
      const ratio = (a: Throughput[], b: Throughput[]) => `${fixed(median(a.map((r, i) => r.opsPerSecond / b[i]!.opsPerSecond)))}×`;
      const cpu = (runs: Throughput[]) => fixed(median(runs.map((r) => r.cpuPerOp)), 0);
      const requests = answers.map((a) => a[o]!.calls.length).join(" / ");
      return [op.name, requests, String(inFlight), rate(ours!), rate(hand!), rate(naive!), ratio(ours!, hand!), ratio(ours!, naive!), `${cpu(ours!)} / ${cpu(hand!)}`];
    }),
  );
  return markdownTable(
    ["operation", "requests (ours / hand / naive)", "in flight", "this layer ops/s", "hand-written ops/s", "naive ops/s", "ours ÷ hand-written", "ours ÷ naive", "Node CPU µs/op (ours / hand)"],
    rows,
  );
}

/**
 * Node CPU per operation with DynamoDB's answers replayed from memory (recorded from the
 * live run): the whole Node side runs, DynamoDB Local takes no CPU, so the contenders'
 * own cost is compared without Java competing for the 2 cores.
 */
async function replayTable(processes: ContenderProcess[]): Promise<string> {
  await Promise.all(processes.map((p) => p.ask({ kind: "replay", on: true })));
  const results = e2eOperations.map(() => processes.map((): Throughput[] => []));
  for (const p of processes) for (let op = 0; op < e2eOperations.length; op++) await p.ask({ kind: "throughput", op, inFlight: 8, ms: WARMUP_MS / 2 });
  for (let round = 0; round < ROUNDS; round++) {
    for (let op = 0; op < e2eOperations.length; op++) {
      for (const c of rotate([...processes.keys()], round + op)) {
        results[op]![c]!.push(await processes[c]!.ask<Throughput>({ kind: "throughput", op, inFlight: 8, ms: RUN_MS }));
      }
    }
  }
  await Promise.all(processes.map((p) => p.ask({ kind: "replay", on: false })));
  const rows = e2eOperations.map((op, o) => {
    const [ours, hand, naive] = results[o]!;
    const cpu = (runs: Throughput[]) => fixed(median(runs.map((r) => r.cpuPerOp)), 0);
    const ratio = (a: Throughput[], b: Throughput[]) => `${fixed(median(a.map((r, i) => b[i]!.cpuPerOp / r.cpuPerOp)))}×`;
    return [op.name, cpu(ours!), cpu(hand!), cpu(naive!), ratio(ours!, hand!), ratio(ours!, naive!)];
  });
  return markdownTable(["operation", "this layer CPU µs/op", "hand-written CPU µs/op", "naive CPU µs/op", "hand-written ÷ ours (CPU)", "naive ÷ ours (CPU)"], rows);
}

async function latencyTable(processes: ContenderProcess[]): Promise<string> {
  await Promise.all(processes.map((p) => p.ask({ kind: "delay", ms: NETWORK_MS })));
  // Untimed first: the delayed answers take other code paths than the replayed ones before them.
  for (const p of processes) for (let op = 0; op < e2eOperations.length; op++) await p.ask({ kind: "latency", op, count: LATENCY_SAMPLES });
  const samples = e2eOperations.map(() => processes.map((): number[] => []));
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (let op = 0; op < e2eOperations.length; op++) {
      for (const c of rotate([...processes.keys()], round + op)) {
        samples[op]![c]!.push(...(await processes[c]!.ask<number[]>({ kind: "latency", op, count: LATENCY_SAMPLES })));
      }
    }
  }
  await Promise.all(processes.map((p) => p.ask({ kind: "delay", ms: 0 })));
  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
  const rows = e2eOperations.map((op, o) => [op.name, ...samples[o]!.flatMap((s) => [fixed(percentile(s, 50), 1), fixed(percentile(s, 99), 1)])]);
  return markdownTable(["operation", ...CONTENDERS.flatMap((c) => [`${c} p50 ms`, `${c} p99 ms`])], rows);
}

async function main(): Promise<boolean> {
  return withLocalTable(async (_client, endpoint, tableName) => {
    await seedShop();
    const processes = CONTENDERS.map((name) => new ContenderProcess(name, endpoint, tableName));
    try {
      await Promise.all(processes.map((p) => p.ready));
      const answers = await Promise.all(processes.map((p) => p.ask<Answer[]>({ kind: "answers" })));
      const problems = checkAnswers(answers);
      for (const p of problems) console.error(`FAIL ${p}`);
      if (problems.length) return false;
      console.log(`Checked: the three contenders answer the ${e2eOperations.length} operations alike, without errors.\n`);
      if (ONLY === "replay" || ONLY === "latency") {
        console.log(ONLY === "replay" ? await replayTable(processes) : await latencyTable(processes));
        return true;
      }
      // Warm-up: every contender compiles its hot paths before anything is timed.
      for (const p of processes) for (let op = 0; op < e2eOperations.length; op++) await p.ask({ kind: "throughput", op, inFlight: 8, ms: WARMUP_MS });
      console.log(`Throughput (${ROUNDS} rounds of ${RUN_MS} ms per contender, operation and concurrency; medians):\n`);
      console.log(await throughputTable(processes, answers));
      console.log(`\nNode CPU per operation, DynamoDB's answers replayed from memory (8 in flight, ${ROUNDS} rounds of ${RUN_MS} ms; medians):\n`);
      console.log(await replayTable(processes));
      console.log(`\nLatency with a simulated ${NETWORK_MS} ms round trip per DynamoDB request, one operation at a time (${LATENCY_ROUNDS * LATENCY_SAMPLES} per contender and operation):\n`);
      console.log(await latencyTable(processes));
      return true;
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
    }
  });
}

process.exitCode = (await main()) ? 0 : 1;
