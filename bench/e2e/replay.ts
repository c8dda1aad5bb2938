import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Readable } from "node:stream";

interface Recorded {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface HttpRequest {
  headers: Record<string, string>;
  body?: unknown;
}
interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}
const utf8 = new TextDecoder();
/** The request body as text: the SDK may hand it over as bytes. */
const bodyText = (body: unknown) => (body instanceof Uint8Array ? utf8.decode(body) : String(body));

type Handle = (request: HttpRequest, options?: unknown) => Promise<{ response: HttpResponse }>;

/**
 * Records each DynamoDB response by its request (target and body), then answers the same
 * requests from memory: every Node-side step (signing, serialization, body parsing,
 * deserialization, GraphQL) runs as over the network, but no time is spent in DynamoDB
 * Local, so the CPU per operation of one contender is measured without Java competing.
 */
export class Replay {
  mode: "live" | "record" | "replay" = "live";
  readonly #recorded = new Map<string, Recorded>();

  constructor(client: DynamoDBClient) {
    const handler = client.config.requestHandler as unknown as { handle: Handle };
    const live = handler.handle.bind(handler);
    handler.handle = (request, options) => this.#handle(live, request, options);
  }

  async #handle(live: Handle, request: HttpRequest, options?: unknown): Promise<{ response: HttpResponse }> {
    const id = `${request.headers["x-amz-target"]}\n${bodyText(request.body)}`;
    if (this.mode === "replay") {
      const recorded = this.#recorded.get(id);
      if (!recorded) throw new Error(`Replay: no recorded response for ${id}`);
      return { response: { statusCode: recorded.statusCode, headers: { ...recorded.headers }, body: Readable.from([recorded.body]) } };
    }
    const answer = await live(request, options);
    if (this.mode === "live") return answer;
    const chunks: Buffer[] = [];
    for await (const chunk of answer.response.body as AsyncIterable<Buffer>) chunks.push(chunk);
    const recorded = { statusCode: answer.response.statusCode, headers: answer.response.headers, body: Buffer.concat(chunks) };
    this.#recorded.set(id, recorded);
    return { response: { ...answer.response, body: Readable.from([recorded.body]) } };
  }
}
