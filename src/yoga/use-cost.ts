import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { OperationCost } from "../loader/budget.js";
import { operationCost } from "../graphql/operation-loaders.js";

export interface StormCostOptions {
  /**
   * Add the operation's cost to every response as `extensions.storm.cost` (GraphiQL shows it
   * under the result). Off in production unless switched on: it tells callers how the data is stored.
   * @default process.env.NODE_ENV !== "production"
   */
  extensions?: boolean;
  /**
   * Called once per executed query or mutation with what it cost, for a log line or a
   * dashboard metric. `operationName` is null for anonymous operations.
   */
  log?: (cost: OperationCost, operationName: string | null) => void;
}

/**
 * A yoga plugin reporting what each operation really cost in DynamoDB, as counted on its
 * loaders where every request is sent: requests by command, consumed read and write
 * capacity, items read and milliseconds waiting on DynamoDB.
 *
 * @example createYoga({ schema, plugins: [useStormCost({ extensions: true, log: (cost, name) => console.log(JSON.stringify({ name, ...cost })) })] })
 */
export function useStormCost(options: StormCostOptions = {}): Plugin {
  const extensions = options.extensions ?? process.env.NODE_ENV !== "production";
  const { log } = options;
  if (!extensions && !log) return {};
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          // Incremental delivery (@defer, @stream) answers in parts: no single total to attach.
          if (Symbol.asyncIterator in result) return;
          const cost = operationCost(args.contextValue as object);
          log?.(cost, getOperationAST(args.document, args.operationName)?.name?.value ?? null);
          if (extensions) setResult({ ...result, extensions: { ...result.extensions, storm: { cost } } });
        },
      };
    },
  };
}
