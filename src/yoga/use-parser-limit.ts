import type { Plugin } from "graphql-yoga";
import { clientError } from "../graphql/errors.js";
import { limitsFor } from "../graphql/limits/schema-limits.js";

/**
 * A yoga plugin that refuses documents over `maxTokens` while parsing them, before any work
 * is spent on them (the schema's own token limit counts once an operation runs). A document
 * nested deeper than graphql-js's recursive parser can follow (a few KB of `[[[[…` suffice,
 * within the token limit) is refused as a client error too, not a 500.
 *
 * @example createYoga({ schema, plugins: [useStormParserLimit()] })
 */
export function useStormParserLimit(options: {
  /** @default the schema's `limits.maxTokens` (2000 unless `buildSchema` was given another) */
  maxTokens?: number;
} = {}): Plugin {
  let maxTokens = limitsFor(undefined, options).maxTokens;
  return {
    onSchemaChange({ schema }) {
      maxTokens = limitsFor(schema, options).maxTokens;
    },
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, parseOptions) => {
        try {
          return parseFn(source, { ...parseOptions, maxTokens });
        } catch (error) {
          // The parser's only RangeError is its call stack running out.
          if (error instanceof RangeError) throw clientError("LIMIT_EXCEEDED", "Document is nested too deeply to parse", { limit: "nesting" });
          throw error;
        }
      });
    },
  };
}
