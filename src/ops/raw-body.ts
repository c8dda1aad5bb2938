import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { Readable } from "node:stream";

/** What the request handler answered, as the deserialize step sees it. */
interface RawResponse {
  statusCode?: number;
  body?: unknown;
}

const MIDDLEWARE_NAME = "stormRawBody";
/** Marks an input sent through `sendRead` whose body was not (yet) parsed here. */
const NOT_READ = Symbol("not read");

/**
 * The inputs of reads in flight through `sendRead`, each with its response body once the
 * middleware parsed it. Keyed on the input object: it is what the middleware's arguments
 * carry through every step, and it belongs to one send. A plain Map: `sendRead` always
 * deletes its entry, and weak entries cost the garbage collector more.
 */
const bodies = new Map<object, unknown>();
const equipped = new WeakSet<DynamoDBClient>();
const utf8 = new TextDecoder();

/** A Node response stream's bytes, gathered from its events: cheaper than piping it into a collector. */
function readAll(stream: Readable): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}

/**
 * Adds (once per client) a middleware at the end of the deserialize step, inside the SDK's
 * deserializer: for reads sent by `sendRead` that succeeded, it parses the body itself and
 * hands the SDK an empty one, so the SDK's schema deserializer (which would build a second
 * copy of every item only for our decoder to walk it again) has nothing to read. Error
 * statuses are left alone: the SDK still turns them into typed exceptions, and retries (a
 * step outside this one) still see them.
 */
function equip(client: DynamoDBClient): void {
  if (equipped.has(client)) return;
  equipped.add(client);
  const { streamCollector } = client.config;
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as RawResponse;
      if (response.statusCode !== 200 || !bodies.has(args.input)) return result;
      const { body } = response;
      // The same bodies the SDK's collectBody takes: bytes as they are, a stream collected.
      const bytes = body instanceof Uint8Array ? body : body instanceof Readable ? await readAll(body) : body ? await streamCollector(body) : undefined;
      if (!bytes?.byteLength) return result;
      try {
        bodies.set(args.input, JSON.parse(utf8.decode(bytes)));
        response.body = new Uint8Array(0);
      } catch {
        // A body that is not JSON goes back to the SDK, which fails it as it always did (with `$response`).
        response.body = bytes;
      }
      return result;
    },
    // override: another copy of this library in the process may have added one under this
    // name; replacing it beats throwing, and that copy's reads then take the SDK's path.
    { step: "deserialize", priority: "low", name: MIDDLEWARE_NAME, override: true },
  );
}

/**
 * Sends a read (Query, GetItem, BatchGetItem) with `send`, which must send `input` itself
 * (the object, not a copy: it is how the middleware knows the request) on `client`. Its
 * answer is parsed by `JSON.parse` alone when the client's stack runs (see `equip`);
 * otherwise (a mocked `send`, a client that cached its handlers before it was equipped) the
 * SDK's output is returned as it is. Both are DynamoDB JSON, but from the body binary values
 * (`B`, `BS`) are base64 text instead of `Uint8Array`: `decodeAttributeValue` takes both.
 */
export async function sendRead<O extends object>(client: DynamoDBClient, input: object, send: () => Promise<O>): Promise<O> {
  equip(client);
  bodies.set(input, NOT_READ);
  try {
    const out = await send();
    const body = bodies.get(input);
    return body === NOT_READ ? out : Object.assign(out, body);
  } finally {
    bodies.delete(input);
  }
}
