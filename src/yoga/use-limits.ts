import type { Plugin } from "graphql-yoga";
import type { OperationLimits } from "../graphql/limits/limits.js";
import { operationLimitsRule } from "../graphql/limits/rule.js";
import { useStormParserLimit } from "./use-parser-limit.js";

/**
 * The schema's limits, applied by yoga to every operation before it runs: the token limit
 * while parsing (deep nesting included, see `useStormParserLimit`), then the token, depth
 * and alias limits as a validation rule. The schema checks its own operations when they
 * run, but an operation made only of introspection fields (`__typename`, `__schema`,
 * `__type`) runs none of its resolvers, so only a server plugin can refuse it. It applies
 * the limits the schema was built with (`buildSchema({ limits })`); `overrides` replace some.
 *
 * @example createYoga({ schema, plugins: [useStormLimits()] })
 */
export function useStormLimits(overrides: Partial<OperationLimits> = {}): Plugin {
  const rule = operationLimitsRule(overrides);
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useStormParserLimit(overrides.maxTokens === undefined ? {} : { maxTokens: overrides.maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
