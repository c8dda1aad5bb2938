import type { ChildProcess } from "node:child_process";

/**
 * Orphan prevention. A child process outlives its parent unless someone kills
 * it, so every live DynamoDB Local is tracked here and killed when this Node
 * process goes away:
 *
 * - on `exit` (normal end, `process.exit()`, uncaught exception), where only
 *   synchronous work is possible; `ChildProcess.kill` is a synchronous kill(2);
 * - on SIGINT/SIGTERM/SIGHUP, whose default action would end Node without
 *   running `exit` handlers. Listening to a signal replaces that default, so
 *   after killing the children the handler re-raises the signal once no other
 *   listener is left, and Node dies of it as it would have.
 *
 * A SIGKILL of the parent cannot be intercepted; nothing here covers it.
 * Handlers are installed only while a child is alive, so an idle process keeps
 * its normal signal behaviour.
 */
const live = new Set<ChildProcess>();
const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
let installed = false;

export function track(child: ChildProcess): void {
  live.add(child);
  install();
  void whenGone(child).then(() => {
    live.delete(child);
    if (live.size === 0) uninstall();
  });
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all (e.g. ENOENT). */
  spawnError?: Error;
}

/**
 * Resolves when `child` is gone. A failed spawn emits `error` but never
 * `exit`, so waiting on `exit` alone could hang forever.
 */
export function whenGone(child: ChildProcess): Promise<ExitInfo> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", (spawnError) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, spawnError });
    });
  });
}

function killAll(): void {
  for (const child of live) {
    // SIGKILL: the parent is going away and cannot wait for a graceful shutdown.
    child.kill("SIGKILL");
  }
}

function onExit(): void {
  killAll();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  uninstall();
  // Another listener (e.g. a test runner's) owns the signal's meaning; otherwise
  // restore the default behaviour, which is to die of the signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off("exit", onExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}
