import type { Plugin } from "graphql-yoga";
import type { OperationLimits } from "../graphql/limits/limits.js";
import { operationLimitsRule } from "../graphql/limits/rule.js";
import { useStormParserLimit } from "./use-parser-limit.js";

/**
 * The schema's limits, applied by yoga to every operation before it runs: the token limit
 * while parsing (deep nesting included, see `useStormParserLimit`), then the token, depth
 * and alias limits as a validation rule. The schema checks its own operations when they
 * run, but an operation made only of introspection fields (`__typename`, `__schema`,
 * `__type`) runs none of its resolvers, so only a server plugin can refuse it. Give it the
 * limits given to the schema.
 *
 * @example createYoga({ schema, plugins: [useStormLimits({ maxAliases: 30 })] })
 */
export function useStormLimits(limits: Partial<OperationLimits> = {}): Plugin {
  const rule = operationLimitsRule(limits);
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useStormParserLimit(limits.maxTokens === undefined ? {} : { maxTokens: limits.maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(rule);
    },
  };
}
