import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
  args: string;
}

/** DynamoDB Local JVMs listening on `port`, as `ps` sees them. */
export function dynamoDBLocalProcesses(port: number): ProcessInfo[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,comm=,args="], { encoding: "utf8" });
  const processes: ProcessInfo[] = [];
  for (const line of out.split("\n")) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const args = match[4]!;
    if (args.includes("DynamoDBLocal.jar") && new RegExp(`-port ${port}(\\s|$)`).test(args)) {
      processes.push({ pid: Number(match[1]), ppid: Number(match[2]), command: match[3]!, args });
    }
  }
  return processes;
}

/**
 * True while `pid` runs. A killed process whose new parent has not reaped it
 * yet is a zombie: `kill(pid, 0)` still succeeds, but it is dead.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Format: "pid (comm) state …"; comm may contain spaces and parentheses.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no procfs (e.g. macOS): trust kill(pid, 0)
  }
}

/** Resolves true once `pid` is dead, false if it still runs after `timeoutMs`. */
export async function waitUntilDead(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
}
