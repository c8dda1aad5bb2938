import { GraphQLError, NoSchemaIntrospectionCustomRule } from "graphql";
import type { Plugin } from "graphql-yoga";

export interface IntrospectionOptions {
  /**
   * Answer introspection queries (GraphiQL, codegen). Off, they are refused, and validation
   * errors no longer suggest field names ("Did you mean ...?"), which would leak the schema.
   * @default true
   */
  introspection?: boolean;
}

const SUGGESTION = /\s*Did you mean .*\?$/;

/**
 * A yoga plugin for production schemas without introspection: refuses `__schema`/`__type`
 * and strips field suggestions from validation errors.
 *
 * @example createYoga({ schema, plugins: [useStormIntrospection({ introspection: false })] })
 */
export function useStormIntrospection(options: IntrospectionOptions = {}): Plugin {
  if (options.introspection !== false) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
      return ({ valid, result, setResult }) => {
        if (valid) return;
        setResult(
          (result as readonly GraphQLError[]).map((error) =>
            SUGGESTION.test(error.message) ? new GraphQLError(error.message.replace(SUGGESTION, ""), { nodes: error.nodes, extensions: error.extensions }) : error,
          ),
        );
      };
    },
  };
}
