import { createExampleYoga } from "./yoga.js";

/**
 * The subset of an API Gateway HTTP API (payload 2.0) or Lambda function URL event that a
 * GraphQL request needs; typed here so the example needs no `@types/aws-lambda`.
 */
export interface HttpApiEvent {
  rawPath: string;
  rawQueryString: string;
  headers: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { http: { method: string }; domainName: string };
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

// Built once per Lambda container and reused by every invocation. The table comes from
// DB_TABLE_NAME and the client from the AWS default chain (the function's role); nothing is
// created or seeded here. No GraphiQL: its self-contained page exceeds Lambda's 6 MB
// response limit.
const yoga = createExampleYoga();

/** The Lambda entry point: `handler` in `example-server/lambda.ts`. */
export async function handler(event: HttpApiEvent): Promise<HttpApiResult> {
  const url = `https://${event.requestContext.domainName}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ""}`;
  const method = event.requestContext.http.method;
  const headers = Object.entries(event.headers).filter((e): e is [string, string] => e[1] !== undefined);
  const body = event.body === undefined || method === "GET" || method === "HEAD"
    ? undefined
    : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
  const response = await yoga.fetch(url, { method, headers, ...(body ? { body } : {}) });
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
    isBase64Encoded: false,
  };
}
