import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { ValidationError } from "../../errors/index.js";
import { pastSkBlock, skBlock, type SkBlock } from "../../keys/sk-block.js";
import type { SortKeyCondition } from "../../keys/sort-key.js";
import { toAttributeMap, type NativeItem } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import { markPartial } from "../../model/instance.js";
import { itemMatchesModel } from "../../model/routing.js";
import type { Fields, SortKeyOf, UsingOf } from "../../model/types.js";
import { currentLoaders, type Loaders } from "../../loader/context.js";
import { table } from "../../table/table.js";
import type { Where } from "../where.js";
import { countItems } from "./count.js";
import { decodeCursor, encodeCursor, queryFingerprint, resumeKey, type CursorKey } from "./cursor.js";
import { readPartition } from "./partition-reader.js";
import { buildQuery, buildRead, INITIAL_STATE, type QueryState } from "./query-state.js";

/** How a QuerySet turns stored items into instances. */
export interface ModelBinding<I> {
  readonly meta: ModelMeta;
  fromStored(item: NativeItem): I;
}

export interface PageOptions<I = unknown> {
  /** Items per page, 1 to 1000. */
  size: number;
  /** The cursor of the previous page, or null/undefined for the first. */
  cursor?: string | null;
  /**
   * With a filter, requests a page may make to find `size` matches before it returns fewer.
   * @default 10
   */
  maxReads?: number;
  /**
   * Keeps only the items this accepts (authorization rules), inside the read: refused items
   * neither fill nor end the page, which reads on as a filter does.
   */
  keep?: (item: I) => boolean;
  /**
   * Reads the `size` items before `cursor` (Relay `last`/`before`), or the last `size` items
   * without one: the reads go the other way, items still come in the query's order, and
   * `cursor`/`hasMore` point further back. Cursors stay bound to the query's order (its
   * `reverse()`), so the cursors of one page serve to page either way.
   * @default false
   */
  backward?: boolean;
}

export interface Page<I> {
  items: I[];
  /**
   * Resumes where this page's reads stopped: after the last item, or past it when the reads
   * ended at their bound (a sparse filter), so an empty page still continues. Null when nothing follows.
   */
  cursor: string | null;
  /** More items follow in the direction read: after the page, or before it when read `backward`. */
  hasMore: boolean;
  /** The page was read `backward`: `cursor` and `hasMore` look before its first item. */
  backward?: boolean;
  /** A cursor resuming right after `items[index]` (encrypted on demand: Relay edge cursors). */
  cursorAt(index: number): string;
}

const MAX_PAGE = 1000;
/** Requests a page makes at most to fill itself (`PageOptions.maxReads`); the GraphQL cost estimate counts it per filtered page. */
export const DEFAULT_MAX_READS = 10;
/** Items a read asks for once items are being dropped: sparse matches are found in few requests. */
const SPARSE_READ_LIMIT = 100;

/** What one read holds of the model: its items before the read left the model's SK block. */
interface ModelItems {
  items: NativeItem[];
  /** An item past the block was read: nothing of the model follows. */
  pastBlock: boolean;
  /** Items read before the block was left, other models' included. */
  inBlock: number;
}

/** The model's items among `items` (in reading order), up to the first one past its SK block. */
function modelItems(meta: ModelMeta, block: SkBlock, items: readonly NativeItem[], reverse: boolean): ModelItems {
  const out: NativeItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (pastSkBlock(block, item.SK, reverse)) return { items: out, pastBlock: true, inBlock: i };
    if (itemMatchesModel(meta, item)) out.push(item);
  }
  return { items: out, pastBlock: false, inBlock: items.length };
}

/**
 * A query on one partition of the table or of GSI1. Immutable: every method returns a new
 * QuerySet, so a base query can be shared and narrowed safely. Nothing is read until it is
 * iterated (`for await`), or `all()`, `first()` or `page()` is called.
 */
export class QuerySet<Fs extends Fields, I> implements AsyncIterable<I> {
  constructor(
    readonly binding: ModelBinding<I>,
    readonly state: QueryState = INITIAL_STATE,
  ) {}

  /** An instance from a stored item; one read with `only()` is marked partial, so `save()` refuses it. */
  #build(item: NativeItem): I {
    const instance = this.binding.fromStored(item);
    if (this.state.only && typeof instance === "object" && instance !== null) markPartial(instance);
    return instance;
  }

  /** Read once per read, before its first await: the loaders given, else those of `withLoaders`. */
  #loaders(): Loaders | undefined {
    return this.state.loaders ?? currentLoaders();
  }

  #with(change: Partial<QueryState>): QuerySet<Fs, I> {
    return new QuerySet(this.binding, { ...this.state, ...change });
  }

  /** Field values that pick the partition (pk fields, or gsi fields with `useIndex`) and an SK prefix. */
  using(values: UsingOf<Fs>): QuerySet<Fs, I> {
    return this.#with({ values: { ...this.state.values, ...values } });
  }

  /** Query GSI1 (GSI1PK from the gsi fields) instead of the table. */
  useIndex(on = true): QuerySet<Fs, I> {
    return this.#with({ index: on });
  }

  consistent(on = true): QuerySet<Fs, I> {
    return this.#with({ consistent: on });
  }

  /** At most `n` items in all (also the request's Limit). */
  limit(n: number): QuerySet<Fs, I> {
    if (!Number.isInteger(n) || n < 1) throw new ValidationError(`limit(n) takes a positive integer, got ${String(n)}`);
    return this.#with({ limit: n });
  }

  /** Descending sort-key order. */
  reverse(on = true): QuerySet<Fs, I> {
    return this.#with({ reverse: on });
  }

  /** Read only these fields (key fields always come along). */
  only(...fields: (keyof Fs & string)[]): QuerySet<Fs, I> {
    const unknown = fields.filter((f) => !this.binding.meta.fields[f]);
    if (unknown.length) throw new ValidationError(`only(): unknown field(s) of ${this.binding.meta.name}: ${unknown.join(", ")}`);
    return this.#with({ only: fields });
  }

  /** Start strictly after the sort key given in `using(...)` instead of matching it as a prefix. */
  startingAfter(on = true): QuerySet<Fs, I> {
    return this.#with({ startingAfter: on });
  }

  /** Keep only items matching `where` (a FilterExpression; read capacity is still spent). */
  filter(where: Where<Fs>): QuerySet<Fs, I> {
    const filter = this.state.filter ? { and: [this.state.filter, where as Where] } : (where as Where);
    return this.#with({ filter });
  }

  /** A condition on the sort key: `.sortKey({ gte: { order_id: "2024" } })`. */
  sortKey(condition: SortKeyCondition<SortKeyOf<Fs>>): QuerySet<Fs, I> {
    return this.#with({ sortKey: condition as SortKeyCondition<Readonly<Record<string, unknown>>> });
  }

  /** The Query request this QuerySet sends first, without sending it. */
  getQuery(): QueryCommandInput {
    return buildQuery(this.binding.meta, this.state);
  }

  /**
   * The matching stored items, a read at a time, up to `limit` in all: `all()` drains it a
   * read at a time, while iterating builds one instance per step; an async step per item
   * would cost more than building it.
   */
  async *#reads(): AsyncGenerator<NativeItem[], void, undefined> {
    const { meta } = this.binding;
    const { input, shape } = buildRead(meta, this.state);
    const loaders = this.#loaders();
    const block = skBlock(meta);
    let remaining = this.state.limit ?? Infinity;
    let start: CursorKey | undefined;
    do {
      const out = await readPartition(loaders, { ...input, ...(start ? { ExclusiveStartKey: toAttributeMap(start) } : {}) }, shape);
      const { items, pastBlock } = modelItems(meta, block, out.items, this.state.reverse);
      const ends = pastBlock || items.length >= remaining;
      yield items.length > remaining ? items.slice(0, remaining) : items;
      if (ends) return;
      remaining -= items.length;
      start = out.lastKey;
      if (input.Limit !== undefined) input.Limit = Math.min(input.Limit, remaining);
    } while (start);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<I> {
    for await (const items of this.#reads()) for (const item of items) yield this.#build(item);
  }

  /**
   * How many items match, counted by DynamoDB (`Select: COUNT`, all pages; `limit` and
   * `only` do not apply): no item is transferred, but the capacity is that of reading them.
   * Needing more than `maxReads` requests (default 10, each reading up to 1 MB) is a
   * `RequestLimitExceeded` with `limit: "countReads"`.
   */
  count(options: { maxReads?: number } = {}): Promise<number> {
    return countItems(this.binding.meta, this.state, this.#loaders(), options.maxReads);
  }

  /** Every matching item (all pages). */
  async all(): Promise<I[]> {
    const out: I[] = [];
    for await (const items of this.#reads()) for (const item of items) out.push(this.#build(item));
    return out;
  }

  /** The first matching item, or null. */
  async first(): Promise<I | null> {
    for await (const item of this.limit(this.state.limit ?? 1)) return item;
    return null;
  }

  /**
   * One page and an opaque cursor for the next. A cursor only resumes the query it came from;
   * any other is a `BadCursor`. With a filter, reads continue until `size` items match, the
   * partition ends, or `maxReads` requests were made.
   */
  async page(options: PageOptions<I>): Promise<Page<I>> {
    const { size, maxReads = DEFAULT_MAX_READS, keep, backward = false } = options;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw new ValidationError(`page size must be an integer from 1 to ${MAX_PAGE}, got ${String(size)}`);
    // Cursors are bound to the query's order; a backward page reads the other way.
    const ordered = buildRead(this.binding.meta, this.state);
    const { input } = ordered;
    const reverse = this.state.reverse !== backward;
    const read = backward ? buildRead(this.binding.meta, { ...this.state, reverse }) : ordered;
    const loaders = this.#loaders();
    // Hashed only when a cursor is read or made: most GraphQL pages ask for none.
    let fingerprint: string | undefined;
    const fingerprintOf = () => (fingerprint ??= queryFingerprint(input));
    let start = options.cursor != null ? decodeCursor(table.cursorSecret, fingerprintOf(), options.cursor) : undefined;
    const matched: NativeItem[] = [];
    const built = new Map<NativeItem, I>();
    const kept = keep && ((item: NativeItem): boolean => {
      const instance = this.#build(item);
      built.set(item, instance);
      return keep(instance);
    });
    const block = skBlock(this.binding.meta);
    // Reads that drop items (a filter, other models' items, refused items) read wide, as a filter does.
    let sparse = !!input.FilterExpression;
    let reads = 0;
    // One item past the page tells whether another page exists, without an empty last page.
    while (matched.length <= size) {
      const need = size + 1 - matched.length;
      const out = await readPartition(loaders, {
        ...read.input,
        Limit: sparse ? Math.max(need, SPARSE_READ_LIMIT) : need,
        ...(start ? { ExclusiveStartKey: toAttributeMap(start) } : {}),
      }, read.shape);
      const found = modelItems(this.binding.meta, block, out.items, reverse);
      const fits = kept ? found.items.filter(kept) : found.items;
      sparse ||= fits.length < found.inBlock;
      for (const item of fits) matched.push(item);
      // Past the model's block nothing of it follows: the end, not a page to resume.
      start = found.pastBlock ? undefined : out.lastKey;
      if (!start || ++reads >= maxReads) break;
    }
    const readItems = matched.slice(0, size);
    const last = readItems.at(-1);
    const resumeAt = matched.length > size && last ? resumeKey(last, !!input.IndexName) : start;
    const items = backward ? readItems.reverse() : readItems;
    const secret = table.cursorSecret;
    let cursor: string | null | undefined;
    return {
      items: items.map((item) => built.get(item) ?? this.#build(item)),
      // Encrypted on first read: a GraphQL page that asks for no endCursor never pays for it.
      get cursor() {
        return (cursor ??= resumeAt ? encodeCursor(secret, fingerprintOf(), resumeAt) : null);
      },
      hasMore: !!resumeAt,
      ...(backward ? { backward } : {}),
      cursorAt: (index) => encodeCursor(secret, fingerprintOf(), resumeKey(items[index]!, !!input.IndexName)),
    };
  }
}
