// A typed GraphQL client in a few lines: the documents and their result and variable types come
// from `npm run codegen`, so `tsc` rejects a misspelt field or a missing variable.
// Run against a started server: `npx tsx example-server/client-example.ts [url]` (as Ada, with
// a development token; a real client gets its token from the sign-in).
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { pathToFileURL } from "node:url";
import { signToken } from "./auth.js";
import { CustomerOrdersDocument, ProductsByCategoryDocument } from "./generated/graphql.js";

/** Sends one operation as the caller `token` names and returns its typed `data`; GraphQL errors become one thrown Error. */
export async function request<Result, Variables>(
  url: string,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
  token: string,
  fetchImpl: typeof fetch = fetch,
): Promise<Result> {
  const response = await fetchImpl(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: Result; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL error: ${(body.errors ?? []).map((e) => `${e.message} (${e.extensions?.code ?? "no code"})`).join("; ")}`);
  }
  return body.data;
}

/** Ada's latest orders and the in-stock books: two typed requests. */
export async function showExample(url: string, token: string, fetchImpl: typeof fetch = fetch): Promise<string[]> {
  const { customer } = await request(url, CustomerOrdersDocument, { customerId: "ada", first: 3 }, token, fetchImpl);
  const lines = [`${customer?.name} (${customer?.tier}), latest orders:`];
  for (const edge of customer?.orders?.edges ?? []) {
    const order = edge?.node;
    if (order) lines.push(`  ${order.order_id}  ${order.placed_at.slice(0, 10)}  ${order.status.padEnd(9)} ${order.total.toFixed(2)} EUR  ${order.product?.name}`);
  }
  const books = await request(url, ProductsByCategoryDocument, { category: "BOOKS", filter: { in_stock: { eq: true } } }, token, fetchImpl);
  lines.push("Books in stock:", ...(books.productsByCategory?.edges ?? []).map((e) => `  ${e?.node?.name}, ${e?.node?.price} EUR`));
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await showExample(process.argv[2] ?? "http://127.0.0.1:4000/graphql", await signToken("ada"))).join("\n"));
}
