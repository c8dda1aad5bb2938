import type { GraphQLResponse } from "../../test/support/graphql.js";

/** The contenders, each served from its own process (promise hooks are process-wide). */
export const CONTENDERS = ["this layer", "hand-written", "naive"] as const;
export type ContenderName = (typeof CONTENDERS)[number];

/** What the parent asks a contender process; each request gets one reply with its `id`. */
export type Request =
  | { id: number; kind: "answers" }
  | { id: number; kind: "throughput"; op: number; inFlight: number; ms: number }
  | { id: number; kind: "latency"; op: number; count: number }
  | { id: number; kind: "delay"; ms: number }
  | { id: number; kind: "replay"; on: boolean };

/** One operation's answer and the DynamoDB commands it sent, in order. */
export interface Answer {
  response: GraphQLResponse;
  calls: string[];
}

export interface Throughput {
  opsPerSecond: number;
  /** Node CPU (user + system of the contender process) per operation, µs. */
  cpuPerOp: number;
}

export interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}
