import { fork, type ChildProcess } from "node:child_process";
import type { ContenderName, Reply, Request } from "./protocol.js";

type Payload<R> = R extends unknown ? Omit<R, "id"> : never;

/** A contender process (bench/e2e/contender.ts) and a way to ask it things. */
export class ContenderProcess {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  #nextId = 1;
  /** Resolves once the process has built its schema and listens. */
  readonly ready: Promise<unknown>;

  constructor(
    readonly name: ContenderName,
    endpoint: string,
    tableName: string,
  ) {
    this.#child = fork(new URL("./contender.ts", import.meta.url).pathname, [name, endpoint, tableName], {
      execArgv: ["--import", "tsx", ...(process.env.BENCH_E2E_PROFILE === name ? ["--cpu-prof", "--cpu-prof-dir=.bench-profiles"] : [])],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.ready = new Promise((resolve, reject) => this.#waiting.set(0, { resolve, reject }));
    this.#child.on("message", (reply: Reply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (reply.error !== undefined) waiting?.reject(new Error(`${name}: ${reply.error}`));
      else waiting?.resolve(reply.result);
    });
    this.#child.on("exit", (code) => {
      for (const w of this.#waiting.values()) w.reject(new Error(`${name} exited (code ${code})`));
      this.#waiting.clear();
    });
  }

  ask<T>(request: Payload<Request>): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#child.send({ ...request, id });
    });
  }

  /** Disconnects; the process then exits on its own. */
  stop(): Promise<void> {
    if (this.#child.exitCode !== null || !this.#child.connected) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.#child.once("exit", () => resolve()));
    this.#child.disconnect();
    return exited;
  }
}
