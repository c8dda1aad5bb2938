import { DEFAULT_LIMITS, type OperationLimits } from "../limits/limits.js";
import type { Guard } from "./types.js";

/** What `stormModels` tells the plugin's resolver wrapper, per builder. */
export interface StormState {
  guards: Map<string, Guard>;
  limits: OperationLimits;
  batching: boolean;
}

const states = new WeakMap<object, StormState>();

export function stormStateOf(builder: object): StormState {
  let state = states.get(builder);
  if (!state) {
    state = { guards: new Map(), limits: DEFAULT_LIMITS, batching: true };
    states.set(builder, state);
  }
  return state;
}
