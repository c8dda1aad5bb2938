import type { GraphQLSchema } from "graphql";
import { createYoga } from "graphql-yoga";

export interface GraphQLResponse<D = Record<string, unknown>> {
  status: number;
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

/**
 * A yoga server over `schema`, called in-process through `yoga.fetch` (no port), with
 * masked errors as in production. `context` adds per-request context (hand-written resolvers' loaders).
 */
export function graphqlClient(schema: GraphQLSchema, context?: () => object) {
  const yoga = createYoga({ schema, maskedErrors: true, logging: false, ...(context ? { context } : {}) });
  return async function request<D = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>> {
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<D>, "status">) };
  };
}

export function errorCodes(response: GraphQLResponse<unknown>): (string | undefined)[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
