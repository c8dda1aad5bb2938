import type { GraphQLResponse } from "./graphql.js";

/**
 * A subscription over server-sent events through `yoga.fetch`: the events' `data` as they
 * arrive, read from the response body as a browser's EventSource would.
 */
export async function subscribe<D = Record<string, unknown>>(
  yoga: { fetch(url: string, init: RequestInit): Response | Promise<Response> },
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const response = await yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const received: GraphQLResponse<D>[] = [];
  const arrivals: number[] = [];
  let buffer = "";
  let complete = false;
  let waiter: (() => void) | undefined;
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(message)?.[1];
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (event === "complete") complete = true;
        else if (data) {
          received.push({ status: response.status, ...(JSON.parse(data) as object) });
          arrivals.push(performance.now());
        }
        waiter?.();
      }
    }
    complete = true;
    waiter?.();
  })();
  return {
    status: response.status,
    received,
    /** When each event arrived (`performance.now()`), in the order of `received`. */
    arrivals,
    /** Whether the server ended the stream. */
    get complete() {
      return complete;
    },
    /** Waits until `count` events arrived (or the stream ended), at most `ms`. */
    async waitFor(count: number, ms = 5000): Promise<GraphQLResponse<D>[]> {
      const deadline = Date.now() + ms;
      while (received.length < count && !complete && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          waiter = resolve;
          setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
      }
      return received;
    },
    async close(): Promise<void> {
      await reader.cancel();
      await pump;
    },
  };
}
