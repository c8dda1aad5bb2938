/**
 * One contender alone, DynamoDB's answers replayed from memory: the minimum and median Node
 * CPU per operation over several runs, for comparing two trees (or a change) process by
 * process. With BENCH_E2E_PROFILE set to the contender's name, it also writes a CPU profile.
 *
 *   npx tsx bench/e2e/solo.ts "this layer" 0,1,2,3 [runs=7] [ms=1000]
 */
import { withLocalTable } from "../support/local-table.js";
import { seedShop } from "../support/shop.js";
import { e2eOperations } from "./operations.js";
import { ContenderProcess } from "./process.js";
import { CONTENDERS, type ContenderName, type Throughput } from "./protocol.js";

const [name = "this layer", ops = e2eOperations.map((_, i) => i).join(","), runs = "7", ms = "1000"] = process.argv.slice(2);
if (!CONTENDERS.includes(name as ContenderName)) throw new Error(`Unknown contender ${name}: one of ${CONTENDERS.join(", ")}`);
const WARMUP_MS = 1500;

await withLocalTable(async (_client, endpoint, tableName) => {
  await seedShop();
  const contender = new ContenderProcess(name as ContenderName, endpoint, tableName);
  try {
    await contender.ready;
    await contender.ask({ kind: "replay", on: true });
    const chosen = ops.split(",").map(Number);
    for (const op of chosen) await contender.ask({ kind: "throughput", op, inFlight: 8, ms: WARMUP_MS });
    for (const op of chosen) {
      const cpu: number[] = [];
      for (let r = 0; r < Number(runs); r++) cpu.push((await contender.ask<Throughput>({ kind: "throughput", op, inFlight: 8, ms: Number(ms) })).cpuPerOp);
      cpu.sort((a, b) => a - b);
      console.log(`${name} | ${e2eOperations[op]!.name} | min ${Math.round(cpu[0]!)} µs/op | median ${Math.round(cpu[cpu.length >> 1]!)} µs/op`);
    }
  } finally {
    await contender.stop();
  }
});
