import { DEFAULT_LIMITS, type OperationLimits } from "../limits/limits.js";
import type { WriteCheck } from "./guards.js";
import type { Guard } from "./types.js";

/** What `stormModels` tells the plugin's resolver wrapper, per builder. */
export interface StormState {
  /** Read guards by `Type.field`. */
  guards: Map<string, Guard>;
  /** Write guards of the generated create and update mutations, by `Mutation.field`. */
  writeChecks: Map<string, WriteCheck>;
  limits: OperationLimits;
  batching: boolean;
}

const states = new WeakMap<object, StormState>();

export function stormStateOf(builder: object): StormState {
  let state = states.get(builder);
  if (!state) {
    state = { guards: new Map(), writeChecks: new Map(), limits: DEFAULT_LIMITS, batching: true };
    states.set(builder, state);
  }
  return state;
}
