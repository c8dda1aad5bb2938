import type { Readable } from "node:stream";

/**
 * Keeps the last `limit` characters written to a stream. Reading the stream
 * also matters on its own: an unread pipe fills up and blocks the child.
 */
export class OutputTail {
  private text = "";

  constructor(
    stream: Readable | null,
    private readonly limit = 8_000,
  ) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      this.text = (this.text + chunk).slice(-this.limit);
    });
  }

  toString(): string {
    return this.text;
  }
}
