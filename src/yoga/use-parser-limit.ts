import type { Plugin } from "graphql-yoga";
import { DEFAULT_LIMITS } from "../graphql/limits/limits.js";

/**
 * A yoga plugin that refuses documents over `maxTokens` while parsing them, before any work
 * is spent on them (the schema's own token limit counts once an operation runs).
 *
 * @example createYoga({ schema, plugins: [useStormParserLimit({ maxTokens: 2000 })] })
 */
export function useStormParserLimit(options: { /** @default 2000 */ maxTokens?: number } = {}): Plugin {
  const maxTokens = options.maxTokens ?? DEFAULT_LIMITS.maxTokens;
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, parseOptions) => parseFn(source, { ...parseOptions, maxTokens }));
    },
  };
}
